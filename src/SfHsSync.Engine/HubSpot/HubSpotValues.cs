using System.Globalization;

namespace SfHsSync.Engine.HubSpot;

/// <summary>HubSpot's wire forms of timestamps: ISO-8601 in records, epoch milliseconds in search filters.</summary>
public static class HubSpotValues
{
    /// <summary>Reads an ISO-8601 datetime or an epoch-millisecond string, as HubSpot may send either.</summary>
    public static bool TryParseDateTime(string? value, out DateTimeOffset result)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
        {
            result = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return true;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out result);
    }

    /// <summary>The epoch-millisecond string search filters compare datetimes with.</summary>
    public static string ToEpochMilliseconds(DateTimeOffset value)
        => value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The ISO-8601 form (UTC, milliseconds) HubSpot writes.</summary>
    public static string ToIso(DateTimeOffset value)
        => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
