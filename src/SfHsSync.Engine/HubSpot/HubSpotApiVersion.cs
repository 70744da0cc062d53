using System.Globalization;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.HubSpot;

/// <summary>
/// A version of HubSpot's public API a connection speaks: a dated version (2026-09, 2026-03) or the numbered paths
/// (v3 for objects, schemas and properties, with v4 associations). <see cref="SupportEnds"/> is the first day HubSpot no
/// longer supports it, from HubSpot's published schedule: a dated version is unsupported 18 months after its release,
/// the v4 association paths from 2027-03-30 and the v1 to v3 paths from September 2027.
/// </summary>
public sealed record HubSpotApiVersion
{
    public static readonly HubSpotApiVersion V2026_09 = new("2026-09", true, new DateOnly(2028, 3, 1), "dated versions are unsupported 18 months after release");

    public static readonly HubSpotApiVersion V2026_03 = new("2026-03", true, new DateOnly(2027, 9, 1), "dated versions are unsupported 18 months after release");

    public static readonly HubSpotApiVersion V3 = new("v3", false, new DateOnly(2027, 3, 30), "its association calls use the v4 paths, which lose support on 2027-03-30 (v1 to v3 paths follow in September 2027)");

    /// <summary>Environment variable naming the version, for pipelines.</summary>
    public const string Variable = "SFHSSYNC_HS_API_VERSION";

    private HubSpotApiVersion(string name, bool isDated, DateOnly supportEnds, string why)
    {
        Name = name;
        IsDated = isDated;
        SupportEnds = supportEnds;
        SupportEndsBecause = why;
    }

    /// <summary>The version a connection uses unless told otherwise.</summary>
    public static HubSpotApiVersion Default => V2026_09;

    /// <summary>Every version the client can speak, newest first.</summary>
    public static IReadOnlyList<HubSpotApiVersion> All { get; } = new[] { V2026_09, V2026_03, V3 };

    /// <summary>As it appears in paths: "2026-09", "2026-03" or "v3".</summary>
    public string Name { get; }

    /// <summary>True for date-versioned paths (/crm/objects/2026-09/...).</summary>
    public bool IsDated { get; }

    /// <summary>The first day HubSpot no longer supports this version's paths.</summary>
    public DateOnly SupportEnds { get; }

    /// <summary>Why support ends then, for warnings.</summary>
    public string SupportEndsBecause { get; }

    /// <summary>
    /// The version named by <paramref name="text"/> (case-insensitive; "v4" is taken as v3, whose associations are v4);
    /// HubSpotApiVersionInvalid naming <paramref name="source"/> and the versions there are otherwise.
    /// </summary>
    public static HubSpotApiVersion Parse(string text, string source)
    {
        var wanted = text?.Trim() ?? string.Empty;
        if (string.Equals(wanted, "v4", StringComparison.OrdinalIgnoreCase))
        {
            return V3;
        }

        return All.FirstOrDefault(v => string.Equals(v.Name, wanted, StringComparison.OrdinalIgnoreCase))
               ?? throw new SyncException("HubSpotApiVersionInvalid", SyncErrorKind.InvalidArgument,
                   $"{source} '{text}' is not a HubSpot API version this module speaks; use one of {string.Join(", ", All.Select(v => v.Name))}.", text);
    }

    /// <summary>The version <see cref="Variable"/> names, or the default when it is unset.</summary>
    public static HubSpotApiVersion FromEnvironment(Func<string, string?> read)
    {
        var text = read(Variable);
        return string.IsNullOrWhiteSpace(text) ? Default : Parse(text, Variable);
    }

    /// <summary>Days from <paramref name="today"/> until support ends (negative once it has ended).</summary>
    public int DaysOfSupportLeft(DateOnly today) => SupportEnds.DayNumber - today.DayNumber;

    public string SupportEndsText => SupportEnds.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override string ToString() => Name;
}
