using System.Management.Automation;
using SfHsSync.Engine.Mapping;
using SfHsSync.Commands.Completion;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Takes an association mapping (a Salesforce lookup synced as a HubSpot association) out of a sync mapping.</para>
/// <para type="description">The association is named by its Salesforce lookup field. Returns the mapping without it, so
/// edits chain; with -WhatIf it says what would go and returns the mapping unchanged. Associations already made in
/// HubSpot stay. A lookup the mapping has no association for is an error naming it (AssociationMappingNotFound) and
/// nothing changes. With -Mapping given, rows piped in by property name (SalesforceField) are all removed.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "AssociationMapping", SupportsShouldProcess = true)]
[OutputType(typeof(SyncMapping))]
public sealed class RemoveAssociationMappingCommand : SyncMappingBuilderCmdlet
{
    /// <summary>The Salesforce lookup field whose association mapping goes, e.g. Account__c.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(SalesforceFieldCompleter))]
    public string SalesforceField { get; set; } = string.Empty;

    private protected override string AddedNoun => "association mapping removal";

    private protected override string RowsFailedErrorId => "AssociationMappingRowsFailed";

    private protected override bool NamesBoundAsArguments => MyInvocation.BoundParameters.ContainsKey(nameof(SalesforceField));

    private protected override void CheckArguments() => SalesforceName.Check(SalesforceField, "association's lookup field");

    private protected override SyncMapping AddTo(SyncMapping mapping)
    {
        SalesforceName.Check(SalesforceField, "association's lookup field");
        var association = mapping.AssociationFor(SalesforceField);
        var updated = mapping.WithoutAssociation(SalesforceField);
        return ShouldProcess(mapping.Name, $"Remove association mapping '{association}'") ? updated : mapping;
    }
}
