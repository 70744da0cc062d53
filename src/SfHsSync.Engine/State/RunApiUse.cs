namespace SfHsSync.Engine.State;

/// <summary>
/// What a run's API calls are measured against: the fewest calls a run of its size needs on each side (given the APIs'
/// page and batch caps), the org's daily allowance as Salesforce last reported it (Sforce-Limit-Info), and HubSpot's
/// rolling rate limit (X-HubSpot-RateLimit-Max per -Interval-Milliseconds). Kept beside the run's own call counts.
/// </summary>
public sealed record RunApiUse
{
    public long RunId { get; init; }

    public required string Mapping { get; init; }

    public long SalesforceMinimumCalls { get; init; }

    public long HubSpotMinimumCalls { get; init; }

    /// <summary>The org's API requests in the last 24 hours when the run ended, when Salesforce said.</summary>
    public long? SalesforceDailyUsed { get; init; }

    /// <summary>The org's daily allowance, when Salesforce said.</summary>
    public long? SalesforceDailyMax { get; init; }

    /// <summary>HubSpot's requests per <see cref="HubSpotRateInterval"/>, as its answers reported (or the client's start value).</summary>
    public long? HubSpotRateLimit { get; init; }

    public TimeSpan? HubSpotRateInterval { get; init; }

    /// <summary>HubSpot's daily request limit, as its answers reported (X-HubSpot-RateLimit-Daily).</summary>
    public long? HubSpotDailyLimit { get; init; }
}
