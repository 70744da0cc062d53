namespace SfHsSync.Cmdlets.Tests.Mapping;

public sealed class MappingFormatTests : IDisposable
{
    private readonly PowerShellHost _shell = new();

    public void Dispose() => _shell.Dispose();

    [Fact]
    public void AMappingShowsAsATableOfItsSettingsAndCounts()
    {
        var text = Text("New-SyncMapping Invoices Invoice__c p12345678_invoices -SaveForLater | Add-FieldMapping Name invoice_number | Add-FieldMapping Amount__c amount | Out-String -Width 200");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["Name", "SalesforceObject", "HubSpotObject", "Status", "ConflictWinner", "Fields", "Associations"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["Invoices", "Invoice__c", "p12345678_invoices", "SavedForLater", "Salesforce", "2", "0"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void FieldMappingsShowAsATableWithTheDirectionBetweenTheNames()
    {
        var text = Text("(New-SyncMapping A A__c a | Add-FieldMapping Amount__c amount SalesforceToHubSpot).Fields | Out-String -Width 200");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["SalesforceField", "Direction", "HubSpotProperty"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["Amount__c", "SalesforceToHubSpot", "amount"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void AssociationMappingsShowHowTheTargetIsFound()
    {
        var text = Text("(New-SyncMapping A A__c a | Add-AssociationMapping Account__c companies -Via Accounts -AssociationTypeId 4).Associations | Out-String -Width 200");
        Assert.Contains("via Accounts", text, StringComparison.Ordinal);
        Assert.Contains("type 4", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AMappingInAStringReadsAsWhatItSyncs()
        => Assert.Equal("Invoices: Invoice__c <-> invoices (1 field, 0 associations)", Text("\"$(New-SyncMapping Invoices Invoice__c invoices | Add-FieldMapping Name name)\""));

    private string Text(string script)
    {
        var run = _shell.Run(script);
        Assert.Empty(run.Errors);
        return string.Concat(run.Values.Cast<string>());
    }
}
