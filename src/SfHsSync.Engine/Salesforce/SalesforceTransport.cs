using System.Net;
using Polly;
using RestSharp;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.Salesforce;

/// <summary>
/// Every HTTP call to one org goes through here: the bearer token on each attempt, one re-authentication on 401, the
/// retry policy, the daily-limit stop, the api-usage header after each answer, the client's own usage budget, and
/// the call counter. Messages built here name the call and Salesforce's error, never a token.
/// </summary>
internal sealed class SalesforceTransport : IDisposable
{
    private readonly RestClient _rest;
    private readonly ResiliencePipeline<RestResponse> _retry;
    private readonly SemaphoreSlim _authGate = new(1, 1);
    private readonly SalesforceClientOptions _options;
    private long _apiCalls;
    private long _tokenRequests;
    private long _tokenGeneration;
    private SalesforceApiUsage? _lastUsage;

    public SalesforceTransport(SalesforceConnection connection, SalesforceClientOptions options)
    {
        Connection = connection;
        _options = options;
        _rest = new RestClient(new RestClientOptions
        {
            FollowRedirects = false,
            ThrowOnAnyError = false,
            Timeout = options.RequestTimeout,
            UserAgent = "SfHsSync",
        });
        _retry = SalesforceRetryPolicy.Create(options, Retries);
    }

    public SalesforceConnection Connection { get; }

    public long ApiCallCount => Interlocked.Read(ref _apiCalls);

    public long TokenRequestCount => Interlocked.Read(ref _tokenRequests);

    /// <summary>The calls (and records of collections) sent again, by why; a 401 answered by a new token counts TokenRefresh.</summary>
    public RetryCounter Retries { get; } = new();

    public SalesforceApiUsage? LastApiUsage => Volatile.Read(ref _lastUsage);

    /// <summary>"/services/data/v59.0" for the connection's API version.</summary>
    public string DataPath => "/services/data/" + Connection.ApiVersion;

    /// <summary>
    /// Sends a call to <paramref name="path"/> on the connection's current instance URL; each attempt is a fresh
    /// request that <paramref name="build"/> adds parameters and a body to. Returns the final answer whatever its
    /// status, except that a 401 that survives re-authentication, 403 REQUEST_LIMIT_EXCEEDED and a broken connection
    /// throw. <paramref name="what"/> says what the call was for, in error messages.
    /// </summary>
    public async Task<RestResponse> SendAsync(Method method, string path, Action<RestRequest>? build, string what, CancellationToken cancellationToken)
    {
        await EnsureTokenAsync(cancellationToken).ConfigureAwait(false);
        var generation = Interlocked.Read(ref _tokenGeneration);
        var response = await ExecuteWithRetriesAsync(method, path, build, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized && Connection.CanReauthenticate)
        {
            Retries.Count(RetryKind.TokenRefresh);
            await ReauthenticateAsync(generation, cancellationToken).ConfigureAwait(false);
            response = await ExecuteWithRetriesAsync(method, path, build, cancellationToken).ConfigureAwait(false);
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var errors = SalesforceApiError.Parse(response.Content);
            throw new SyncException("SalesforceSessionExpired", SyncErrorKind.AuthenticationError,
                $"Salesforce refused the session while trying to {what}: {Describe(errors)}" +
                (Connection.CanReauthenticate ? " A new token was requested once and refused as well." : " An access token cannot be renewed by the client."),
                Connection.InstanceUrl.ToString())
            {
                RecommendedAction = "Run Connect-Salesforce again with a valid access token, or use the JWT bearer or client credentials flow.",
            };
        }

        if (response.StatusCode == HttpStatusCode.Forbidden && SalesforceApiError.Contains(response.Content, "REQUEST_LIMIT_EXCEEDED"))
        {
            throw new SyncException("SalesforceDailyLimitExceeded", SyncErrorKind.LimitsExceeded,
                $"The org's daily API allowance is exhausted (REQUEST_LIMIT_EXCEEDED while trying to {what}); the run stopped. " +
                $"Salesforce refuses further API calls until the 24-hour usage falls below the limit{(LastApiUsage is { } u ? $" ({u})" : string.Empty)}.",
                Connection.InstanceUrl.ToString())
            {
                RecommendedAction = "Wait until the org's API usage falls, or ask Salesforce for a higher daily allowance; set a lower API usage share for syncs.",
            };
        }

        if (response.StatusCode == 0)
        {
            throw new SyncException("SalesforceConnectionFailed", SyncErrorKind.ConnectionError,
                $"Could not reach Salesforce at {Connection.InstanceUrl} to {what}: {response.ErrorMessage ?? response.ResponseStatus.ToString()}.",
                Connection.InstanceUrl.ToString());
        }

        return response;
    }

    /// <summary>Throws SalesforceRequestFailed (status, errorCode, message) unless the answer is a success.</summary>
    public static RestResponse EnsureSuccess(RestResponse response, string what)
    {
        if ((int)response.StatusCode is >= 200 and < 300)
        {
            return response;
        }

        throw RequestFailed(response, what);
    }

    public static SyncException RequestFailed(RestResponse response, string what)
    {
        var errors = SalesforceApiError.Parse(response.Content);
        var busy = SalesforceRetryPolicy.IsTransient(response);
        return new SyncException("SalesforceRequestFailed", busy ? SyncErrorKind.ResourceBusy : SyncErrorKind.InvalidOperation,
            $"Salesforce answered {(int)response.StatusCode} {response.StatusCode} while trying to {what}: {Describe(errors)}",
            what);
    }

    public static string Describe(IReadOnlyList<SalesforceApiError> errors)
        => errors.Count == 0 ? "no error details." : string.Join("; ", errors) + ".";

    /// <summary>Gets a token when the connection has none yet (token flows before their first call).</summary>
    public async Task EnsureTokenAsync(CancellationToken cancellationToken)
    {
        if (Connection.AccessToken is not null)
        {
            return;
        }

        await ReauthenticateAsync(Interlocked.Read(ref _tokenGeneration), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Requests a new token now (Connect-Salesforce's check that the credentials work).</summary>
    public Task AuthenticateAsync(CancellationToken cancellationToken)
        => ReauthenticateAsync(Interlocked.Read(ref _tokenGeneration), cancellationToken);

    private async Task ReauthenticateAsync(long seenGeneration, CancellationToken cancellationToken)
    {
        await _authGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another call may have renewed the token while this one waited: one 401 wave, one token request.
            if (Interlocked.Read(ref _tokenGeneration) != seenGeneration && Connection.AccessToken is not null)
            {
                return;
            }

            Interlocked.Increment(ref _tokenRequests);
            await SalesforceOAuth.RequestTokenAsync(Connection, _rest, _retry, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _tokenGeneration);
        }
        finally
        {
            _authGate.Release();
        }
    }

    private async Task<RestResponse> ExecuteWithRetriesAsync(Method method, string path, Action<RestRequest>? build, CancellationToken cancellationToken)
    {
        return await _retry.ExecuteAsync(async ct =>
        {
            CheckBudget();
            var request = new RestRequest(new Uri(Connection.InstanceUrl, path), method);
            build?.Invoke(request);
            // RestSharp's default Accept also lists XML, which Salesforce could answer in; Bulk results ask for CSV themselves.
            if (!request.Parameters.Any(p => p.Type == ParameterType.HttpHeader && string.Equals(p.Name, "Accept", StringComparison.OrdinalIgnoreCase)))
            {
                request.AddHeader("Accept", "application/json");
            }

            if (Connection.AccessToken is { } token)
            {
                request.AddHeader("Authorization", "Bearer " + SecretText.Reveal(token));
            }

            Interlocked.Increment(ref _apiCalls);
            var response = await _rest.ExecuteAsync(request, ct).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            ReadUsage(response);
            return response;
        }, cancellationToken).ConfigureAwait(false);
    }

    private void ReadUsage(RestResponse response)
    {
        var header = response.Headers?.FirstOrDefault(h => string.Equals(h.Name, "Sforce-Limit-Info", StringComparison.OrdinalIgnoreCase))?.Value as string;
        if (SalesforceApiUsage.Parse(header) is { } usage)
        {
            Volatile.Write(ref _lastUsage, usage);
        }
    }

    private void CheckBudget()
    {
        if (_options.ApiUsageShare is not { } share || LastApiUsage is not { } usage)
        {
            return;
        }

        if (usage.Used >= share * usage.Max)
        {
            throw new SyncException("SalesforceApiBudgetExhausted", SyncErrorKind.LimitsExceeded,
                $"The run stopped: the org has used {usage.Used} of its {usage.Max} daily API requests, which reaches the {share:P0} share this sync may use.",
                Connection.InstanceUrl.ToString())
            {
                RecommendedAction = "Run again when the org's API usage has fallen, or allow a larger share of the daily allowance.",
            };
        }
    }

    /// <summary>The org's time an answer carries in its Date header (HTTP date, to the second); null without one.</summary>
    internal static DateTimeOffset? ServerTime(RestResponse response)
        => Header(response, "Date") is { } text
           && DateTimeOffset.TryParseExact(text, "r", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;

    internal static string? Header(RestResponse response, string name)
        => response.Headers?.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value as string
           ?? response.ContentHeaders?.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value as string;

    public void Dispose()
    {
        _rest.Dispose();
        _authGate.Dispose();
    }
}
