using System.Globalization;
using System.Text.RegularExpressions;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.Salesforce;

/// <summary>
/// The one place a Salesforce connection's REST API version is chosen: the newest version both this client
/// (<see cref="SalesforceClient.OldestApiVersion"/> to <see cref="SalesforceClient.NewestApiVersion"/>) and the org
/// (GET /services/data) support, unless the connection is pinned (Connect-Salesforce -ApiVersion,
/// SFHSSYNC_SF_API_VERSION). Connect-Salesforce, Start-SyncSandbox and connections read from the SFHSSYNC_SF_* variables
/// all come through here. The answer is kept in the connection, so a connection asks the org once, not once per pass.
/// </summary>
public static partial class SalesforceApiVersionNegotiator
{
    /// <summary>The variable that pins a pipeline's connection to a version (vNN.N).</summary>
    public const string PinVariable = "SFHSSYNC_SF_API_VERSION";

    /// <summary>The versions this client speaks, as the org's list writes them (v59.0, v60.0, …).</summary>
    public static IReadOnlyList<string> ClientVersions { get; } = Enumerable.Range(SalesforceClient.OldestApiVersion, SalesforceClient.NewestApiVersion - SalesforceClient.OldestApiVersion + 1)
        .Select(v => string.Create(CultureInfo.InvariantCulture, $"v{v}.0")).ToArray();

    /// <summary>
    /// Gives <paramref name="connection"/> its version: nothing happens when it is pinned or already negotiated;
    /// otherwise one GET /services/data (after a token request, for the token flows that have none yet).
    /// </summary>
    public static async Task<SalesforceConnection> NegotiateAsync(SalesforceConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.ApiVersionSource != SalesforceApiVersionSource.Default)
        {
            return connection;
        }

        using var client = new SalesforceClient(connection, new SalesforceClientOptions { MaxRetries = 2 });
        connection.UseNegotiatedApiVersion(await client.NegotiateApiVersionAsync(cancellationToken).ConfigureAwait(false));
        return connection;
    }

    /// <summary>The newest of <paramref name="offered"/> (the org's "version" values, e.g. "62.0") this client speaks.</summary>
    public static string Choose(IReadOnlyCollection<string> offered)
    {
        ArgumentNullException.ThrowIfNull(offered);
        var numbers = offered
            .Select(text => decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) ? number : (decimal?)null)
            .OfType<decimal>()
            .ToList();
        var shared = numbers.Where(v => v >= SalesforceClient.OldestApiVersion && v < SalesforceClient.NewestApiVersion + 1).DefaultIfEmpty(-1).Max();
        if (shared < 0)
        {
            var org = numbers.Count == 0 ? "none" : string.Join(", ", numbers.Order().Select(v => string.Create(CultureInfo.InvariantCulture, $"v{v:0.0}")));
            throw new SyncException("SalesforceApiVersionUnsupported", SyncErrorKind.InvalidOperation,
                $"The org and this client share no Salesforce REST API version. The org serves: {org}. This client speaks v{SalesforceClient.OldestApiVersion}.0 to v{SalesforceClient.NewestApiVersion}.0 ({string.Join(", ", ClientVersions)}).")
            {
                RecommendedAction = "Use a release of SfHsSync that speaks one of the org's versions.",
            };
        }

        return string.Create(CultureInfo.InvariantCulture, $"v{shared:0.0}");
    }

    /// <summary>A pinned version as given (vNN.N), or SalesforceApiVersionInvalid naming <paramref name="source"/>.</summary>
    public static string ParsePinned(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        return VersionPattern().IsMatch(trimmed)
            ? trimmed
            : throw new SyncException("SalesforceApiVersionInvalid", SyncErrorKind.InvalidArgument,
                $"{source} '{text}' is not a Salesforce API version such as v62.0.", source);
    }

    [GeneratedRegex(@"^v\d{2,3}\.\d$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
