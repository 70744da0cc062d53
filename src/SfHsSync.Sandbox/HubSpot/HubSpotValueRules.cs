using System.Globalization;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>
/// Checks one written value as HubSpot does and gives the form HubSpot stores and returns:
/// numbers without trailing zeros, dates as yyyy-MM-dd (only at midnight UTC), datetimes as ISO-8601 UTC with milliseconds,
/// bools as true/false, multiple checkboxes as "a;b" with every part an option.
/// </summary>
internal static class HubSpotValueRules
{
    private const int MaxStringLength = 65_536;

    /// <summary>The stored form of <paramref name="raw"/>, or a problem naming the property and the value.</summary>
    public static (string? Value, PropertyProblem? Problem) Normalize(HubSpotProperty property, string raw)
    {
        var name = property.Name;
        if (property.Type != "string" && property.Type != "phone_number" && raw.Trim() != raw)
        {
            return (null, new PropertyProblem(name, "LEADING_TRAILING_WHITESPACE", $"\"{raw}\" includes leading or trailing whitespace."));
        }

        switch (property.Type)
        {
            case "string":
            case "phone_number":
                return raw.Length > MaxStringLength
                    ? (null, new PropertyProblem(name, "STRING_TOO_LONG", $"{name} is longer than {MaxStringLength} characters."))
                    : (raw, null);
            case "number":
                return decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? (FormatNumber(number), null)
                    : (null, new PropertyProblem(name, "INVALID_DECIMAL", $"{raw} was not a valid number."));
            case "bool":
                return raw.ToLowerInvariant() is "true" or "false"
                    ? (raw.ToLowerInvariant(), null)
                    : (null, new PropertyProblem(name, "INVALID_BOOLEAN", $"{raw} was not a valid boolean: use \"true\" or \"false\"."));
            case "date":
                return NormalizeDate(name, raw);
            case "datetime":
                return TryParseInstant(raw, out var instant)
                    ? (HubSpotJson.Timestamp(instant), null)
                    : (null, new PropertyProblem(name, "INVALID_DATETIME", $"{raw} was not a valid datetime: use ISO-8601 or epoch milliseconds."));
            case "enumeration":
                return NormalizeOption(property, raw);
            default:
                return (raw, null);
        }
    }

    /// <summary>A stored value as a comparable number (numbers, dates and datetimes as epoch ms), for search.</summary>
    public static bool TryNumeric(string type, string value, out decimal result)
    {
        result = 0;
        switch (type)
        {
            case "number":
                return decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out result);
            case "date":
            case "datetime":
                if (TryParseInstant(value, out var t))
                {
                    result = t.ToUnixTimeMilliseconds();
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>ISO-8601 (a bare date is midnight UTC) or epoch milliseconds.</summary>
    public static bool TryParseInstant(string raw, out DateTimeOffset instant)
    {
        if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
        {
            try
            {
                instant = DateTimeOffset.FromUnixTimeMilliseconds(ms);
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                instant = default;
                return false;
            }
        }

        return DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant)
            && raw.Length >= 10 && char.IsAsciiDigit(raw[0]);
    }

    private static (string?, PropertyProblem?) NormalizeDate(string name, string raw)
    {
        if (!TryParseInstant(raw, out var instant))
        {
            return (null, new PropertyProblem(name, "INVALID_DATE", $"{raw} was not a valid date: use yyyy-MM-dd or epoch milliseconds at midnight UTC."));
        }

        if (instant.UtcDateTime.TimeOfDay != TimeSpan.Zero)
        {
            return (null, new PropertyProblem(name, "INVALID_DATE",
                $"{raw} is not at midnight UTC ({HubSpotJson.Timestamp(instant)}): a date property takes only midnight UTC."));
        }

        return (instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
    }

    private static (string?, PropertyProblem?) NormalizeOption(HubSpotProperty property, string raw)
    {
        var parts = property.IsMultiValued ? raw.Split(';', StringSplitOptions.RemoveEmptyEntries) : [raw];
        foreach (var part in parts)
        {
            if (!property.Options.Any(o => o.Value == part))
            {
                var allowed = string.Join(", ", property.Options.Select(o => o.Value));
                return (null, new PropertyProblem(property.Name, "INVALID_OPTION", $"{part} was not one of the allowed options: [{allowed}]"));
            }
        }

        return (string.Join(';', parts), null);
    }

    internal static string FormatNumber(decimal d)
    {
        // Dividing by 1.000… drops trailing zeros: HubSpot returns "17.5" for "17.50".
        var trimmed = d / 1.0000000000000000000000000000m;
        return trimmed.ToString(CultureInfo.InvariantCulture);
    }
}
