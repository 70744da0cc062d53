using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Tests.Validation;

/// <summary>CR rules: creates need a link key on the side they create in, so a retry cannot duplicate.</summary>
[Collection(DemoSandboxCollection.Name)]
public sealed class CreateKeyRuleTests(DemoSandbox sandbox)
{
    [Fact]
    public async Task CR001_CreatingInHubSpotWithoutASalesforceIdPropertyIsAnError()
    {
        var run = await sandbox.ValidateAsync(new SyncMapping("Invoices", "Invoice__c", DemoMappings.Invoices).AddField("Name", "invoice_number"));

        var d = run.Single("CR001");
        Assert.Contains("creates records in HubSpot (CreateDirection SalesforceToHubSpot) but names no SalesforceIdProperty", d.Message, StringComparison.Ordinal);
        Assert.Contains("-SalesforceIdProperty", d.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CR001_APropertyWithoutUniqueValuesCannotKeyCreates()
    {
        var run = await sandbox.ValidateAsync(new SyncMapping("Invoices", "Invoice__c", DemoMappings.Invoices, salesforceIdProperty: "billing_email").AddField("Name", "invoice_number"));

        var d = run.Single("CR001");
        Assert.Equal("billing_email", d.Target);
        Assert.Contains("'billing_email' does not require unique values", d.Message, StringComparison.Ordinal);
        Assert.Contains("string properties: salesforce_id.", d.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CR001_SalesforceIdPasses()
        => (await sandbox.ValidateAsync(DemoMappings.Bare())).None("CR001");

    [Fact]
    public async Task CR002_CreatingInSalesforceWithoutAHubSpotIdFieldIsAnError()
    {
        var mapping = new SyncMapping("Invoices", "Invoice__c", DemoMappings.Invoices, createDirection: SyncDirection.TwoWay, salesforceIdProperty: "salesforce_id")
            .AddField("Name", "invoice_number");

        var run = await sandbox.ValidateAsync(mapping);

        Assert.Contains("names no HubSpotIdField", run.Single("CR002").Message, StringComparison.Ordinal);
        run.None("CR001");
    }

    [Fact]
    public async Task CR002_AFieldThatIsNotAnExternalIdCannotKeyCreates()
    {
        var mapping = new SyncMapping("Invoices", "Invoice__c", DemoMappings.Invoices, createDirection: SyncDirection.TwoWay, salesforceIdProperty: "salesforce_id", hubSpotIdField: "Billing_Email__c")
            .AddField("Name", "invoice_number");

        var d = (await sandbox.ValidateAsync(mapping)).Single("CR002");

        Assert.Contains("it is not marked External ID, and it is not marked Unique, and it is of type email", d.Message, StringComparison.Ordinal);
        Assert.Contains("External ID fields: HubSpot_Id__c.", d.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CR002_TheHubSpotIdExternalIdFieldPasses()
        => (await sandbox.ValidateAsync(DemoMappings.Bare(create: SyncDirection.TwoWay))).None("CR002");
}
