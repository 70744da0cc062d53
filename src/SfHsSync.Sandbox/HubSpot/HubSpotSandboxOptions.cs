namespace SfHsSync.Sandbox.HubSpot;

/// <summary>
/// Limits, faults and latency of the emulated HubSpot, deterministic under <see cref="FaultSeed"/>.
/// The account reads these on every request, so a test may change them while the sandbox runs.
/// </summary>
public sealed class HubSpotSandboxOptions
{
    /// <summary>Seed of the random source behind injected faults.</summary>
    public int FaultSeed { get; set; } = 1;

    /// <summary>Requests allowed per rolling 10 seconds (HubSpot Professional: 190). 0 or null means no limit.</summary>
    public int? TenSecondlyLimit { get; set; } = 190;

    /// <summary>Requests allowed per UTC day (Professional: 625,000). 0 or null means no limit.</summary>
    public int? DailyLimit { get; set; } = 625_000;

    /// <summary>Search requests allowed per rolling second (HubSpot: about 5). 0 or null means no limit.</summary>
    public int? SearchRequestsPerSecond { get; set; } = 5;

    /// <summary>How long a write stays invisible to search, as HubSpot's index lags its writes. Zero for tests.</summary>
    public TimeSpan SearchableDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Share of API calls (0..1) answered 423 Locked.</summary>
    public double LockedShare { get; set; }

    /// <summary>Share of API calls (0..1) answered 502 Bad Gateway.</summary>
    public double BadGatewayShare { get; set; }

    /// <summary>Share of API calls (0..1) answered 503 Service Unavailable.</summary>
    public double ServiceUnavailableShare { get; set; }

    /// <summary>Share of API calls (0..1) answered 504 Gateway Timeout.</summary>
    public double GatewayTimeoutShare { get; set; }

    /// <summary>Share of API calls (0..1) whose connection is reset before any answer.</summary>
    public double ConnectionResetShare { get; set; }

    /// <summary>Share of API calls (0..1) answered only after <see cref="SlowAnswerDelay"/> (past a client's timeout).</summary>
    public double SlowAnswerShare { get; set; }

    /// <summary>How long a slow answer waits before the endpoint runs; a client that gives up first leaves the call undone.</summary>
    public TimeSpan SlowAnswerDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The API versions served (v3, 2026-03, 2026-09; v3 stands for every numbered path); null or empty serves all.
    /// Paths of a version left out answer 404 as a retired API does.
    /// </summary>
    public List<string>? ApiVersions { get; set; }

    /// <summary>Delay added before every answer.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;
}
