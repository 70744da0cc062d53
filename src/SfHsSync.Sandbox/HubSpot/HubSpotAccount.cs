using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>
/// The emulated HubSpot account: object types (contacts, companies, custom schemas), records, associations,
/// tokens, rate limits, injected faults and a request log. HTTP endpoints and tests share it; every member is
/// thread-safe (data sits behind one lock, which keeps multi-record writes atomic).
/// </summary>
/// <remarks>
/// Test-facing surface, in short:
/// <list type="bullet">
/// <item>Data: <see cref="CreateSchema(string)"/>, <see cref="CreateRecords"/>, <see cref="UpdateRecord"/>, <see cref="ArchiveRecord"/>,
/// <see cref="FindRecord"/>, <see cref="FindRecordByUniqueValue"/>, <see cref="Records"/>, <see cref="CountRecords"/>,
/// <see cref="Associate"/>, <see cref="AssociatedIds"/>, <see cref="ObjectTypeIdOf"/>, <see cref="AssociationTypes"/>.</item>
/// <item>Time: <see cref="Clock"/> (freeze it to give many writes one hs_lastmodifieddate).</item>
/// <item>Calls: <see cref="Requests"/>, <see cref="CountRequests"/>, <see cref="ResetRequestLog"/>.</item>
/// <item>Limits and faults: <see cref="Options"/> (read on every call), <see cref="ResetRateLimits"/>, <see cref="TenSecondlyRefusals"/>,
/// <see cref="DailyRefusals"/>, <see cref="SecondlyRefusals"/>, <see cref="LockedServed"/>, <see cref="BadGatewayServed"/>.</item>
/// <item>Tokens: <see cref="DefaultAccessToken"/>, <see cref="AddAccessToken"/>, <see cref="RevokeAccessToken"/>.</item>
/// </list>
/// </remarks>
public sealed partial class HubSpotAccount
{
    /// <summary>The portal of the Demo seed and the default for others.</summary>
    public const long DefaultPortalId = 12_345_678;

    private readonly object _gate = new();
    private readonly List<HubSpotObjectType> _types = [];
    private readonly HubSpotAssociationGraph _graph = new();
    private readonly ConcurrentDictionary<string, byte> _tokens = new(StringComparer.Ordinal);
    private readonly HubSpotRequestLog _log = new();
    private long _nextRecordId = 1001;
    private int _nextCustomTypeNumber = 1_234_567;

    private HubSpotAccount(HubSpotSandboxOptions options, long portalId)
    {
        Options = options;
        PortalId = portalId;
        RateLimits = new HubSpotRateLimits(options);
        Faults = new HubSpotFaults(options);
        _tokens[DefaultAccessToken] = 0;
    }

    /// <summary>Limits, faults and delays; the account reads them on every call, so tests may change them at runtime.</summary>
    public HubSpotSandboxOptions Options { get; }

    public long PortalId { get; }

    /// <summary>Where this half listens; set once the server has started.</summary>
    public Uri BaseUrl { get; internal set; } = new("http://127.0.0.1/");

    /// <summary>The newest API version served (see <see cref="HubSpotSandboxOptions.ApiVersions"/>).</summary>
    public string NewestApiVersion => HubSpotApiVersions.Checked(Options.ApiVersions)[^1];

    /// <summary>A token the sandbox accepts from the start.</summary>
    public string DefaultAccessToken { get; } = "sandbox-hubspot-token";

    /// <summary>The time stamped on writes (createdAt, updatedAt, hs_lastmodifieddate); never goes backwards.</summary>
    public HubSpotClock Clock { get; } = new();

    internal HubSpotRateLimits RateLimits { get; }

    internal HubSpotFaults Faults { get; }

    /// <summary>Builds an account from a seed (null: only the standard contacts and companies, no records).</summary>
    public static HubSpotAccount Create(JsonElement? seed, HubSpotSandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var portalId = seed is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("portalId", out var p) && p.TryGetInt64(out var id)
            ? id
            : DefaultPortalId;
        var account = new HubSpotAccount(options, portalId);
        account.AddStandardObjects();
        if (seed is { ValueKind: JsonValueKind.Object } root)
        {
            account.ApplySeed(root);
        }

        return account;
    }

    public bool IsValidToken(string token) => _tokens.ContainsKey(token);

    /// <summary>Makes the sandbox accept another private app token.</summary>
    public void AddAccessToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        _tokens[token] = 0;
    }

    /// <summary>Makes a token (the default one included) answer 401 from now on.</summary>
    public void RevokeAccessToken(string token) => _tokens.TryRemove(token, out _);

    internal bool IsKnownToken(string token) => _tokens.ContainsKey(token);

    /// <summary>The scopes the private app's tokens carry (<see cref="HubSpotScopes.All"/> unless a seed's "tokenScopes" or a test narrows them).</summary>
    public IReadOnlyList<string> TokenScopes { get; set; } = HubSpotScopes.All;

    /// <summary>Every call answered since the last reset, in order.</summary>
    public IReadOnlyList<HubSpotRequest> Requests => _log.Snapshot();

    /// <summary>Calls answered with this method and route template, e.g. ("POST", "/crm/v3/objects/{objectType}/batch/create").</summary>
    public int CountRequests(string method, string pathTemplate) =>
        _log.Snapshot().Count(r => string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase) && r.PathTemplate == pathTemplate);

    public void ResetRequestLog() => _log.Clear();

    internal void Record(HubSpotRequest request) => _log.Add(request);

    /// <summary>
    /// Raised for each call that passed the gate (token, limits, injected faults), before its endpoint runs; the answer
    /// waits for the handlers, so a test can change the world (restart a server, lock a file) at an exact call. The
    /// token is the call's: cancelled once its client is gone, and then the call does nothing.
    /// </summary>
    public event Action<CancellationToken>? Admitted;

    internal void RaiseAdmitted(CancellationToken aborted) => Admitted?.Invoke(aborted);

    /// <summary>429s served for the rolling 10-second limit since the last reset.</summary>
    public int TenSecondlyRefusals => RateLimits.TenSecondlyRefusals;

    /// <summary>429s served for the daily limit since the last reset.</summary>
    public int DailyRefusals => RateLimits.DailyRefusals;

    /// <summary>429s served for search's per-second limit since the last reset.</summary>
    public int SecondlyRefusals => RateLimits.SecondlyRefusals;

    /// <summary>Injected 423 answers served.</summary>
    public int LockedServed => Faults.LockedServed;

    /// <summary>Injected 502 answers served.</summary>
    public int BadGatewayServed => Faults.BadGatewayServed;

    /// <summary>How many calls met the injected <paramref name="fault"/> since the start or the last reset.</summary>
    public int FaultsServed(HubSpotFault fault) => Faults.Served(fault);

    /// <summary>Clears the rate-limit windows, the daily count and the 429 counters.</summary>
    public void ResetRateLimits() => RateLimits.Reset();

    /// <summary>Restarts the fault sequence, so the same calls fault again.</summary>
    public void ResetFaults() => Faults.Reset();

    /// <summary>The objectTypeId ("0-1", "2-1234567") of a type named any way the API accepts, or null.</summary>
    public string? ObjectTypeIdOf(string objectType)
    {
        lock (_gate)
        {
            return Resolve(objectType)?.ObjectTypeId;
        }
    }

    /// <summary>Names of an object type's properties (system ones included).</summary>
    public IReadOnlyList<string> PropertyNames(string objectType)
    {
        lock (_gate)
        {
            return TypeOrThrow(objectType).Properties.Keys.ToArray();
        }
    }

    private HubSpotObjectType? Resolve(string reference) => _types.FirstOrDefault(t => t.Matches(reference));

    /// <summary>The object type, or HubSpot's 400 for a name it cannot place.</summary>
    private HubSpotObjectType TypeOrThrow(string reference) =>
        Resolve(reference) ?? throw new HubSpotApiException(HubSpotError.Validation($"Unable to infer object type from: {reference}"));

    private long NextRecordId() => _nextRecordId++;

    private static string IdText(long id) => id.ToString(CultureInfo.InvariantCulture);
}
