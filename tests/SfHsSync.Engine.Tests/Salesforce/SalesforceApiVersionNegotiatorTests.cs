using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Sandbox;
using static SfHsSync.Engine.Tests.Salesforce.SalesforceClientSandbox;

namespace SfHsSync.Engine.Tests.Salesforce;

/// <summary>
/// The one negotiator every connection comes through (Connect-Salesforce, Start-SyncSandbox, the SFHSSYNC_SF_*
/// variables): the newest version both sides support, asked once per connection; a pinned version kept without a call.
/// </summary>
public sealed class SalesforceApiVersionNegotiatorTests
{
    private static Func<string, string?> Variables(SandboxServer server, string? pinned = null) => name => name switch
    {
        SalesforceConnection.InstanceUrlVariable => server.SalesforceUrl.ToString(),
        SalesforceConnection.AccessTokenVariable => server.Salesforce.DefaultAccessToken,
        SalesforceApiVersionNegotiator.PinVariable => pinned,
        _ => null,
    };

    [Fact]
    public async Task A_connection_from_the_variables_speaks_the_sandboxs_newest_version_asked_once()
    {
        await using var server = await StartAsync(seed: "Empty");
        var connection = SalesforceConnection.FromEnvironment(Variables(server));
        Assert.Equal(SalesforceApiVersionSource.Default, connection.ApiVersionSource);

        await SalesforceApiVersionNegotiator.NegotiateAsync(connection);
        await SalesforceApiVersionNegotiator.NegotiateAsync(connection);

        Assert.Equal("v68.0", connection.ApiVersion);
        Assert.Equal(SalesforceApiVersionSource.Negotiated, connection.ApiVersionSource);
        Assert.Equal(1, server.Salesforce.Requests.Count("GET", "/services/data"));

        // Clients made on the connection afterwards (one per pass) speak it and never ask again.
        using var client = new SalesforceClient(connection, Fast);
        await client.GetLimitsAsync();
        Assert.Equal(1, server.Salesforce.Requests.Count("GET", "/services/data/v68.0/limits"));
        Assert.Equal(1, server.Salesforce.Requests.Entries.Count(e => e.Path == "/services/data"));
    }

    [Fact]
    public async Task A_version_pinned_by_SFHSSYNC_SF_API_VERSION_is_kept_without_a_call()
    {
        await using var server = await StartAsync(seed: "Empty");
        var connection = SalesforceConnection.FromEnvironment(Variables(server, "v61.0"));

        await SalesforceApiVersionNegotiator.NegotiateAsync(connection);

        Assert.Equal("v61.0", connection.ApiVersion);
        Assert.Equal(SalesforceApiVersionSource.Pinned, connection.ApiVersionSource);
        Assert.Empty(server.Salesforce.Requests.Entries);
    }

    [Fact]
    public void A_malformed_pin_is_refused_naming_the_variable()
    {
        var ex = Assert.Throws<SyncException>(() => SalesforceConnection.FromEnvironment(name => name switch
        {
            SalesforceConnection.InstanceUrlVariable => "https://acme.my.salesforce.com",
            SalesforceConnection.AccessTokenVariable => "00Dx!token",
            SalesforceApiVersionNegotiator.PinVariable => "62",
            _ => null,
        }));

        Assert.Equal("SalesforceApiVersionInvalid", ex.ErrorId);
        Assert.Contains("SFHSSYNC_SF_API_VERSION '62'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_org_that_lists_only_older_versions_gets_the_newest_common_one()
    {
        await using var server = await StartAsync(o => (o.MinApiVersion, o.MaxApiVersion) = (45, 61), seed: "Empty");
        var connection = TokenConnection(server);

        await SalesforceApiVersionNegotiator.NegotiateAsync(connection);

        Assert.Equal("v61.0", connection.ApiVersion);
        using var client = new SalesforceClient(connection, Fast);
        await client.GetLimitsAsync();
    }

    [Fact]
    public async Task An_org_that_shares_no_version_is_refused_naming_both_lists()
    {
        await using var server = await StartAsync(o => (o.MinApiVersion, o.MaxApiVersion) = (70, 72), seed: "Empty");
        var connection = TokenConnection(server);

        var ex = await Assert.ThrowsAsync<SyncException>(() => SalesforceApiVersionNegotiator.NegotiateAsync(connection));

        Assert.Equal("SalesforceApiVersionUnsupported", ex.ErrorId);
        Assert.Contains("The org serves: v70.0, v71.0, v72.0.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("This client speaks v59.0 to v68.0 (v59.0, v60.0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("v68.0)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(SalesforceApiVersionSource.Default, connection.ApiVersionSource);
    }

    [Fact]
    public void Choose_takes_the_newest_shared_version_whatever_the_order_of_the_list()
    {
        Assert.Equal("v64.0", SalesforceApiVersionNegotiator.Choose(["64.0", "20.0", "63.0", "not a version"]));
        Assert.Equal("v68.0", SalesforceApiVersionNegotiator.Choose(["69.0", "68.0", "59.0"]));
        var none = Assert.Throws<SyncException>(() => SalesforceApiVersionNegotiator.Choose([]));
        Assert.Contains("The org serves: none.", none.Message, StringComparison.Ordinal);
    }
}
