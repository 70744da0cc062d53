using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Validation;

namespace SfHsSync.Engine.Tests.Validation;

/// <summary>FD rules against the Demo org and account: each with a mapping that breaks it and one that passes.</summary>
[Collection(DemoSandboxCollection.Name)]
public sealed class FieldRuleTests(DemoSandbox sandbox)
{
    private static readonly MappingSource AmountLine = new("/repo/invoices.yaml", 14, 5);

    [Fact]
    public async Task FD001_AMissingSalesforceFieldNamesTheFieldAndItsLine()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.Bare().AddField(new FieldMapping("Amount_X__c", "amount", source: AmountLine)));

        var d = run.Single("FD001");
        Assert.Equal("Amount_X__c <-> amount", d.Target);
        Assert.Equal(AmountLine, d.Source);
        Assert.Contains("'Invoice__c' has no field 'Amount_X__c'", d.Message, StringComparison.Ordinal);
        Assert.Contains("'Amount__c'", d.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FD002_AMissingHubSpotPropertySuggestsTheNearestOne()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.Bare().AddField("Amount__c", "amount2"));

        var d = run.Single("FD002");
        Assert.Contains("no property 'amount2'", d.Message, StringComparison.Ordinal);
        Assert.Equal("Did you mean 'amount'?", d.Suggestion);
        run.None("FD001");
    }

    [Fact]
    public async Task FD001_FD002_TheGoodInvoiceMappingHasEveryFieldAndProperty()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.GoodInvoices());

        run.None("FD001");
        run.None("FD002");
    }

    [Fact]
    public async Task FD003_AnUnmappedRequiredPropertyIsAnError()
    {
        var mapping = new SyncMapping("Invoices", "Invoice__c", DemoMappings.Invoices, salesforceIdProperty: "salesforce_id").AddField("Amount__c", "amount");

        var run = await sandbox.ValidateAsync(mapping);

        var d = run.Single("FD003");
        Assert.Equal("invoice_number", d.Target);
        Assert.Contains("HubSpot requires 'invoice_number' on every invoices record", d.Message, StringComparison.Ordinal);
        Assert.Contains("Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number", d.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FD003_ARequiredPropertyThatCreatesCannotFillIsAnError()
    {
        var mapping = new SyncMapping("Invoices", "Invoice__c", DemoMappings.Invoices, salesforceIdProperty: "salesforce_id")
            .AddField("Name", "invoice_number", SyncDirection.HubSpotToSalesforce);

        var run = await sandbox.ValidateAsync(mapping);

        var d = run.Single("FD003");
        Assert.Equal("Name <- invoice_number", d.Target);
        Assert.Contains("carries no Salesforce value to HubSpot", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FD003_ARequiredPropertyFilledFromSalesforcePassesAndSoDoesOneOnlyReadWhenCreatesGoToSalesforce()
    {
        var toSalesforce = new SyncMapping("Invoices", "Invoice__c", DemoMappings.Invoices, createDirection: SyncDirection.HubSpotToSalesforce, hubSpotIdField: "HubSpot_Id__c")
            .AddField("Name", "invoice_number", SyncDirection.HubSpotToSalesforce);

        (await sandbox.ValidateAsync(DemoMappings.Bare())).None("FD003");
        (await sandbox.ValidateAsync(toSalesforce)).None("FD003");
    }

    [Fact]
    public async Task FD004_ALookupFieldMappedAsAFieldPointsToAnAssociation()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.Bare().AddField("Account__c", "billing_email", SyncDirection.SalesforceToHubSpot));

        var d = run.Single("FD004");
        Assert.Contains("'Account__c' is a lookup to Account", d.Message, StringComparison.Ordinal);
        Assert.Contains("Add-AssociationMapping -SalesforceField Account__c -HubSpotObject companies", d.Suggestion, StringComparison.Ordinal);
        // The lookup's own rule speaks; the type table does not add a second finding.
        run.None("FD005");
    }

    [Fact]
    public async Task FD004_ALookupSyncedAsAnAssociationPasses()
        => (await sandbox.ValidateAsync(DemoMappings.GoodInvoices())).None("FD004");

    [Fact]
    public async Task FD005_ACheckboxToANumberIsRefusedAndTheSuggestionNamesWhatFits()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.Bare().AddField("Paid__c", "amount"));

        var d = run.Single("FD005");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("Salesforce boolean field", d.Message, StringComparison.Ordinal);
        Assert.Contains("HubSpot number (number) property", d.Message, StringComparison.Ordinal);
        Assert.Contains("bool", d.Suggestion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FD006_ADateTimeToADateIsAWarning()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.Bare().AddField("Sent_At__c", "due_date"));

        var d = run.Single("FD006");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Contains("time of day", d.Message, StringComparison.Ordinal);
        run.None("FD005");
    }

    [Fact]
    public async Task FD005_FD006_EveryPairOfTheGoodInvoiceMappingFits()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.GoodInvoices());

        run.None("FD005");
        run.None("FD006");
    }

    [Fact]
    public async Task FD007_AFormulaOrAutoNumberFieldCannotReceiveHubSpotValues()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.Bare()
            .AddField("Total_With_Tax__c", "tax_rate", SyncDirection.HubSpotToSalesforce)
            .AddField("Invoice_Seq__c", "notes", SyncDirection.TwoWay));

        var found = run.Of("FD007");
        Assert.Equal(2, found.Count);
        Assert.Contains("a formula field", found[0].Message, StringComparison.Ordinal);
        Assert.Contains("an auto-number field", found[1].Message, StringComparison.Ordinal);
        Assert.All(found, d => Assert.Contains("SalesforceToHubSpot", d.Suggestion, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FD007_AFormulaFieldSentToHubSpotPasses()
        => (await sandbox.ValidateAsync(DemoMappings.Bare().AddField("Total_With_Tax__c", "tax_rate", SyncDirection.SalesforceToHubSpot))).None("FD007");

    [Fact]
    public async Task FD008_ACalculatedHubSpotPropertyCannotReceiveSalesforceValues()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.Bare().AddField("Amount__c", "total_with_tax", SyncDirection.SalesforceToHubSpot));

        var d = run.Single("FD008");
        Assert.Contains("'total_with_tax' is a calculated property", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FD008_ACalculatedHubSpotPropertyReadIntoSalesforcePasses()
        => (await sandbox.ValidateAsync(DemoMappings.Bare().AddField("Amount__c", "total_with_tax", SyncDirection.HubSpotToSalesforce))).None("FD008");

    [Fact]
    public async Task FD009_StatusWarnsThatHubSpotLacksVoid()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.Bare().AddField("Status__c", "status"));

        var d = run.Single("FD009");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Contains("Salesforce values 'Void' of 'Status__c' are not options of HubSpot's 'status'", d.Message, StringComparison.Ordinal);
        // Every HubSpot option (Draft, Sent, Paid) is a value of the restricted picklist: nothing the other way.
        run.None("FD010");
    }

    [Fact]
    public async Task FD009_AnUnrestrictedPicklistReceivingUnknownOptionsWarns()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.Bare().AddField("Channels__c", "status", SyncDirection.HubSpotToSalesforce));

        var d = run.Single("FD009");
        Assert.Contains("HubSpot options 'Draft', 'Sent', 'Paid' of 'status' are not values of Salesforce's 'Channels__c'", d.Message, StringComparison.Ordinal);
        run.None("FD010");
    }

    [Fact]
    public async Task FD009_MatchingOptionsPass()
        => (await sandbox.ValidateAsync(DemoMappings.Bare().AddField("Channels__c", "channels"))).None("FD009");

    [Fact]
    public async Task FD010_ARestrictedPicklistReceivingUnknownOptionsIsAnError()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.Bare().AddField("Status__c", "channels", SyncDirection.HubSpotToSalesforce));

        var d = run.Single("FD010");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("'Email', 'Portal', 'Mail'", d.Message, StringComparison.Ordinal);
        Assert.Contains("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", d.Message, StringComparison.Ordinal);
        run.None("FD009");
    }

    [Fact]
    public async Task FD010_ARestrictedPicklistThatOnlySendsPasses()
        => (await sandbox.ValidateAsync(DemoMappings.Bare().AddField("Status__c", "channels", SyncDirection.SalesforceToHubSpot))).None("FD010");

    [Fact]
    public async Task FD011_HubSpotTextIntoAShorterSalesforceFieldWarns()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.Bare().AddField("Notes__c", "notes", SyncDirection.TwoWay));

        var d = run.Single("FD011");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Contains("HubSpot's 'notes' holds up to 65,536 characters, 'Notes__c' 32,768", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FD011_TextSentOnlyToHubSpotFitsAndPasses()
        => (await sandbox.ValidateAsync(DemoMappings.Bare().AddField("Notes__c", "notes", SyncDirection.SalesforceToHubSpot))).None("FD011");
}
