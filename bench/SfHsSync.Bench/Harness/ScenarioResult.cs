using SfHsSync.Bench.Protocol;

namespace SfHsSync.Bench.Harness;

/// <summary>One measured job: what the syncing process saw, what the sandbox answered, and the minimum it is held to.</summary>
internal sealed record ScenarioResult(string Id, string Title, int Records, SyncMetrics Metrics, SandboxTraffic Traffic, CallMinimum Minimum)
{
    /// <summary>What else a reader needs to read the row (record counts scaled, limits in force, load).</summary>
    public string Note { get; init; } = string.Empty;

    public string LoadBefore { get; init; } = string.Empty;

    public string LoadAfter { get; init; } = string.Empty;

    /// <summary>Every run of this scenario when it ran more than once (this result is the better one); else empty.</summary>
    public IReadOnlyList<ScenarioResult> Runs { get; init; } = [];

    /// <summary>The idle passes' figures (scenario 7); null for every other scenario.</summary>
    public IdleCost? Idle { get; init; }

    /// <summary>The job ran and its checks found what it should have written.</summary>
    public bool Passed => Metrics.State == "Succeeded" && !Note.Contains("EXPECTED", StringComparison.Ordinal);

    /// <summary>The largest difference between two runs of a figure; 0 for a single run.</summary>
    public double Spread(Func<ScenarioResult, double> figure) => Runs.Count > 1 ? Runs.Max(figure) - Runs.Min(figure) : 0;

    /// <summary>The better run of several: the first that failed its checks (so it shows), else the shortest wall time.</summary>
    public static ScenarioResult Better(IReadOnlyList<ScenarioResult> runs)
    {
        var best = runs.FirstOrDefault(r => !r.Passed) ?? runs.MinBy(r => r.Metrics.WallSeconds)!;
        return runs.Count > 1 ? best with { Runs = runs } : best;
    }

    public double RecordsPerSecond => Metrics.WallSeconds > 0 ? Records / Metrics.WallSeconds : 0;

    public double CpuSecondsPer10k => Records > 0 ? Metrics.CpuSeconds * 10_000 / Records : 0;

    public double PeakMegabytes => Metrics.PeakWorkingSetBytes / 1024.0 / 1024.0;

    /// <summary>Calls over the minimum, as a share of it (both sides together).</summary>
    public double CallsOverMinimum => Minimum.Total == 0 ? 0 : (double)(Traffic.SalesforceCalls + Traffic.HubSpotCalls - Minimum.Total) / Minimum.Total;

    public double HubSpotRequestsPerSecond => Traffic.HubSpotActiveSeconds > 0 ? Traffic.HubSpotCalls / Traffic.HubSpotActiveSeconds : 0;

    /// <summary>HubSpot's requests a second over the span they took, as a share of the limit's rate (L per 10 s). Null without a limit.</summary>
    public double? ShareOfRateLimit => Traffic.HubSpotTenSecondlyLimit is { } limit && Traffic.HubSpotActiveSeconds > 0
        ? HubSpotRequestsPerSecond / (limit / 10.0)
        : null;

    /// <summary>
    /// The shortest span a rolling limit of L per 10 s allows for these calls: a full window at once, then L every
    /// 10 seconds, so the last call can go no sooner than 10 s x (ceil(calls / L) - 1). Null without a limit.
    /// </summary>
    public double? ShortestSpanSeconds => Traffic.HubSpotTenSecondlyLimit is { } limit
        ? 10.0 * (Math.Ceiling(Traffic.HubSpotCalls / (double)limit) - 1)
        : null;

    public int Met429s => Math.Max(Traffic.HubSpot429s, (int)Metrics.HubSpot429s);
}
