using System.Text.Json.Serialization;

namespace SfHsSync.Sandbox.Salesforce;

/// <summary>
/// Limits, faults, latency and credentials of the emulated Salesforce. Faults are deterministic under <see cref="FaultSeed"/>:
/// the same seed and the same sequence of calls give the same failures. Every property can also be changed on a running org
/// through <see cref="SalesforceOrg"/>.
/// </summary>
public sealed class SalesforceSandboxOptions
{
    /// <summary>Seed of the random source behind injected faults.</summary>
    public int FaultSeed { get; set; } = 1;

    /// <summary>The daily API allowance (Sforce-Limit-Info's MAX); past it every call answers 403 REQUEST_LIMIT_EXCEEDED.</summary>
    public int DailyApiRequests { get; set; } = 100_000;

    /// <summary>How long an access token stays valid; null means forever. Applies to the default token too.</summary>
    public TimeSpan? AccessTokenLifetime { get; set; }

    /// <summary>Share (0..1) of write calls that fail with UNABLE_TO_LOCK_ROW (per record in collections and bulk loads).</summary>
    public double LockRowFailureShare { get; set; }

    /// <summary>Share (0..1) of API calls that answer 503 SERVER_UNAVAILABLE.</summary>
    public double ServiceUnavailableShare { get; set; }

    /// <summary>Latency added to every answer.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>When set, the Nth API call (1-based, counted from start or the last reset) and every later one answer 503: a way to stop a sync mid-run.</summary>
    public int? FailFromRequest { get; set; }

    /// <summary>Lowest API version served; older ones answer 410 as retired versions do.</summary>
    public int MinApiVersion { get; set; } = 50;

    /// <summary>Highest API version served: v68.0 (Winter '27), as a current org lists. jsforce 3 defaults to v50.0.</summary>
    public int MaxApiVersion { get; set; } = 68;

    /// <summary>Connected app consumer key: the JWT bearer flow's <c>iss</c> and the client credentials flow's client id.</summary>
    public string ConsumerKey { get; set; } = "sandbox-consumer-key";

    /// <summary>Client secret for the client credentials flow; never echoed in answers or logs.</summary>
    public string ConsumerSecret { get; set; } = "sandbox-consumer-secret";

    /// <summary>The refresh token the org accepts (as if a user had authorized the connected app before).</summary>
    public string RefreshToken { get; set; } = "sandbox-refresh-token";

    /// <summary>PEM text of the RSA public key or X.509 certificate that JWT bearer assertions are verified with.</summary>
    public string? JwtPublicKeyPem { get; set; }

    /// <summary>Path of a PEM file with the RSA public key or certificate, used when <see cref="JwtPublicKeyPem"/> is empty.</summary>
    public string? JwtPublicKeyPath { get; set; }

    /// <summary>Usernames the JWT bearer flow accepts as <c>sub</c>.</summary>
    public IList<string> AllowedUsernames { get; set; } = new List<string> { "integration@sfhssync.sandbox" };

    /// <summary>Bulk 2.0 status reads that still show a job in progress before it reports JobComplete; 0 completes at once.</summary>
    public int BulkPollsBeforeComplete { get; set; }

    /// <summary>Rows per Bulk 2.0 query results page when the client sends no maxRecords.</summary>
    public int BulkQueryPageSize { get; set; } = 50_000;

    /// <summary>Where data timestamps and token ages come from; tests pass their own to control time.</summary>
    [JsonIgnore]
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
