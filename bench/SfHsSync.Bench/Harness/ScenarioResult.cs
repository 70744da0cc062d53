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

    /// <summary>
    /// HubSpot calls as a share of the most a rolling limit of L per 10 s lets through in the span they took, which is
    /// L × (1 + span / 10 s): a full window at once, then L every 10 s. Null without a limit.
    /// </summary>
    public double? ShareOfRateLimit => Traffic.HubSpotTenSecondlyLimit is { } limit && Traffic.HubSpotActiveSeconds > 0
        ? Traffic.HubSpotCalls / (limit * (1 + Traffic.HubSpotActiveSeconds / 10.0))
        : null;

    public int Met429s => Math.Max(Traffic.HubSpot429s, (int)Metrics.HubSpot429s);
}
