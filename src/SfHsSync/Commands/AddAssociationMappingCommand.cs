using System.Management.Automation;
using SfHsSync.Binding;
using SfHsSync.Engine.Mapping;
using SfHsSync.Commands.Completion;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Adds an association mapping (a Salesforce lookup field synced as a HubSpot association) to a sync mapping.</para>
/// <para type="description">The target record is found either -Via another mapping (whose links pair the records) or by
/// -TargetIdProperty, a property on the HubSpot target object holding the Salesforce Id (e.g. salesforceaccountid on
/// companies). The association type is -AssociationLabel or -AssociationTypeId, or HubSpot's default type when neither is
/// given. Returns the mapping with the association added, so calls chain. A lookup with two associations is refused
/// (AssociationMappingDuplicate). Rows piped in by property name (with -Mapping given) are added like Add-FieldMapping's;
/// each row carries only the columns it uses (Via or TargetIdProperty, AssociationLabel or AssociationTypeId).</para>
/// </summary>
// No default parameter set on purpose: PowerShell then picks the one set whose mandatory parameters are all bound, for
// arguments and for pipeline rows alike; a default set would win before a row's AssociationTypeId was bound.
[Cmdlet(VerbsCommon.Add, "AssociationMapping")]
[OutputType(typeof(SyncMapping))]
public sealed class AddAssociationMappingCommand : SyncMappingBuilderCmdlet
{
    private const string ViaSet = "Via";
    private const string ViaLabelSet = "ViaLabel";
    private const string ViaTypeIdSet = "ViaTypeId";
    private const string TargetSet = "TargetIdProperty";
    private const string TargetLabelSet = "TargetIdPropertyLabel";
    private const string TargetTypeIdSet = "TargetIdPropertyTypeId";

    /// <summary>The Salesforce lookup field's API name, e.g. Account__c.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(SalesforceFieldCompleter))]
    public string SalesforceField { get; set; } = string.Empty;

    /// <summary>The HubSpot object the association points to, e.g. companies.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(HubSpotObjectCompleter))]
    public string HubSpotObject { get; set; } = string.Empty;

    /// <summary>The mapping (or its name) whose links find the target record.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ViaSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, ParameterSetName = ViaLabelSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, ParameterSetName = ViaTypeIdSet, ValueFromPipelineByPropertyName = true)]
    [MappingName]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    public string? Via { get; set; }

    /// <summary>A property on the HubSpot target object that holds the Salesforce Id, e.g. salesforceaccountid.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TargetSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, ParameterSetName = TargetLabelSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, ParameterSetName = TargetTypeIdSet, ValueFromPipelineByPropertyName = true)]
    public string? TargetIdProperty { get; set; }

    /// <summary>The association label to use.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ViaLabelSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, ParameterSetName = TargetLabelSet, ValueFromPipelineByPropertyName = true)]
    public string? AssociationLabel { get; set; }

    /// <summary>The association type id to use.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ViaTypeIdSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, ParameterSetName = TargetTypeIdSet, ValueFromPipelineByPropertyName = true)]
    public int? AssociationTypeId { get; set; }

    /// <summary>SalesforceToHubSpot (the default) or TwoWay.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [BlankAsNull]
    [ValidateSet(nameof(SyncDirection.SalesforceToHubSpot), nameof(SyncDirection.TwoWay), IgnoreCase = true)]
    public SyncDirection? Direction { get; set; }

    private protected override string AddedNoun => "association mapping";

    private protected override string RowsFailedErrorId => "AssociationMappingRowsFailed";

    private protected override bool NamesBoundAsArguments
        => MyInvocation.BoundParameters.ContainsKey(nameof(SalesforceField)) && MyInvocation.BoundParameters.ContainsKey(nameof(HubSpotObject))
           && (MyInvocation.BoundParameters.ContainsKey(nameof(Via)) || MyInvocation.BoundParameters.ContainsKey(nameof(TargetIdProperty)));

    private protected override void CheckArguments() => _ = NewAssociation();

    private protected override SyncMapping AddTo(SyncMapping mapping) => mapping.AddAssociation(NewAssociation());

    // The values, not the bound-parameter keys or ParameterSetName: between pipeline rows PowerShell resets the values
    // but keeps the keys, and with pipeline input the parameter set is not settled yet in BeginProcessing.
    private AssociationMapping NewAssociation()
        => new(SalesforceField, HubSpotObject, Via, TargetIdProperty, AssociationLabel, AssociationTypeId, Direction ?? SyncDirection.SalesforceToHubSpot);
}
