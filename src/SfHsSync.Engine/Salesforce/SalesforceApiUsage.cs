using System.Globalization;
using System.Text.RegularExpressions;

namespace SfHsSync.Engine.Salesforce;

/// <summary>The org's daily API usage as the last answer's Sforce-Limit-Info header reported it.</summary>
public sealed partial record SalesforceApiUsage(long Used, long Max)
{
    /// <summary>Used as a share of the allowance, 0 to 1 (or more once exceeded).</summary>
    public double Share => Max <= 0 ? 1 : (double)Used / Max;

    public long Remaining => Math.Max(0, Max - Used);

    /// <summary>Reads "api-usage=USED/MAX" from a Sforce-Limit-Info header value; null when it carries none.</summary>
    public static SalesforceApiUsage? Parse(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        var match = Pattern().Match(header);
        return match.Success
            && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var used)
            && long.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var max)
            ? new SalesforceApiUsage(used, max)
            : null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Used}/{Max} API requests today");

    [GeneratedRegex(@"api-usage=(\d+)/(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
