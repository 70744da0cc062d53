using System.Management.Automation;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Cmdlets.Tests.Mapping;

public sealed class AddFieldMappingCommandTests : IDisposable
{
    private readonly PowerShellHost _shell = new();
    private readonly MappingFolder _folder = new();

    public void Dispose()
    {
        _shell.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void CallsChainOnAPipedMapping()
    {
        var run = _shell.Run("""
            New-SyncMapping Invoices Invoice__c invoices |
                Add-FieldMapping Name invoice_number |
                Add-FieldMapping -SalesforceField Amount__c -HubSpotProperty amount -Direction SalesforceToHubSpot |
                Add-FieldMapping Notes__c notes None
            """);
        Assert.Empty(run.Errors);
        Assert.Equal(
            new SyncMapping("Invoices", "Invoice__c", "invoices")
                .AddField("Name", "invoice_number")
                .AddField("Amount__c", "amount", SyncDirection.SalesforceToHubSpot)
                .AddField("Notes__c", "notes", SyncDirection.None),
            Assert.Single(run.Values));
    }

    [Fact]
    public void EachPipedMappingGetsTheFieldAndADuplicateStopsOnlyThatOne()
    {
        var run = _shell.Run("""
            $a = New-SyncMapping A A__c a | Add-FieldMapping Name name
            $b = New-SyncMapping B B__c b
            $c = New-SyncMapping C C__c c
            $a, $b, $c | Add-FieldMapping Name name
            """);

        Assert.Equal(["B", "C"], run.Values.Cast<SyncMapping>().Select(m => m.Name));
        Assert.All(run.Values.Cast<SyncMapping>(), m => Assert.Equal(new FieldMapping("Name", "name"), Assert.Single(m.Fields)));
        var error = Assert.Single(run.Errors);
        Assert.Equal("FieldMappingDuplicate,SfHsSync.Commands.AddFieldMappingCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
    }

    [Fact]
    public void ABadNameGivenAsAnArgumentStopsTheCommandBeforeAnyMapping()
    {
        var run = _shell.Run("""
            try { New-SyncMapping A A__c a | Add-FieldMapping 'Name, (SELECT Id FROM User)' name; 'went on' }
            catch { "stopped: $($_.FullyQualifiedErrorId)" }
            """);
        Assert.Equal(["stopped: SalesforceNameInvalid,SfHsSync.Commands.AddFieldMappingCommand"], run.Values);
    }

    [Fact]
    public void CsvRowsAreAllAddedToTheGivenMappingWhichIsWrittenOnce()
    {
        var csv = _folder.File("fields.csv");
        File.WriteAllText(csv, """
            SalesforceField,HubSpotProperty,Direction
            Name,invoice_number,
            Amount__c,amount,SalesforceToHubSpot
            Paid__c,paid,HubSpotToSalesforce
            Notes__c,notes,None
            """);
        var run = _shell.Run("""
            $m = New-SyncMapping Invoices Invoice__c invoices
            $out = @(Import-Csv $csv | Add-FieldMapping -Mapping $m)
            $out.Count
            $out
            $m.Fields.Count
            """, new Dictionary<string, object?> { ["csv"] = csv });

        Assert.Empty(run.Errors);
        Assert.Equal(1, run.Values[0]);
        Assert.Equal(
            new SyncMapping("Invoices", "Invoice__c", "invoices")
                .AddField("Name", "invoice_number")
                .AddField("Amount__c", "amount", SyncDirection.SalesforceToHubSpot)
                .AddField("Paid__c", "paid", SyncDirection.HubSpotToSalesforce)
                .AddField("Notes__c", "notes", SyncDirection.None),
            run.Values[1]);
        Assert.Equal(0, run.Values[2]);
    }

    [Fact]
    public void BadRowsAreEachReportedAndThenNoPartialMappingIsWritten()
    {
        var csv = _folder.File("fields.csv");
        File.WriteAllText(csv, """
            SalesforceField,HubSpotProperty,Direction
            Name,invoice_number,TwoWay
            Amount__c,amount,
            Name,title,
            Bad Field,notes,
            Paid__c,paid,
            """);
        var run = _shell.Run("""
            $m = New-SyncMapping Invoices Invoice__c invoices
            try { Import-Csv $csv | Add-FieldMapping -Mapping $m; 'went on' }
            catch { "stopped: $($_.FullyQualifiedErrorId)"; $_.Exception.Message }
            """, new Dictionary<string, object?> { ["csv"] = csv });

        Assert.Equal("stopped: FieldMappingRowsFailed,SfHsSync.Commands.AddFieldMappingCommand", run.Values[0]);
        Assert.Contains("2 of 5", (string)run.Values[1], StringComparison.Ordinal);
        Assert.Equal(2, run.Values.Count);
        Assert.Equal(
            ["FieldMappingDuplicate,SfHsSync.Commands.AddFieldMappingCommand", "SalesforceNameInvalid,SfHsSync.Commands.AddFieldMappingCommand"],
            run.ErrorIds);
        Assert.StartsWith("Input row 3: ", run.Errors[0].ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Contains("'Name <-> invoice_number'", run.Errors[0].ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Contains("'Name <-> title'", run.Errors[0].ErrorDetails.Message, StringComparison.Ordinal);
        Assert.StartsWith("Input row 4: ", run.Errors[1].ErrorDetails.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldMappingsOfAnotherMappingCanBeCopiedByPropertyName()
    {
        var run = _shell.Run("""
            $source = New-SyncMapping A A__c a | Add-FieldMapping Name name | Add-FieldMapping Amount__c amount HubSpotToSalesforce
            $source.Fields | Add-FieldMapping -Mapping (New-SyncMapping B B__c b)
            """);
        var copy = Assert.IsType<SyncMapping>(Assert.Single(run.Values));
        Assert.Equal([new FieldMapping("Name", "name"), new FieldMapping("Amount__c", "amount", SyncDirection.HubSpotToSalesforce)], copy.Fields);
    }

    [Fact]
    public void WithoutAMappingFromEitherPlaceNothingIsBound()
    {
        var run = _shell.Run("try { Add-FieldMapping Name name -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }");
        Assert.Equal(["MissingMandatoryParameter,SfHsSync.Commands.AddFieldMappingCommand"], run.Values);
    }
}
