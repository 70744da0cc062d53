namespace SfHsSync.Sandbox.HubSpot;

/// <summary>
/// The API versions the emulated HubSpot serves from one account state: the numbered paths (v3 objects, schemas and
/// properties, v4 associations, the legacy v2 properties: all "v3" here) and the dated 2026-03 and 2026-09 paths.
/// A call's version is read from its route template; <see cref="HubSpotSandboxOptions.ApiVersions"/> chooses which
/// are served, and the others answer as a retired API does (404).
/// </summary>
public static class HubSpotApiVersions
{
    public const string Numbered = "v3";

    public const string March2026 = "2026-03";

    public const string September2026 = "2026-09";

    /// <summary>Every version, oldest first.</summary>
    public static IReadOnlyList<string> All { get; } = [Numbered, March2026, September2026];

    /// <summary>The dated versions, whose answers carry batch errors in the same body (no 207) and void batch answers.</summary>
    public static IReadOnlyList<string> Dated { get; } = [March2026, September2026];

    /// <summary>The version a route template belongs to: the dated segment it names, else the numbered paths.</summary>
    public static string OfTemplate(string template)
        => Dated.FirstOrDefault(v => template.Contains("/" + v + "/", StringComparison.Ordinal) || template.EndsWith("/" + v, StringComparison.Ordinal)) ?? Numbered;

    public static bool IsDated(string version) => Dated.Contains(version);

    /// <summary>
    /// Whether a route belongs to the CRM families that HubSpot versions by date (objects, schemas, properties,
    /// associations). OAuth's endpoints (the access-token information among them) keep their own version and are never retired here.
    /// </summary>
    public static bool IsCrm(string template) => !template.StartsWith("/oauth/", StringComparison.Ordinal);

    /// <summary>Admin-configured validation rules apply to API writes from 2026-09 on.</summary>
    public static bool AppliesAdminRules(string version) => version == September2026;

    /// <summary>The names given, checked; null or empty means every version.</summary>
    public static IReadOnlyList<string> Checked(IReadOnlyList<string>? names)
    {
        if (names is null || names.Count == 0)
        {
            return All;
        }

        var unknown = names.Where(n => !All.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"HubSpot API version(s) {string.Join(", ", unknown)} are not emulated; use {string.Join(", ", All)} (v3 stands for the v3/v4 paths).");
        }

        return names.Distinct().ToArray();
    }
}

/// <summary>The API version of the call being answered, set by the gate for the account's write checks.</summary>
internal static class HubSpotCallVersion
{
    private static readonly AsyncLocal<string?> CurrentVersion = new();

    public static string Current
    {
        get => CurrentVersion.Value ?? HubSpotApiVersions.Numbered;
        set => CurrentVersion.Value = value;
    }
}
