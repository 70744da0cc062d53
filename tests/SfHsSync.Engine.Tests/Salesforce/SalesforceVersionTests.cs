using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Salesforce;
using static SfHsSync.Engine.Tests.Salesforce.SalesforceClientSandbox;

namespace SfHsSync.Engine.Tests.Salesforce;

/// <summary>The client uses the newest API version both it and the org support, read from GET /services/data in one call.</summary>
public sealed class SalesforceVersionTests
{
    [Theory]
    [InlineData(68, "v68.0")]
    [InlineData(64, "v64.0")]
    [InlineData(75, "v68.0")]
    public async Task The_newest_version_both_sides_support_is_chosen(int orgMax, string expected)
    {
        await using var server = await StartAsync(o => o.MaxApiVersion = orgMax, seed: "Empty");
        using var client = Client(server);

        Assert.Equal(expected, await client.NegotiateApiVersionAsync());
        Assert.Equal(1, server.Salesforce.Requests.Count("GET", "/services/data"));

        // The chosen version is one the org answers on.
        using var negotiated = new SalesforceClient(client.Connection.WithApiVersion(expected), Fast);
        await negotiated.GetLimitsAsync();
    }

    [Fact]
    public async Task An_org_that_serves_only_older_versions_is_refused_naming_both_ranges()
    {
        await using var server = await StartAsync(o => (o.MinApiVersion, o.MaxApiVersion) = (50, 58), seed: "Empty");
        using var client = Client(server);

        var ex = await Assert.ThrowsAsync<SyncException>(() => client.NegotiateApiVersionAsync());

        Assert.Equal("SalesforceApiVersionUnsupported", ex.ErrorId);
        Assert.Contains("v58.0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("v59.0 to v68.0", ex.Message, StringComparison.Ordinal);
    }
}
