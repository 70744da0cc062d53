using System.Management.Automation;
using SfHsSync.Cmdlets.Tests.Mapping;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Cmdlets.Tests.Lifecycle;

/// <summary>Set-FieldMapping, Remove-FieldMapping, Remove-AssociationMapping and Set-SyncMapping in a user's pipeline, hosted.</summary>
public sealed class MappingEditCommandTests : IDisposable
{
    private const string Invoices = """
        function Invoices {
            New-SyncMapping Invoices Invoice__c p12345678_invoices -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c |
                Add-FieldMapping Name invoice_number |
                Add-FieldMapping Amount__c amount SalesforceToHubSpot |
                Add-FieldMapping Billing_Email__c billing_email |
                Add-AssociationMapping Account__c companies -TargetIdProperty salesforceaccountid |
                Add-AssociationMapping Contact__c contacts -Via Contacts
        }

        """;

    private readonly PowerShellHost _shell = new();
    private readonly MappingFolder _folder = new();

    public void Dispose()
    {
        _shell.Dispose();
        _folder.Dispose();
    }

    private static SyncMapping Expected()
        => new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices", salesforceIdProperty: "salesforce_id", hubSpotIdField: "HubSpot_Id__c")
            .AddField("Name", "invoice_number")
            .AddField("Amount__c", "amount", SyncDirection.SalesforceToHubSpot)
            .AddField("Billing_Email__c", "billing_email")
            .AddAssociation(new AssociationMapping("Account__c", "companies", targetIdProperty: "salesforceaccountid"))
            .AddAssociation(new AssociationMapping("Contact__c", "contacts", via: "Contacts"));

    [Fact]
    public void Edits_chain_like_additions_and_each_changes_only_what_it_names()
    {
        var run = _shell.Run(Invoices + """
            Invoices |
                Set-FieldMapping Billing_Email__c -HubSpotProperty notes |
                Set-FieldMapping -HubSpotProperty amount -Direction TwoWay |
                Set-FieldMapping -SalesforceField Name -Direction HubSpotToSalesforce |
                Remove-FieldMapping -HubSpotProperty invoice_number |
                Remove-AssociationMapping Contact__c |
                Set-SyncMapping -ConflictWinner HubSpot -DeleteDirection TwoWay -Clear HubSpotIdField
            """);

        Assert.Empty(run.Errors);
        var expected = new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices", ConflictWinner.HubSpot, SyncDirection.SalesforceToHubSpot, SyncDirection.TwoWay, "salesforce_id")
            .AddField("Amount__c", "amount")
            .AddField("Billing_Email__c", "notes")
            .AddAssociation(new AssociationMapping("Account__c", "companies", targetIdProperty: "salesforceaccountid"));
        Assert.Equal(expected, Assert.Single(run.Values));
    }

    [Fact]
    public void Editing_a_field_the_mapping_does_not_have_is_an_error_naming_it_and_nothing_is_written_for_that_mapping()
    {
        var run = _shell.Run(Invoices + """
            $others = New-SyncMapping Other Other__c other | Add-FieldMapping Notes__c notes
            @(Invoices; $others) | Set-FieldMapping Notes__c -HubSpotProperty memo
            """);

        var other = Assert.IsType<SyncMapping>(Assert.Single(run.Values));
        Assert.Equal(("Other", "memo"), (other.Name, other.FieldForSalesforce("Notes__c").HubSpotProperty));
        var error = Assert.Single(run.Errors);
        Assert.Equal("FieldMappingNotFound,SfHsSync.Commands.SetFieldMappingCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("Mapping 'Invoices' has no field mapping for the Salesforce field 'Notes__c'", error.Exception.Message, StringComparison.Ordinal);

        var removals = _shell.Run(Invoices + """
            Invoices | Remove-FieldMapping -SalesforceField Amount__c -HubSpotProperty billing_email
            Invoices | Remove-AssociationMapping Order__c
            """);
        Assert.Empty(removals.Values);
        Assert.Equal(["FieldMappingNotFound,SfHsSync.Commands.RemoveFieldMappingCommand", "AssociationMappingNotFound,SfHsSync.Commands.RemoveAssociationMappingCommand"], removals.ErrorIds);
    }

    [Fact]
    public void A_call_that_names_nothing_or_changes_nothing_stops_before_any_mapping()
    {
        var run = _shell.Run(Invoices + """
            foreach ($edit in { Invoices | Set-FieldMapping Amount__c }, { Invoices | Set-FieldMapping -HubSpotProperty amount }, { Invoices | Remove-FieldMapping },
                              { Invoices | Set-FieldMapping 'Amount__c; DROP' -Direction None }, { Invoices | Set-SyncMapping -SalesforceIdProperty sf_id -Clear SalesforceIdProperty },
                              { Invoices | Set-SyncMapping -SalesforceIdProperty 'Salesforce Id' }) {
                try { & $edit; 'went on' } catch { $_.FullyQualifiedErrorId }
            }
            """);

        Assert.Equal(
            [
                "FieldMappingChangeMissing,SfHsSync.Commands.SetFieldMappingCommand",
                "FieldMappingChangeMissing,SfHsSync.Commands.SetFieldMappingCommand",
                "FieldMappingKeyMissing,SfHsSync.Commands.RemoveFieldMappingCommand",
                "SalesforceNameInvalid,SfHsSync.Commands.SetFieldMappingCommand",
                "SyncMappingRuleConflict,SfHsSync.Commands.SetSyncMappingCommand",
                "HubSpotNameInvalid,SfHsSync.Commands.SetSyncMappingCommand",
            ],
            run.Values);
    }

    [Fact]
    public void A_change_onto_a_property_already_mapped_is_refused_as_a_duplicate()
    {
        var run = _shell.Run(Invoices + "Invoices | Set-FieldMapping Billing_Email__c amount");
        Assert.Empty(run.Values);
        Assert.Equal(["FieldMappingDuplicate,SfHsSync.Commands.SetFieldMappingCommand"], run.ErrorIds);
    }

    [Fact]
    public void WhatIf_says_what_would_change_and_writes_the_mapping_on_unchanged()
    {
        var run = _shell.Run(Invoices + """
            $out = Invoices | Set-FieldMapping Billing_Email__c notes -WhatIf | Remove-FieldMapping Name -WhatIf |
                Remove-AssociationMapping Account__c -WhatIf | Set-SyncMapping -CreateDirection TwoWay -WhatIf
            $out
            """);

        Assert.Empty(run.Errors);
        Assert.Equal(Expected(), Assert.Single(run.Values));
    }

    [Fact]
    public void Csv_rows_change_several_fields_of_one_mapping_written_once()
    {
        var csv = _folder.File("changes.csv");
        File.WriteAllText(csv, """
            SalesforceField,HubSpotProperty,Direction
            Billing_Email__c,notes,
            Amount__c,,TwoWay
            ,invoice_number,SalesforceToHubSpot
            """);
        var run = _shell.Run(Invoices + """
            $m = Invoices
            Import-Csv $csv | Set-FieldMapping -Mapping $m
            """, new Dictionary<string, object?> { ["csv"] = csv });

        Assert.Empty(run.Errors);
        var mapping = Assert.IsType<SyncMapping>(Assert.Single(run.Values));
        Assert.Equal(["Name -> invoice_number", "Amount__c <-> amount", "Billing_Email__c <-> notes"], mapping.Fields.Select(f => f.ToString()));
    }

    [Fact]
    public void Edited_mappings_round_trip_through_a_YAML_file()
    {
        var file = _folder.File("invoices.sync.yml");
        var run = _shell.Run(Invoices + """
            Invoices | Export-SyncMapping -Path $file
            Import-SyncMapping -Path $file | Set-FieldMapping Billing_Email__c notes SalesforceToHubSpot | Remove-AssociationMapping Account__c |
                Set-SyncMapping -CreateDirection TwoWay | Disable-SyncMapping | Export-SyncMapping -Path $file -Force
            Import-SyncMapping -Path $file | Enable-SyncMapping | Remove-FieldMapping Billing_Email__c notes | Export-SyncMapping -Path $file -Force
            Import-SyncMapping -Path $file
            """, new Dictionary<string, object?> { ["file"] = file });

        Assert.Empty(run.Errors);
        var expected = new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices", createDirection: SyncDirection.TwoWay, salesforceIdProperty: "salesforce_id", hubSpotIdField: "HubSpot_Id__c")
            .AddField("Name", "invoice_number")
            .AddField("Amount__c", "amount", SyncDirection.SalesforceToHubSpot)
            .AddAssociation(new AssociationMapping("Contact__c", "contacts", via: "Contacts"));
        Assert.Equal(expected, run.Values.OfType<SyncMapping>().Last());
        Assert.Contains("status: Active", File.ReadAllText(file), StringComparison.Ordinal);
    }
}
