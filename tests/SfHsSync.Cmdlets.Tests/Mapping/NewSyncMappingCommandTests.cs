using System.Management.Automation;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Cmdlets.Tests.Mapping;

public sealed class NewSyncMappingCommandTests : IDisposable
{
    private readonly PowerShellHost _shell = new();
    private readonly MappingFolder _folder = new();

    public void Dispose()
    {
        _shell.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void MakesAMappingWithTheDefaultsFromPositionalNames()
    {
        var run = _shell.Run("New-SyncMapping Invoices Invoice__c p12345678_invoices");
        Assert.Empty(run.Errors);
        Assert.Equal(new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices"), Assert.Single(run.Values));
    }

    [Fact]
    public void TakesEveryParameter()
    {
        var run = _shell.Run(
            "New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject 2-1234567 -ConflictWinner HubSpot -CreateDirection TwoWay " +
            "-DeleteDirection SalesforceToHubSpot -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c -SaveForLater");
        Assert.Equal(
            new SyncMapping("Invoices", "Invoice__c", "2-1234567", ConflictWinner.HubSpot, SyncDirection.TwoWay, SyncDirection.SalesforceToHubSpot, "salesforce_id", "HubSpot_Id__c", MappingStatus.SavedForLater),
            Assert.Single(run.Values));
    }

    [Fact]
    public void MakesOneMappingPerCsvRowWithBlankCellsTakingTheDefaults()
    {
        var csv = _folder.File("mappings.csv");
        File.WriteAllText(csv, """
            Name,SalesforceObject,HubSpotObject,ConflictWinner,CreateDirection,DeleteDirection,SalesforceIdProperty,HubSpotIdField,SaveForLater
            Invoices,Invoice__c,p12345678_invoices,,,,salesforce_id,,
            Accounts,Account,companies,HubSpot,TwoWay,None,salesforceaccountid,HubSpot_Id__c,FALSE
            Orders,Order,0-123,,,,,,TRUE
            """);
        var run = _shell.Run("Import-Csv $csv | New-SyncMapping", new Dictionary<string, object?> { ["csv"] = csv });

        Assert.Empty(run.Errors);
        Assert.Equal(
            [
                new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices", salesforceIdProperty: "salesforce_id"),
                new SyncMapping("Accounts", "Account", "companies", ConflictWinner.HubSpot, SyncDirection.TwoWay, SyncDirection.None, "salesforceaccountid", "HubSpot_Id__c"),
                new SyncMapping("Orders", "Order", "0-123", status: MappingStatus.SavedForLater),
            ],
            run.Values);
    }

    [Fact]
    public void ABadRowIsReportedWithItsErrorIdAndTheOtherRowsGoOn()
    {
        var run = _shell.Run("""
            @(
                [pscustomobject]@{ Name = 'Invoices'; SalesforceObject = 'Invoice__c'; HubSpotObject = 'invoices' }
                [pscustomobject]@{ Name = 'Bad'; SalesforceObject = "Invoice__c' OR '1'='1"; HubSpotObject = 'invoices' }
                [pscustomobject]@{ Name = 'Accounts'; SalesforceObject = 'Account'; HubSpotObject = 'companies' }
            ) | New-SyncMapping
            """);

        Assert.Equal(["Invoices", "Accounts"], run.Values.Cast<SyncMapping>().Select(m => m.Name));
        var error = Assert.Single(run.Errors);
        Assert.Equal("SalesforceNameInvalid,SfHsSync.Commands.NewSyncMappingCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("Invoice__c' OR '1'='1", error.Exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("New-SyncMapping '' Invoice__c invoices", "SyncMappingNameInvalid")]
    [InlineData("New-SyncMapping Invoices 'Invoice__c;' invoices", "SalesforceNameInvalid")]
    [InlineData("New-SyncMapping Invoices Invoice__c '../contacts'", "HubSpotNameInvalid")]
    [InlineData("New-SyncMapping Invoices Invoice__c invoices -SalesforceIdProperty 'Salesforce_Id'", "HubSpotNameInvalid")]
    public void EveryNameIsCheckedWithItsOwnErrorId(string script, string errorId)
    {
        var run = _shell.Run(script);
        Assert.Empty(run.Output);
        Assert.Equal($"{errorId},SfHsSync.Commands.NewSyncMappingCommand", Assert.Single(run.ErrorIds));
    }

    [Fact]
    public void AnUnknownEnumValueIsABindingErrorNamingTheChoices()
    {
        var run = _shell.Run("New-SyncMapping Invoices Invoice__c invoices -ConflictWinner Both");
        Assert.Empty(run.Output);
        var error = Assert.Single(run.Errors);
        Assert.StartsWith("CannotConvertArgumentNoMessage,SfHsSync.Commands.NewSyncMappingCommand", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("Salesforce", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("HubSpot", error.ToString(), StringComparison.Ordinal);
    }
}
