using System.Net;
using SfHsSync.Sandbox.Salesforce;

namespace SfHsSync.Sandbox.Tests.Salesforce;

/// <summary>Every org has its one read-only Organization record, which tools query first (SELECT IsSandbox FROM Organization).</summary>
public sealed class SalesforceOrganizationTests
{
    [Theory]
    [InlineData("Demo")]
    [InlineData("Empty")]
    public async Task Organization_answers_the_query_tools_send_first(string seed)
    {
        await using var sf = await SalesforceTestOrg.StartAsync(seed: seed);

        var (status, body, _) = await sf.QueryAsync("SELECT Id, Name, IsSandbox, InstanceName, OrganizationType, NamespacePrefix, TrialExpirationDate FROM Organization");

        Assert.Equal(HttpStatusCode.OK, status);
        var org = Assert.Single(body!["records"]!.AsArray())!;
        Assert.Equal(SalesforceOrg.OrganizationId, (string?)org["Id"]);
        Assert.Equal("Organization", (string?)org["attributes"]!["type"]);
        Assert.True((bool)org["IsSandbox"]!);
        Assert.Null(org["NamespacePrefix"]);
        Assert.Equal("Developer Edition", (string?)org["OrganizationType"]);
    }

    [Fact]
    public async Task Organization_is_described_and_cannot_be_written()
    {
        await using var sf = await SalesforceTestOrg.StartAsync(seed: "Empty");

        var describe = await sf.GetAsync("sobjects/Organization/describe");
        var update = await sf.SendAsync(HttpMethod.Patch, $"sobjects/Organization/{SalesforceOrg.OrganizationId}", new { Name = "Renamed" });

        Assert.Equal(HttpStatusCode.OK, describe.Status);
        Assert.False((bool)describe.Body!["createable"]!);
        Assert.False((bool)describe.Body!["updateable"]!);
        Assert.NotEqual(HttpStatusCode.NoContent, update.Status);
    }
}
