using SfHsSync.Engine.Mapping;

namespace SfHsSync.Cmdlets.Tests.Mapping;

public sealed class AddAssociationMappingCommandTests : IDisposable
{
    private readonly PowerShellHost _shell = new();

    public void Dispose() => _shell.Dispose();

    [Fact]
    public void EachParameterSetMakesTheAssociationItNames()
    {
        var run = _shell.Run("""
            $accounts = New-SyncMapping Accounts Account companies
            New-SyncMapping Invoices Invoice__c invoices |
                Add-AssociationMapping Account__c companies -Via $accounts |
                Add-AssociationMapping Contact__c contacts -Via Contacts -AssociationLabel 'Billing contact' -Direction TwoWay |
                Add-AssociationMapping Owner__c contacts -Via Owners -AssociationTypeId 12 |
                Add-AssociationMapping Parent_Account__c companies -TargetIdProperty salesforceaccountid |
                Add-AssociationMapping Partner__c companies -TargetIdProperty salesforceaccountid -AssociationLabel Partner |
                Add-AssociationMapping Agent__c companies -TargetIdProperty salesforceaccountid -AssociationTypeId 5 -Direction SalesforceToHubSpot
            """);
        Assert.Empty(run.Errors);
        var mapping = Assert.IsType<SyncMapping>(Assert.Single(run.Values));
        Assert.Equal(
            [
                new AssociationMapping("Account__c", "companies", via: "Accounts"),
                new AssociationMapping("Contact__c", "contacts", via: "Contacts", associationLabel: "Billing contact", direction: SyncDirection.TwoWay),
                new AssociationMapping("Owner__c", "contacts", via: "Owners", associationTypeId: 12),
                new AssociationMapping("Parent_Account__c", "companies", targetIdProperty: "salesforceaccountid"),
                new AssociationMapping("Partner__c", "companies", targetIdProperty: "salesforceaccountid", associationLabel: "Partner"),
                new AssociationMapping("Agent__c", "companies", targetIdProperty: "salesforceaccountid", associationTypeId: 5),
            ],
            mapping.Associations);
    }

    [Theory]
    [InlineData("-Via Accounts -TargetIdProperty salesforceaccountid", "AmbiguousParameterSet")]
    [InlineData("-Via Accounts -AssociationLabel Billing -AssociationTypeId 3", "AmbiguousParameterSet")]
    [InlineData("-Via Accounts -Direction HubSpotToSalesforce", "ParameterArgumentValidationError")]
    [InlineData("-Via Accounts -AssociationTypeId 0", "AssociationMappingTypeInvalid")]
    [InlineData("-Via 'Accounts;'", "SyncMappingNameInvalid")]
    [InlineData("-TargetIdProperty 'SalesforceAccountId'", "HubSpotNameInvalid")]
    public void ExclusiveOrBadChoicesStopTheCommand(string arguments, string errorId)
    {
        var run = _shell.Run($$"""
            try { New-SyncMapping Invoices Invoice__c invoices | Add-AssociationMapping Account__c companies {{arguments}}; 'went on' }
            catch { $_.FullyQualifiedErrorId }
            """);
        Assert.Equal([$"{errorId},SfHsSync.Commands.AddAssociationMappingCommand"], run.Values);
    }

    [Fact]
    public void NeitherViaNorTargetIdPropertyLeavesThePipedMappingUnboundWithAnError()
    {
        var run = _shell.Run("New-SyncMapping Invoices Invoice__c invoices | Add-AssociationMapping Account__c companies");
        Assert.Empty(run.Output);
        var error = Assert.Single(run.Errors);
        Assert.Equal("AmbiguousParameterSet,SfHsSync.Commands.AddAssociationMappingCommand", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void ASecondAssociationOnOneLookupIsRefusedForThatMapping()
    {
        var run = _shell.Run("""
            New-SyncMapping Invoices Invoice__c invoices |
                Add-AssociationMapping Account__c companies -Via Accounts |
                Add-AssociationMapping Account__c contacts -Via Contacts
            """);
        Assert.Empty(run.Output);
        Assert.Equal(["AssociationMappingDuplicate,SfHsSync.Commands.AddAssociationMappingCommand"], run.ErrorIds);
        Assert.Contains("'Account__c -> companies via Accounts'", run.Errors[0].Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowsByPropertyNameAreAddedToTheGivenMappingOnce()
    {
        var run = _shell.Run("""
            $rows = @(
                [pscustomobject]@{ SalesforceField = 'Account__c'; HubSpotObject = 'companies'; TargetIdProperty = 'salesforceaccountid' }
                [pscustomobject]@{ SalesforceField = 'Contact__c'; HubSpotObject = 'contacts'; Via = 'Contacts'; AssociationTypeId = 9 }
            )
            $rows | Add-AssociationMapping -Mapping (New-SyncMapping Invoices Invoice__c invoices)
            """);
        Assert.Empty(run.Errors);
        var mapping = Assert.IsType<SyncMapping>(Assert.Single(run.Values));
        Assert.Equal(
            [
                new AssociationMapping("Account__c", "companies", targetIdProperty: "salesforceaccountid"),
                new AssociationMapping("Contact__c", "contacts", via: "Contacts", associationTypeId: 9),
            ],
            mapping.Associations);
    }
}
