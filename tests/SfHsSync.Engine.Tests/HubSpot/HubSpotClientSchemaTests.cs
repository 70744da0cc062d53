using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.HubSpot;

namespace SfHsSync.Engine.Tests.HubSpot;

public sealed class HubSpotClientSchemaTests
{
    [Fact]
    public async Task ReadsCustomSchemasWithTheirRulesAndCachesThem()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        using var client = sandbox.Client();

        var schemas = await client.GetSchemasAsync();
        var invoices = Assert.Single(schemas);
        var again = await client.GetSchemaAsync("invoices");
        var byTypeId = await client.GetSchemaAsync(sandbox.InvoicesTypeId);

        Assert.Equal("invoices", invoices.Name);
        Assert.Equal(sandbox.InvoicesTypeId, invoices.ObjectTypeId);
        Assert.Equal(HubSpotSandbox.Invoices, invoices.FullyQualifiedName);
        Assert.True(invoices.IsCustom);
        Assert.Equal(new[] { "invoice_number" }, invoices.RequiredProperties);
        Assert.True(invoices.FindProperty("salesforce_id")!.HasUniqueValue);
        Assert.True(invoices.FindProperty("total_with_tax")!.Calculated || invoices.FindProperty("total_with_tax")!.ReadOnlyValue);
        Assert.Equal(new[] { "Draft", "Sent", "Paid" }, invoices.FindProperty("status")!.Options.Select(o => o.Value));
        Assert.Contains(invoices.Associations, a => a.ToObjectTypeId == "0-2");
        Assert.Same(invoices, again);
        Assert.Same(invoices, byTypeId);
        Assert.Equal(1, client.ApiCallCount);
        Assert.Equal(1, sandbox.Calls("GET", "/crm-object-schemas/2026-09/schemas"));
    }

    [Fact]
    public async Task BuildsStandardObjectSchemasFromThePropertiesApi()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        using var client = sandbox.Client();

        var companies = await client.GetSchemaAsync("companies");
        await client.GetSchemaAsync("0-2");

        Assert.Equal("0-2", companies.ObjectTypeId);
        Assert.False(companies.IsCustom);
        Assert.NotNull(companies.FindProperty("name"));
        Assert.NotNull(companies.FindProperty("domain"));
        Assert.Equal(1, client.ApiCallCount);
    }

    [Fact]
    public async Task AnUnknownSchemaIsObjectNotFound()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        using var client = sandbox.Client();

        var ex = await Assert.ThrowsAsync<SyncException>(() => client.GetSchemaAsync("p12345678_nothing"));

        Assert.Equal("HubSpotObjectNotFound", ex.ErrorId);
        Assert.Equal(SyncErrorKind.ObjectNotFound, ex.Kind);
        Assert.Contains("crm-object-schemas/2026-09/schemas/p12345678_nothing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadTokenFailsOnceWithoutRetryAndWithoutShowingTheToken()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        const string token = "pat-na1-wrong-token-0123456789";
        using var client = new HubSpotClient(new HubSpotConnection(sandbox.Server.HubSpotUrl, SecretText.ToSecureString(token)), HubSpotSandbox.Fast);

        var ex = await Assert.ThrowsAsync<SyncException>(() => client.GetSchemasAsync());

        Assert.Equal("HubSpotAuthenticationFailed", ex.ErrorId);
        Assert.Equal(SyncErrorKind.AuthenticationError, ex.Kind);
        Assert.Contains("401", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, client.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, client.ApiCallCount);
    }
}
