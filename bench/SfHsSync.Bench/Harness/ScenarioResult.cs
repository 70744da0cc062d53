using SfHsSync.Bench.Protocol;

namespace SfHsSync.Bench.Harness;

/// <summary>One measured job: what the syncing process saw, what the sandbox answered, and the minimum it is held to.</summary>
internal sealed record ScenarioResult(string Id, string Title, int Records, SyncMetrics Metrics, SandboxTraffic Traffic, CallMinimum Minimum)
{
    /// <summary>What else a reader needs to read the row (record counts scaled, limits in force, load).</summary>
    public string Note { get; init; } = string.Empty;

    public string LoadBefore { get; init; } = string.Empty;

    public string LoadAfter { get; init; } = string.Empty;

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
