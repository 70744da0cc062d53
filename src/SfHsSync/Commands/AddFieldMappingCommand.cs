using System.Management.Automation;
using SfHsSync.Binding;
using SfHsSync.Engine.Mapping;
using SfHsSync.Commands.Completion;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Adds a field mapping (a Salesforce field synced with a HubSpot property) to a sync mapping.</para>
/// <para type="description">Returns the mapping with the field added, so calls chain:
/// New-SyncMapping ... | Add-FieldMapping Name invoice_number | Add-FieldMapping Amount__c amount -Direction SalesforceToHubSpot.
/// With -Mapping given, rows piped in by property name (SalesforceField, HubSpotProperty, Direction), such as
/// Import-Csv fields.csv, are all added and the mapping is written once at the end. A field or property mapped twice is
/// refused (FieldMappingDuplicate); a bad name given as an argument stops the command (SalesforceNameInvalid,
/// HubSpotNameInvalid); with rows, every bad row is reported and then the command stops without writing a partial
/// mapping (FieldMappingRowsFailed).</para>
/// </summary>
[Cmdlet(VerbsCommon.Add, "FieldMapping")]
[OutputType(typeof(SyncMapping))]
public sealed class AddFieldMappingCommand : SyncMappingBuilderCmdlet
{
    /// <summary>The Salesforce field's API name, e.g. Amount__c.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(SalesforceFieldCompleter))]
    public string SalesforceField { get; set; } = string.Empty;

    /// <summary>The HubSpot property's internal name, e.g. amount.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(HubSpotPropertyCompleter))]
    public string HubSpotProperty { get; set; } = string.Empty;

    /// <summary>TwoWay (the default), SalesforceToHubSpot, HubSpotToSalesforce, or None (mapped but not synced).</summary>
    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
    [BlankAsNull]
    public SyncDirection? Direction { get; set; }

    private protected override string AddedNoun => "field mapping";

    private protected override string RowsFailedErrorId => "FieldMappingRowsFailed";

    private protected override bool NamesBoundAsArguments
        => MyInvocation.BoundParameters.ContainsKey(nameof(SalesforceField)) && MyInvocation.BoundParameters.ContainsKey(nameof(HubSpotProperty));

    private protected override void CheckArguments() => _ = NewField();

    private protected override SyncMapping AddTo(SyncMapping mapping) => mapping.AddField(NewField());

    private FieldMapping NewField() => new(SalesforceField, HubSpotProperty, Direction ?? SyncDirection.TwoWay);
}
