using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SfHsSync.Sandbox.Salesforce.Schema;

/// <summary>
/// How field values are held (string, decimal, bool, DateOnly, DateTimeOffset in UTC) and how they cross the wire:
/// JSON numbers and booleans, dates <c>2025-03-01</c>, datetimes <c>2013-05-20T20:49:32.000+0000</c>.
/// </summary>
public static partial class FieldValues
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK",
    ];

    public static string FormatDateTime(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    public static string FormatDate(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Reads an ISO-8601 datetime with Z, +hh:mm or +hhmm; the result is UTC with millisecond precision.</summary>
    public static bool TryParseDateTime(string text, out DateTimeOffset value)
    {
        var normalized = OffsetWithoutColon().Replace(text.Trim(), "$1:$2");
        if (DateTimeOffset.TryParseExact(normalized, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = Truncate(parsed.ToUniversalTime());
            return true;
        }

        value = default;
        return false;
    }

    public static bool TryParseDate(string text, out DateOnly value)
        => DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    public static DateTimeOffset Truncate(DateTimeOffset value)
        => new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>Turns a JSON value into the held form for a field, or says why it does not fit.</summary>
    public static bool TryFromJson(SObjectField field, JsonElement json, out object? value, out string? problem)
    {
        problem = null;
        value = null;
        switch (json.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return true;
            case JsonValueKind.String:
                return TryFromText(field, json.GetString()!, out value, out problem);
            case JsonValueKind.Number when field.IsNumber:
                var number = json.GetDecimal();
                if (field.Type is "int" or "long" && number != decimal.Truncate(number))
                {
                    problem = json.GetRawText();
                    return false;
                }

                value = number;
                return true;
            case JsonValueKind.Number when field.IsText && field.Type is not ("picklist" or "multipicklist"):
                value = json.GetRawText();
                return true;
            case JsonValueKind.True or JsonValueKind.False when field.Type == "boolean":
                value = json.GetBoolean();
                return true;
            default:
                problem = json.GetRawText();
                return false;
        }
    }

    /// <summary>Turns text (a JSON string or a CSV cell) into the held form for a field, or says why it does not fit.</summary>
    public static bool TryFromText(SObjectField field, string text, out object? value, out string? problem)
    {
        problem = null;
        value = null;
        switch (field.Type)
        {
            case "boolean":
                if (bool.TryParse(text.Trim(), out var b))
                {
                    value = b;
                    return true;
                }

                if (text.Trim() is "1" or "0")
                {
                    value = text.Trim() == "1";
                    return true;
                }

                break;
            case "currency" or "double" or "percent" or "int" or "long":
                if (text.Length == 0)
                {
                    return true;
                }

                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && (field.Type is not ("int" or "long") || d == decimal.Truncate(d)))
                {
                    value = d;
                    return true;
                }

                break;
            case "date":
                if (text.Length == 0)
                {
                    return true;
                }

                if (TryParseDate(text, out var date))
                {
                    value = date;
                    return true;
                }

                // Salesforce takes a datetime for a date field and keeps its date part.
                if (TryParseDateTime(text, out var dateTime))
                {
                    value = DateOnly.FromDateTime(dateTime.UtcDateTime);
                    return true;
                }

                break;
            case "datetime":
                if (text.Length == 0)
                {
                    return true;
                }

                if (TryParseDateTime(text, out var dt))
                {
                    value = dt;
                    return true;
                }

                break;
            default:
                value = text.Length == 0 ? null : text;
                return true;
        }

        problem = text;
        return false;
    }

    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case decimal d:
                writer.WriteNumberValue(d);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case DateOnly date:
                writer.WriteStringValue(FormatDate(date));
                break;
            case DateTimeOffset dt:
                writer.WriteStringValue(FormatDateTime(dt));
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>The text of a value in a Bulk API CSV file; empty for null.</summary>
    public static string ToText(object? value) => value switch
    {
        null => string.Empty,
        bool b => b ? "true" : "false",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateOnly date => FormatDate(date),
        DateTimeOffset dt => FormatDateTime(dt),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>
    /// Orders two values of a field as SOQL does: text case-insensitively, but ids in their base-62 order (ordinal), so
    /// <c>WHERE Id &gt; 'x' ORDER BY Id</c> pages cleanly.
    /// </summary>
    public static int Compare(SObjectField field, object? a, object? b)
        => field.Type is "id" or "reference" && a is string x && b is string y ? string.CompareOrdinal(x, y) : Compare(a, b);

    /// <summary>Orders two held values; null sorts first, text case-insensitively.</summary>
    public static int Compare(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        return (a, b) switch
        {
            (string x, string y) => string.Compare(x, y, StringComparison.OrdinalIgnoreCase),
            (decimal x, decimal y) => x.CompareTo(y),
            (bool x, bool y) => x.CompareTo(y),
            (DateOnly x, DateOnly y) => x.CompareTo(y),
            (DateTimeOffset x, DateTimeOffset y) => x.CompareTo(y),
            _ => string.Compare(ToText(a), ToText(b), StringComparison.OrdinalIgnoreCase),
        };
    }

    [GeneratedRegex(@"([+-]\d{2})(\d{2})$")]
    private static partial Regex OffsetWithoutColon();
}
