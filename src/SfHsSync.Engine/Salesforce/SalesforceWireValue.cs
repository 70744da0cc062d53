using System.Globalization;
using System.Text.Json;

namespace SfHsSync.Engine.Salesforce;

/// <summary>
/// One representation for every field value, whichever API read it: Salesforce's wire text in the invariant culture.
/// Numbers as plain decimal text without trailing zeros, booleans "true"/"false", dates "yyyy-MM-dd", datetimes
/// "yyyy-MM-ddTHH:mm:ss.fffZ" in UTC, null as null. A REST read and a Bulk read of the same record normalize equal.
/// </summary>
public static class SalesforceWireValue
{
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static bool IsNumeric(string fieldType) => fieldType is "int" or "long" or "double" or "currency" or "percent";

    public static bool IsBoolean(string fieldType) => fieldType == "boolean";

    public static bool IsDateTime(string fieldType) => fieldType == "datetime";

    /// <summary>The wire text of a REST JSON value; <paramref name="fieldType"/> is describe's type, or null when unknown.</summary>
    public static string? FromJson(JsonElement value, string? fieldType)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            case JsonValueKind.Number:
                return NormalizeNumber(value.GetRawText());
            case JsonValueKind.String:
                return FromText(value.GetString()!, fieldType, emptyIsNull: false);
            default:
                // Compound values (address, location) travel as their JSON text: they are read, never synced field by field.
                return value.GetRawText();
        }
    }

    /// <summary>The wire text of a Bulk API CSV cell: an empty cell is null, as Salesforce stores no empty strings.</summary>
    public static string? FromCsv(string cell, string? fieldType) => FromText(cell, fieldType, emptyIsNull: true);

    private static string? FromText(string text, string? fieldType, bool emptyIsNull)
    {
        if (text.Length == 0)
        {
            return emptyIsNull ? null : text;
        }

        if (fieldType is null)
        {
            return text;
        }

        if (IsNumeric(fieldType))
        {
            return NormalizeNumber(text);
        }

        if (IsBoolean(fieldType))
        {
            return bool.TryParse(text, out var b) ? (b ? "true" : "false") : text;
        }

        if (IsDateTime(fieldType))
        {
            return NormalizeDateTime(text);
        }

        return text;
    }

    /// <summary>Plain invariant decimal text without trailing zeros ("1234.50" and "1.2345E3" both become "1234.5").</summary>
    public static string NormalizeNumber(string text)
    {
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            // Dividing by 1.000… drops the scale that "1234.50" carries, so equal numbers print equal.
            var normalized = d / 1.0000000000000000000000000000m;
            return normalized.ToString(CultureInfo.InvariantCulture);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var dbl)
            ? dbl.ToString("R", CultureInfo.InvariantCulture)
            : text;
    }

    /// <summary>ISO-8601 UTC with milliseconds; accepts Salesforce's "+0000" offsets, "Z" and "+00:00".</summary>
    public static string NormalizeDateTime(string text)
        => TryParseDateTime(text, out var value) ? FormatDateTime(value) : text;

    public static string FormatDateTime(DateTimeOffset value) => value.ToUniversalTime().ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    public static bool TryParseDateTime(string text, out DateTimeOffset value)
    {
        var candidate = text;
        // .NET reads "+00:00" but not Salesforce's "+0000": put the colon in.
        if (candidate.Length > 5 && (candidate[^5] == '+' || candidate[^5] == '-') && char.IsDigit(candidate[^1]) && candidate[^3] != ':')
        {
            candidate = string.Concat(candidate.AsSpan(0, candidate.Length - 2), ":", candidate.AsSpan(candidate.Length - 2));
        }

        return DateTimeOffset.TryParse(candidate, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    /// <summary>Writes wire text as the JSON a REST write expects: numbers and booleans typed, the rest as strings.</summary>
    public static void WriteJson(Utf8JsonWriter writer, string? value, string fieldType)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        if (IsNumeric(fieldType) && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            writer.WriteNumberValue(number);
            return;
        }

        if (IsBoolean(fieldType) && bool.TryParse(value, out var flag))
        {
            writer.WriteBooleanValue(flag);
            return;
        }

        // Anything that does not parse goes as text, so Salesforce itself refuses it with its own error code for that record.
        writer.WriteStringValue(value);
    }

    /// <summary>The CSV cell a Bulk ingest job expects: "#N/A" sets a field to null (an empty cell would leave it unchanged).</summary>
    public static string ToCsv(string? value) => value ?? "#N/A";
}
