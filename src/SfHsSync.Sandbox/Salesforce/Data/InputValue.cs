using System.Globalization;
using System.Text.Json;
using SfHsSync.Sandbox.Salesforce.Schema;

namespace SfHsSync.Sandbox.Salesforce.Data;

/// <summary>A value a client sent for a field, before it is checked: a JSON value, a CSV cell, or a .NET value from a test.</summary>
public readonly record struct InputValue
{
    private readonly JsonElement _json;
    private readonly object? _native;
    private readonly byte _kind;

    private InputValue(byte kind, JsonElement json, object? native)
    {
        _kind = kind;
        _json = json;
        _native = native;
    }

    public static InputValue FromJson(JsonElement json) => new(0, json, null);

    /// <summary>A Bulk API cell: <c>#N/A</c> clears the field, an empty cell leaves it alone (the caller drops it).</summary>
    public static InputValue FromCsv(string cell) => new(1, default, cell == "#N/A" ? null : cell);

    public static InputValue FromObject(object? value) => new(2, default, value);

    /// <summary>The held form of the value for a field; false with the offending text when it does not fit the type.</summary>
    public bool TryConvert(SObjectField field, out object? value, out string? problem)
    {
        switch (_kind)
        {
            case 0:
                return FieldValues.TryFromJson(field, _json, out value, out problem);
            case 1:
                if (_native is null)
                {
                    value = null;
                    problem = null;
                    return true;
                }

                return FieldValues.TryFromText(field, (string)_native, out value, out problem);
            default:
                return FromNative(field, _native, out value, out problem);
        }
    }

    private static bool FromNative(SObjectField field, object? native, out object? value, out string? problem)
    {
        problem = null;
        switch (native)
        {
            case null:
                value = null;
                return true;
            case string s:
                return FieldValues.TryFromText(field, s, out value, out problem);
            case bool or decimal or DateOnly when field.Type != "string":
                value = native;
                break;
            case int or long or double or float when field.IsNumber:
                value = Convert.ToDecimal(native, CultureInfo.InvariantCulture);
                return true;
            case DateTimeOffset dto:
                value = FieldValues.Truncate(dto.ToUniversalTime());
                break;
            case DateTime dt:
                value = FieldValues.Truncate(new DateTimeOffset(DateTime.SpecifyKind(dt, dt.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : dt.Kind)).ToUniversalTime());
                break;
            default:
                return FieldValues.TryFromText(field, FieldValues.ToText(native), out value, out problem);
        }

        // A typed value must still fit the field's type; text is re-read so a bool cannot land in a date field.
        return FieldValues.TryFromText(field, FieldValues.ToText(value), out value, out problem);
    }
}
