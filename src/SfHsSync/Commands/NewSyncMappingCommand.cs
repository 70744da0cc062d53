using System.Management.Automation;
using SfHsSync.Binding;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;
using SfHsSync.Commands.Completion;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Creates a sync mapping: which Salesforce object syncs with which HubSpot object, and how.</para>
/// <para type="description">Every name is checked as it is given (SalesforceNameInvalid, HubSpotNameInvalid,
/// SyncMappingNameInvalid). Parameters also bind by property name, so Import-Csv mappings.csv | New-SyncMapping makes one
/// mapping per row; blank cells take the defaults, and a bad row is reported (non-terminating) while the other rows go on.
/// Add fields with Add-FieldMapping and associations with Add-AssociationMapping; save with Export-SyncMapping.</para>
/// </summary>
[Cmdlet(VerbsCommon.New, "SyncMapping")]
[OutputType(typeof(SyncMapping))]
public sealed class NewSyncMappingCommand : SfHsSyncCmdlet
{
    /// <summary>The mapping's name, e.g. Invoices; other mappings' associations refer to it with -Via.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string Name { get; set; } = string.Empty;

    /// <summary>The Salesforce object's API name, e.g. Invoice__c.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(SalesforceObjectCompleter))]
    public string SalesforceObject { get; set; } = string.Empty;

    /// <summary>The HubSpot object: its name (invoices), objectTypeId (2-1234567) or fully qualified name (p12345678_invoices).</summary>
    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(HubSpotObjectCompleter))]
    public string HubSpotObject { get; set; } = string.Empty;

    /// <summary>Which side wins a field changed on both sides: Salesforce (the default) or HubSpot.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankAsNull]
    public ConflictWinner? ConflictWinner { get; set; }

    /// <summary>Where new records are created: SalesforceToHubSpot (the default), HubSpotToSalesforce, TwoWay or None.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankAsNull]
    public SyncDirection? CreateDirection { get; set; }

    /// <summary>Where deletes travel: None (the default), SalesforceToHubSpot, HubSpotToSalesforce or TwoWay.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankAsNull]
    public SyncDirection? DeleteDirection { get; set; }

    /// <summary>The HubSpot unique-value property holding the Salesforce Id (needed when creates go to HubSpot).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankAsNull]
    [ArgumentCompleter(typeof(HubSpotPropertyCompleter))]
    public string? SalesforceIdProperty { get; set; }

    /// <summary>The Salesforce external ID field holding the HubSpot id (needed when creates go to Salesforce).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankAsNull]
    [ArgumentCompleter(typeof(SalesforceFieldCompleter))]
    public string? HubSpotIdField { get; set; }

    /// <summary>Keep the mapping but do not sync it until it is activated.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [SwitchText]
    public SwitchParameter SaveForLater { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            WriteObject(new SyncMapping(
                Name,
                SalesforceObject,
                HubSpotObject,
                ConflictWinner ?? Engine.Mapping.ConflictWinner.Salesforce,
                CreateDirection ?? SyncDirection.SalesforceToHubSpot,
                DeleteDirection ?? SyncDirection.None,
                SalesforceIdProperty,
                HubSpotIdField,
                SaveForLater ? MappingStatus.SavedForLater : MappingStatus.Active));
        }
        catch (SyncException ex)
        {
            WriteSyncError(ex);
        }
    }
}
