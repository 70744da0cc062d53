using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using RestSharp;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Salesforce;

/// <summary>
/// The engine's way into one Salesforce org over REST and Bulk API 2.0: describe, streamed queries, incremental and
/// delete reads, collection writes in chunks of 200, and Bulk jobs. Every call is counted (<see cref="ApiCallCount"/>),
/// reads the org's api-usage, retries transient failures, and re-authenticates once on 401 when the flow allows it.
/// </summary>
public sealed partial class SalesforceClient : IDisposable
{
    private readonly SalesforceTransport _transport;
    private readonly ConcurrentDictionary<string, Task<SalesforceObjectDescription>> _describes = new(StringComparer.OrdinalIgnoreCase);
    private Task<IReadOnlyList<SalesforceObjectSummary>>? _global;

    public SalesforceClient(SalesforceConnection connection, SalesforceClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Options = options ?? new SalesforceClientOptions();
        Options.Validate();
        _transport = new SalesforceTransport(connection, Options);
    }

    public SalesforceConnection Connection => _transport.Connection;

    public SalesforceClientOptions Options { get; }

    /// <summary>REST and Bulk calls made so far, retries included (token requests are not API calls and not counted).</summary>
    public long ApiCallCount => _transport.ApiCallCount;

    /// <summary>Token endpoint requests made so far (the first sign-in and each re-authentication).</summary>
    public long TokenRequestCount => _transport.TokenRequestCount;

    /// <summary>The calls sent again so far, by kind (a run records the difference over its life).</summary>
    public RetryCounter Retries => _transport.Retries;

    /// <summary>The org's daily API usage as the last answer reported it.</summary>
    public SalesforceApiUsage? LastApiUsage => _transport.LastApiUsage;

    /// <summary>
    /// Checks the connection works: token flows sign in (a bad key or secret fails here), an access token is tried on
    /// /limits. Returns the org's API usage when known.
    /// </summary>
    public async Task<SalesforceApiUsage?> ConnectAsync(CancellationToken cancellationToken = default)
    {
        if (Connection.CanReauthenticate)
        {
            await _transport.AuthenticateAsync(cancellationToken).ConfigureAwait(false);
            return LastApiUsage;
        }

        var usage = await GetLimitsAsync(cancellationToken).ConfigureAwait(false);
        Connection.AuthenticatedAt = Options.TimeProvider.GetUtcNow();
        return usage;
    }

    /// <summary>The org's daily API allowance from /limits (DailyApiRequests).</summary>
    public async Task<SalesforceApiUsage> GetLimitsAsync(CancellationToken cancellationToken = default)
    {
        const string what = "read the org's limits";
        var response = await _transport.SendAsync(Method.Get, _transport.DataPath + "/limits", null, what, cancellationToken).ConfigureAwait(false);
        using var doc = ParseJson(SalesforceTransport.EnsureSuccess(response, what), what);
        if (doc.RootElement.TryGetProperty("DailyApiRequests", out var daily)
            && daily.TryGetProperty("Max", out var max) && max.TryGetInt64(out var maxValue)
            && daily.TryGetProperty("Remaining", out var remaining) && remaining.TryGetInt64(out var remainingValue))
        {
            return new SalesforceApiUsage(maxValue - remainingValue, maxValue);
        }

        throw new SyncException("SalesforceResponseInvalid", SyncErrorKind.ReadError,
            $"The /limits answer from {Connection.InstanceUrl} carries no DailyApiRequests Max and Remaining.", what);
    }

    /// <summary>Every object of the org (global describe); read once per client.</summary>
    public Task<IReadOnlyList<SalesforceObjectSummary>> DescribeGlobalAsync(CancellationToken cancellationToken = default)
    {
        var task = _global ??= LoadGlobalAsync(cancellationToken);
        if (task.IsFaulted || task.IsCanceled)
        {
            // A failed read is not cached: the next caller tries again.
            _global = null;
        }

        return task;
    }

    /// <summary>The describe of one object; read once per client and object.</summary>
    public Task<SalesforceObjectDescription> DescribeAsync(string objectName, CancellationToken cancellationToken = default)
    {
        CheckObjectName(objectName);
        var task = _describes.GetOrAdd(objectName, name => LoadDescribeAsync(name, cancellationToken));
        if (task.IsFaulted || task.IsCanceled)
        {
            _describes.TryRemove(new KeyValuePair<string, Task<SalesforceObjectDescription>>(objectName, task));
        }

        return task;
    }

    private async Task<IReadOnlyList<SalesforceObjectSummary>> LoadGlobalAsync(CancellationToken cancellationToken)
    {
        const string what = "describe the org's objects";
        try
        {
            var response = await _transport.SendAsync(Method.Get, _transport.DataPath + "/sobjects", null, what, cancellationToken).ConfigureAwait(false);
            using var doc = ParseJson(SalesforceTransport.EnsureSuccess(response, what), what);
            return SalesforceDescribeReader.ReadGlobal(doc.RootElement);
        }
        catch
        {
            _global = null;
            throw;
        }
    }

    private async Task<SalesforceObjectDescription> LoadDescribeAsync(string objectName, CancellationToken cancellationToken)
    {
        var what = $"describe {objectName}";
        try
        {
            var response = await _transport.SendAsync(Method.Get, $"{_transport.DataPath}/sobjects/{objectName}/describe", null, what, cancellationToken)
                .ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new SyncException("SalesforceObjectNotFound", SyncErrorKind.ObjectNotFound,
                    $"The Salesforce object '{objectName}' does not exist in the org at {Connection.InstanceUrl} (or the user cannot see it).", objectName)
                {
                    RecommendedAction = "Check the object's API name (custom objects end in __c) and the integration user's permissions.",
                };
            }

            using var doc = ParseJson(SalesforceTransport.EnsureSuccess(response, what), what);
            return SalesforceDescribeReader.ReadObject(doc.RootElement);
        }
        catch
        {
            _describes.TryRemove(objectName, out _);
            throw;
        }
    }

    internal static JsonDocument ParseJson(RestResponse response, string what)
    {
        try
        {
            return JsonDocument.Parse(response.Content ?? string.Empty);
        }
        catch (JsonException ex)
        {
            throw new SyncException("SalesforceResponseInvalid", SyncErrorKind.ReadError,
                $"Salesforce's answer while trying to {what} is not valid JSON ({ex.Message}).", what, ex);
        }
    }

    /// <summary>Object names go into URL paths: only plain API names may, so no name can reach another resource.</summary>
    internal static void CheckObjectName(string objectName)
    {
        ArgumentNullException.ThrowIfNull(objectName);
        if (!ApiName().IsMatch(objectName))
        {
            throw new SyncException("SalesforceNameInvalid", SyncErrorKind.InvalidArgument,
                $"'{objectName}' is not a Salesforce object API name: names are letters, digits and underscores, starting with a letter.", objectName);
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiName();

    public override string ToString() => $"SalesforceClient for {Connection}";

    public void Dispose() => _transport.Dispose();
}
