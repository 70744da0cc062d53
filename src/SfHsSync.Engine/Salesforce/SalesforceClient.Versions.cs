using System.Globalization;
using RestSharp;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.Salesforce;

public sealed partial class SalesforceClient
{
    /// <summary>The oldest REST API version this client speaks.</summary>
    public const int OldestApiVersion = 59;

    /// <summary>The newest REST API version this client has been checked against (Winter '27).</summary>
    public const int NewestApiVersion = 68;

    /// <summary>
    /// The newest REST API version (vNN.N) both this client and the org support, from the org's own list
    /// (GET /services/data, one call), chosen by <see cref="SalesforceApiVersionNegotiator.Choose"/>;
    /// SalesforceApiVersionUnsupported when they share none.
    /// </summary>
    public async Task<string> NegotiateApiVersionAsync(CancellationToken cancellationToken = default)
    {
        const string what = "list the org's API versions";
        var response = await _transport.SendAsync(Method.Get, "/services/data", null, what, cancellationToken).ConfigureAwait(false);
        using var doc = ParseJson(SalesforceTransport.EnsureSuccess(response, what), what);
        var offered = doc.RootElement.EnumerateArray()
            .Select(v => v.TryGetProperty("version", out var text) ? text.GetString() : null)
            .OfType<string>()
            .ToList();
        return SalesforceApiVersionNegotiator.Choose(offered);
    }
}
