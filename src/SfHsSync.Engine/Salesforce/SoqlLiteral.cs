using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Salesforce;

/// <summary>
/// Turns a typed value into a SOQL literal of the field's type. Text is quoted with every SOQL escape applied; numbers,
/// booleans, dates and datetimes are parsed and re-printed, so no value can carry SOQL syntax into a query.
/// </summary>
internal static partial class SoqlLiteral
{
    public static string Format(SalesforceFieldDescription field, SalesforceObjectDescription description, object? value)
    {
        if (value is null)
        {
            return "null";
        }

        switch (field.Type)
        {
            case "boolean":
                return value switch
                {
                    bool b => b ? "true" : "false",
                    string s when bool.TryParse(s, out var parsed) => parsed ? "true" : "false",
                    _ => throw Invalid(field, description, value, "a boolean field needs true or false"),
                };
            case "int":
            case "long":
            case "double":
            case "currency":
            case "percent":
                return FormatNumber(field, description, value);
            case "date":
                return FormatDate(field, description, value);
            case "datetime":
                return FormatDateTime(field, description, value);
            case "time":
                return value is string t && TimePattern().IsMatch(t)
                    ? t
                    : throw Invalid(field, description, value, "a time field needs HH:mm:ss.fffZ");
            case "base64":
            case "address":
            case "location":
            case "anyType":
                throw Invalid(field, description, value, $"fields of type {field.Type} cannot be filtered");
            default:
                return Quote(Text(field, description, value), escapeWildcards: false);
        }
    }

    public static string FormatLike(SalesforceFieldDescription field, SalesforceObjectDescription description, object? value, bool literalPrefix)
    {
        if (field.Type is "boolean" or "int" or "long" or "double" or "currency" or "percent" or "date" or "datetime" or "time"
            or "base64" or "address" or "location" or "anyType")
        {
            throw Invalid(field, description, value, $"LIKE works on text fields, not on {field.Type}");
        }

        if (value is not string pattern)
        {
            throw Invalid(field, description, value, "LIKE needs a text pattern");
        }

        if (!literalPrefix)
        {
            return Quote(pattern, escapeWildcards: false);
        }

        var quoted = Quote(pattern, escapeWildcards: true);
        return string.Concat(quoted.AsSpan(0, quoted.Length - 1), "%'");
    }

    /// <summary>A quoted SOQL string literal with quotes, backslashes and control characters escaped.</summary>
    public static string Quote(string text, bool escapeWildcards)
    {
        var literal = new StringBuilder(text.Length + 2);
        literal.Append('\'');
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': literal.Append(@"\\"); break;
                case '\'': literal.Append(@"\'"); break;
                case '"': literal.Append("\\\""); break;
                case '\n': literal.Append(@"\n"); break;
                case '\r': literal.Append(@"\r"); break;
                case '\t': literal.Append(@"\t"); break;
                case '\b': literal.Append(@"\b"); break;
                case '\f': literal.Append(@"\f"); break;
                case '%' when escapeWildcards: literal.Append(@"\%"); break;
                case '_' when escapeWildcards: literal.Append(@"\_"); break;
                default: literal.Append(c); break;
            }
        }

        literal.Append('\'');
        return literal.ToString();
    }

    public static SyncException Invalid(SalesforceFieldDescription field, SalesforceObjectDescription description, object? value, string why)
        => new("SoqlValueInvalid", SyncErrorKind.InvalidArgument,
            $"The value {Describe(value)} cannot be compared with {description.Name}.{field.Name} ({field.Type}): {why}.",
            $"{description.Name}.{field.Name}");

    private static string Text(SalesforceFieldDescription field, SalesforceObjectDescription description, object value) => value switch
    {
        string s => s,
        char c => c.ToString(),
        IFormattable f when value is int or long or decimal or double or float or short => f.ToString(null, CultureInfo.InvariantCulture),
        _ => throw Invalid(field, description, value, "a text field needs a string"),
    };

    private static string FormatNumber(SalesforceFieldDescription field, SalesforceObjectDescription description, object value)
    {
        decimal number;
        switch (value)
        {
            case int i: number = i; break;
            case long l: number = l; break;
            case short sh: number = sh; break;
            case decimal d: number = d; break;
            case double dbl when double.IsFinite(dbl): number = (decimal)dbl; break;
            case float f when float.IsFinite(f): number = (decimal)f; break;
            case string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed): number = parsed; break;
            default: throw Invalid(field, description, value, "a number field needs a number");
        }

        return SalesforceWireValue.NormalizeNumber(number.ToString(CultureInfo.InvariantCulture));
    }

    private static string FormatDate(SalesforceFieldDescription field, SalesforceObjectDescription description, object value)
    {
        DateOnly date;
        switch (value)
        {
            case DateOnly d: date = d; break;
            case DateTime dt: date = DateOnly.FromDateTime(dt); break;
            case DateTimeOffset dto: date = DateOnly.FromDateTime(dto.UtcDateTime); break;
            case string s when DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed): date = parsed; break;
            default: throw Invalid(field, description, value, "a date field needs a date (yyyy-MM-dd)");
        }

        return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static string FormatDateTime(SalesforceFieldDescription field, SalesforceObjectDescription description, object value)
    {
        DateTimeOffset instant;
        switch (value)
        {
            case DateTimeOffset dto: instant = dto; break;
            case DateTime dt: instant = dt.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(dt, TimeSpan.Zero) : new DateTimeOffset(dt); break;
            case string s when SalesforceWireValue.TryParseDateTime(s, out var parsed): instant = parsed; break;
            default: throw Invalid(field, description, value, "a datetime field needs an ISO-8601 date and time");
        }

        return FormatDateTime(instant);
    }

    /// <summary>Unquoted ISO-8601 UTC; milliseconds only when there are some, so the watermark keeps its full precision.</summary>
    public static string FormatDateTime(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return utc.Millisecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"'{(s.Length > 60 ? s[..60] + "…" : s)}'",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? value.GetType().Name,
    };

    [GeneratedRegex(@"^\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();
}
