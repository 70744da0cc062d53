namespace SfHsSync.Bench.Protocol;

/// <summary>What the syncing process measured of itself and what the engine reported, printed as its last line.</summary>
internal sealed record SyncMetrics
{
    public required string State { get; init; }

    public string? Error { get; init; }

    public long Read { get; init; }

    public long WrittenToHubSpot { get; init; }

    public long WrittenToSalesforce { get; init; }

    public long Conflicts { get; init; }

    public long Failed { get; init; }

    /// <summary>Wall seconds of the engine's work: resolving the mapping, then the import or pass.</summary>
    public double WallSeconds { get; init; }

    /// <summary>CPU seconds the process spent over the same span (all threads, user and kernel).</summary>
    public double CpuSeconds { get; init; }

    /// <summary>CPU seconds of the whole process, start-up and JIT included.</summary>
    public double ProcessCpuSeconds { get; init; }

    /// <summary>The process's peak resident set (VmHWM on Linux), in bytes.</summary>
    public long PeakWorkingSetBytes { get; init; }

    public long AllocatedBytes { get; init; }

    public int Gen0Collections { get; init; }

    public int Gen2Collections { get; init; }

    public long SalesforceCalls { get; init; }

    public long HubSpotCalls { get; init; }

    /// <summary>429s the HubSpot client met (and retried).</summary>
    public long HubSpot429s { get; init; }

    /// <summary>Each pass's CPU seconds (resolving the mapping included), in order; one entry for a single job.</summary>
    public double[] PassCpuSeconds { get; init; } = [];

    /// <summary>Each pass's Salesforce calls as the client counted them.</summary>
    public long[] PassSalesforceCalls { get; init; } = [];

    /// <summary>Each pass's HubSpot calls as the client counted them.</summary>
    public long[] PassHubSpotCalls { get; init; } = [];

    /// <summary>The daily allowance the last Sforce-Limit-Info header stated (api-usage=USED/MAX), if any.</summary>
    public long? SalesforceDailyAllowance { get; init; }

    /// <summary>The daily limit HubSpot's last X-HubSpot-RateLimit-Daily header stated, if any.</summary>
    public long? HubSpotDailyLimit { get; init; }
}
