namespace SfHsSync.Bench.Protocol;

/// <summary>
/// The calls both services answered, sorted by what they cost, with HubSpot's refusals and the span from its first
/// to its last answered call (sampled every <see cref="SampleMilliseconds"/>).
/// </summary>
internal sealed record SandboxTraffic
{
    public const int SampleMilliseconds = 50;

    public int SalesforceCalls { get; init; }

    public int SalesforceQueryCalls { get; init; }

    public int SalesforceBulkCalls { get; init; }

    public int SalesforceCollectionWrites { get; init; }

    public int SalesforceRetrieves { get; init; }

    public int SalesforceOtherCalls { get; init; }

    public int HubSpotCalls { get; init; }

    public int HubSpotBatchWrites { get; init; }

    public int HubSpotSearches { get; init; }

    public int HubSpotBatchReads { get; init; }

    public int HubSpotOtherCalls { get; init; }

    /// <summary>429s HubSpot answered: ten-secondly, secondly (search) and daily.</summary>
    public int HubSpot429s { get; init; }

    /// <summary>Seconds from HubSpot's first counted call to its last, as the sampler saw them.</summary>
    public double HubSpotActiveSeconds { get; init; }

    /// <summary>The most calls the sampler saw inside any 10-second span.</summary>
    public int HubSpotBusiestTenSeconds { get; init; }

    public int? HubSpotTenSecondlyLimit { get; init; }

    /// <summary>CPU seconds the sandbox process spent since the last reset: the cost of serving the calls.</summary>
    public double SandboxCpuSeconds { get; init; }
}
