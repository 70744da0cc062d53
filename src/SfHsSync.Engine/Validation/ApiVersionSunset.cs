using System.Globalization;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Validation;

/// <summary>
/// CN001: the HubSpot connection is pinned to an API version past, or within <see cref="Notice"/> of, the day HubSpot
/// stops supporting it. One warning per mapping checked, naming the version and the date.
/// </summary>
public static class ApiVersionSunset
{
    public const string RuleId = "CN001";

    public const string Rule = "HubSpotApiVersionSunset";

    /// <summary>How long before the end of support the warning starts.</summary>
    public static readonly TimeSpan Notice = TimeSpan.FromDays(180);

    public static IEnumerable<SyncDiagnostic> Check(IEnumerable<SyncMapping> mappings, HubSpotApiVersion version, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        ArgumentNullException.ThrowIfNull(version);
        var left = version.DaysOfSupportLeft(today);
        if (left > Notice.TotalDays)
        {
            yield break;
        }

        var newest = HubSpotApiVersion.All[0];
        var message = left <= 0
            ? string.Create(CultureInfo.InvariantCulture, $"The HubSpot connection uses API version {version}, unsupported since {version.SupportEndsText}: {version.SupportEndsBecause}.")
            : string.Create(CultureInfo.InvariantCulture, $"The HubSpot connection uses API version {version}, whose support ends on {version.SupportEndsText} ({left} days): {version.SupportEndsBecause}.");
        foreach (var mapping in mappings)
        {
            yield return new SyncDiagnostic
            {
                RuleId = RuleId,
                Rule = Rule,
                Severity = DiagnosticSeverity.Warning,
                Mapping = mapping.Name,
                Target = "HubSpot API " + version,
                Message = message,
                Suggestion = version == newest ? null : $"Connect with Connect-HubSpot -ApiVersion {newest} (or set {HubSpotApiVersion.Variable}={newest}).",
                Source = mapping.Source,
            };
        }
    }
}
