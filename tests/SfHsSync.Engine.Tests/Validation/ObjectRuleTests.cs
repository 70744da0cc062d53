using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Tests.Validation;

/// <summary>SF, HS and MP rules against the Demo org and account.</summary>
[Collection(DemoSandboxCollection.Name)]
public sealed class ObjectRuleTests(DemoSandbox sandbox)
{
    [Fact]
    public async Task SF001_AMissingSalesforceObjectIsAnErrorThatSuggestsTheNearestName()
    {
        var run = await sandbox.ValidateAsync(new SyncMapping("Invoices", "Invoice__x", DemoMappings.Invoices).AddField("Name", "invoice_number"));

        var d = run.Single("SF001");
        Assert.Equal(Engine.Validation.DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("Invoices", d.Mapping);
        Assert.Equal("Invoice__x", d.Target);
        Assert.Contains("'Invoice__x' does not exist", d.Message, StringComparison.Ordinal);
        Assert.Contains("'Invoice__c'", d.Suggestion, StringComparison.Ordinal);
        // The object's own finding replaces a cascade of field findings.
        run.None("FD001");
        run.None("CR002");
    }

    [Fact]
    public async Task SF001_AnExistingObjectPasses()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.Bare());

        run.None("SF001");
        run.None("SF002");
        run.None("SF003");
    }

    [Theory]
    [InlineData("Account", "companies")]
    [InlineData("Contact", "contacts")]
    [InlineData("Lead", "contacts")]
    public async Task SF003_ANativelySyncedStandardObjectIsRefusedAndTheMessageSaysWhereItSyncs(string sobject, string hubSpotObject)
    {
        var run = await sandbox.ValidateAsync(new SyncMapping("Std", sobject, DemoMappings.Invoices, createDirection: SyncDirection.None));

        var d = run.Single("SF003");
        Assert.Equal(sobject, d.Target);
        Assert.Contains($"HubSpot {hubSpotObject}", d.Message, StringComparison.Ordinal);
        Assert.Contains("one of the 123 standard objects", d.Suggestion, StringComparison.Ordinal);
        Assert.Contains("docs/supported-objects.md", d.Suggestion, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Campaign")]
    [InlineData("CampaignMember")]
    [InlineData("Product2")]
    [InlineData("Order")]
    [InlineData("RecordType")]
    public async Task SF003_TheSupportedStandardObjectsOfTheSeedPass(string sobject)
    {
        var run = await sandbox.ValidateAsync(new SyncMapping("Std", sobject, DemoMappings.Invoices, createDirection: SyncDirection.None));

        run.None("SF001");
        run.None("SF003");
    }

    [Fact]
    public async Task HS001_AMissingHubSpotObjectIsAnErrorNamingTheExistingCustomObjects()
    {
        var run = await sandbox.ValidateAsync(new SyncMapping("Invoices", "Invoice__c", "p12345678_invoicez").AddField("Name", "invoice_number"));

        var d = run.Single("HS001");
        Assert.Equal("p12345678_invoicez", d.Target);
        Assert.Contains("must exist before", d.Message, StringComparison.Ordinal);
        Assert.Contains("'p12345678_invoices'", d.Suggestion, StringComparison.Ordinal);
        run.None("FD002");
        run.None("FD003");
    }

    [Theory]
    [InlineData("invoices")]
    [InlineData("2-1234567")]
    [InlineData("p12345678_invoices")]
    public async Task HS001_TheCustomObjectPassesByNameTypeIdOrFullyQualifiedName(string hubSpotObject)
    {
        var run = await sandbox.ValidateAsync(new SyncMapping("Invoices", "Invoice__c", hubSpotObject, salesforceIdProperty: "salesforce_id").AddField("Name", "invoice_number"));

        run.None("HS001");
        run.None("HS002");
        Assert.Empty(run.Errors);
    }

    [Fact]
    public async Task HS002_AStandardHubSpotObjectIsNotACustomObject()
    {
        var run = await sandbox.ValidateAsync(new SyncMapping("Companies", "Invoice__c", "companies", createDirection: SyncDirection.None).AddField("Name", "name"));

        var d = run.Single("HS002");
        Assert.Contains("standard object companies (0-2)", d.Message, StringComparison.Ordinal);
        run.None("HS001");
    }

    [Fact]
    public async Task MP001_TheEleventhMappingOfASetIsOverTheLimit()
    {
        var mappings = Enumerable.Range(1, 11).Select(i => DemoMappings.Bare($"M{i:D2}")).ToArray();

        var run = await sandbox.ValidateAsync(mappings);

        var d = run.Single("MP001");
        Assert.Equal("M11", d.Mapping);
        Assert.Contains("mapping 11 of 11", d.Message, StringComparison.Ordinal);
        Assert.Contains("at most 10", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MP001_TenMappingsAreWithinTheLimitAndShareOneReadOfTheMetadata()
    {
        var mappings = Enumerable.Range(1, 10).Select(i => DemoMappings.Bare($"M{i:D2}")).ToArray();

        var run = await sandbox.ValidateAsync(mappings);

        run.None("MP001");
        // Global describe and one describe; the schema list and the token's scopes: the same as for one mapping.
        Assert.Equal(2, run.SalesforceCalls);
        Assert.Equal(2, run.HubSpotCalls);
    }

    [Fact]
    public async Task MP002_TwoMappingsWithOneNameAreAnError()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.Bare("Invoices"), new SyncMapping("invoices", "Campaign", "p12345678_invoicez"));

        var d = run.Single("MP002");
        Assert.Equal("invoices", d.Mapping);
    }

    [Fact]
    public async Task MP003_OneHubSpotObjectMappedTwiceUnderDifferentNamesIsAnError()
    {
        var run = await sandbox.ValidateAsync(
            DemoMappings.Bare("A"),
            new SyncMapping("B", "Campaign", "2-1234567", createDirection: SyncDirection.None).AddField("Name", "invoice_number"));

        var d = run.Single("MP003");
        Assert.Equal("B", d.Mapping);
        Assert.Equal("2-1234567", d.Target);
        Assert.Contains("already mapped by 'A'", d.Message, StringComparison.Ordinal);
        run.None("MP002");
    }

    [Fact]
    public async Task MP004_AMappingSavedForLaterIsInformationOnly()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.Bare().WithStatus(MappingStatus.SavedForLater));

        var d = run.Single("MP004");
        Assert.Equal(Engine.Validation.DiagnosticSeverity.Information, d.Severity);
        Assert.Empty(run.Errors);
    }

    [Fact]
    public async Task MP002_MP003_MappingsOfDifferentObjectsUnderDifferentNamesPass()
    {
        var run = await sandbox.ValidateAsync(DemoMappings.Bare("A"), new SyncMapping("B", "Campaign", "p12345678_other", createDirection: SyncDirection.None));

        run.None("MP002");
        run.None("MP003");
    }

    [Fact]
    public async Task MP004_AnActiveMappingHasNoInformation()
        => (await sandbox.ValidateAsync(DemoMappings.Bare())).None("MP004");
}
