namespace SfHsSync.Engine.HubSpot;

/// <summary>
/// How a <see cref="HubSpotClient"/> paces and retries. The defaults suit a real account: the 10-second budget starts
/// at the Free/Starter size and grows to whatever the rate-limit headers report.
/// </summary>
public sealed record HubSpotClientOptions
{
    /// <summary>Requests allowed per rolling interval until the X-HubSpot-RateLimit-Max header says otherwise.</summary>
    public int InitialRequestsPerInterval { get; init; } = 100;

    /// <summary>The rolling interval until X-HubSpot-RateLimit-Interval-Milliseconds says otherwise.</summary>
    public TimeSpan InitialInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests kept in reserve below the learned maximum, for other integrations sharing the app.</summary>
    public int ReservedRequestsPerInterval { get; init; } = 5;

    /// <summary>Search requests per second; HubSpot allows about five per account and sends no headers for them.</summary>
    public int SearchRequestsPerSecond { get; init; } = 4;

    /// <summary>Retries of a single call after a 429, 423 or 5xx before its error is reported.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>Back-off unit after a TEN_SECONDLY_ROLLING 429; HubSpot's SDK waits 10 s × attempt.</summary>
    public TimeSpan RollingLimitBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Back-off unit after a search (SECONDLY) 429; HubSpot's SDK waits 1 s × attempt.</summary>
    public TimeSpan SecondlyLimitBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Back-off unit after a 423 Locked; HubSpot asks for at least two seconds.</summary>
    public TimeSpan LockedBackoff { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Back-off unit after a 5xx or a dropped connection; HubSpot's SDK waits 200 ms × attempt.</summary>
    public TimeSpan TransientBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Time allowed for one HTTP call.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Records per search page (HubSpot's maximum is 200).</summary>
    public int SearchPageSize { get; init; } = 200;

    /// <summary>Results one search query may page through before HubSpot answers 400 (10,000).</summary>
    public int SearchResultCap { get; init; } = 10_000;

    internal void Validate()
    {
        Require(InitialRequestsPerInterval > 0, nameof(InitialRequestsPerInterval), "must be greater than 0");
        Require(InitialInterval > TimeSpan.Zero, nameof(InitialInterval), "must be positive");
        Require(ReservedRequestsPerInterval >= 0, nameof(ReservedRequestsPerInterval), "must not be negative");
        Require(SearchRequestsPerSecond > 0, nameof(SearchRequestsPerSecond), "must be greater than 0");
        Require(MaxRetries >= 0, nameof(MaxRetries), "must not be negative");
        Require(RequestTimeout > TimeSpan.Zero, nameof(RequestTimeout), "must be positive");
        Require(SearchPageSize is > 0 and <= 200, nameof(SearchPageSize), "must be between 1 and 200");
        Require(SearchResultCap >= SearchPageSize, nameof(SearchResultCap), "must be at least SearchPageSize");
    }

    private static void Require(bool condition, string name, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"HubSpotClientOptions.{name} {problem}.", name);
        }
    }
}
