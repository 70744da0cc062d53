namespace SfHsSync.Bench.Protocol;

/// <summary>What the syncing process runs: an import (Import-SalesforceObject's engine) or one sync pass (Start-Sync's).</summary>
internal enum SyncJobKind
{
    Import,
    Pass,
}

/// <summary>One job for the syncing process, sent on its stdin so the tokens never show in a process list.</summary>
internal sealed record SyncJob(SyncJobKind Kind, Uri SalesforceUrl, Uri HubSpotUrl, string SalesforceAccessToken, string HubSpotAccessToken, string StatePath)
{
    /// <summary>The client's first guess of HubSpot's budget; a lifted limit sends no header to learn from.</summary>
    public int HubSpotRequestsPerInterval { get; init; } = 100;

    /// <summary>Search calls a second the client allows itself.</summary>
    public int HubSpotSearchesPerSecond { get; init; } = 4;

    /// <summary>
    /// Passes to run one after another in this process, each resolving the mapping first, as Start-Sync -Continuous
    /// does (without its interval). 1 for every job but the idle passes.
    /// </summary>
    public int Passes { get; init; } = 1;

    public override string ToString() => $"{Kind} against {SalesforceUrl} and {HubSpotUrl}, state {StatePath}";
}
