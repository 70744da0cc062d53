using SfHsSync.Engine.Validation;

namespace SfHsSync.Engine.Tests.Validation;

/// <summary>The whole validator against the Demo sandbox: a good mapping passes, metadata is read once per set.</summary>
[Collection(DemoSandboxCollection.Name)]
public sealed class MappingValidatorTests(DemoSandbox sandbox)
{
    [Fact]
    public async Task TheGoodDemoInvoiceMappingHasNoErrorsOrWarnings()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.GoodInvoices());

        // Status__c warns that HubSpot lacks Void (the seed says so); nothing else is found.
        var d = Assert.Single(run.Diagnostics);
        Assert.Equal("FD009", d.RuleId);
        Assert.Contains("'Void'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneMappingCostsAFixedNumberOfCalls()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.GoodInvoices());

        // Salesforce: global describe, describe of Invoice__c. HubSpot: the schema list, companies' properties,
        // the association types from invoices to companies, and the token's scopes (access-token information).
        Assert.Equal(2, run.SalesforceCalls);
        Assert.Equal(4, run.HubSpotCalls);
    }

    [Fact]
    public async Task MappingsTestedTogetherShareTheMetadata()
    {
        var run = await sandbox.ValidateAsync(
            DemoMappings.GoodInvoices("A"),
            DemoMappings.GoodInvoices("B"),
            new Engine.Mapping.SyncMapping("C", "Campaign", "p12345678_invoices", createDirection: Engine.Mapping.SyncDirection.None));

        // One more describe (Campaign); nothing more on HubSpot (the token's scopes are read once for the set).
        Assert.Equal(3, run.SalesforceCalls);
        Assert.Equal(4, run.HubSpotCalls);
    }

    [Fact]
    public async Task AnEmptySetCostsNothing()
    {
        var run = await sandbox.ValidateAsync();

        Assert.Empty(run.Diagnostics);
        Assert.Equal(0, run.SalesforceCalls + run.HubSpotCalls);
    }
}
