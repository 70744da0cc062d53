using System.Management.Automation;
using SfHsSync.Binding;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;
using SfHsSync.Commands.Completion;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Takes a field mapping out of a sync mapping.</para>
/// <para type="description">The field mapping is named by -SalesforceField, -HubSpotProperty, or both (then both must
/// name the same pair). Returns the mapping without it, so edits chain; with -WhatIf it says what would go and returns
/// the mapping unchanged. Nothing is deleted on either side: the field simply stops travelling, and the next pass
/// forgets its last-synced values. A field the mapping does not map is an error naming it (FieldMappingNotFound) and
/// nothing changes. With -Mapping given, rows piped in by property name are all removed, as Add-FieldMapping adds them.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "FieldMapping", SupportsShouldProcess = true)]
[OutputType(typeof(SyncMapping))]
public sealed class RemoveFieldMappingCommand : FieldMappingEditCmdlet
{
    /// <summary>The Salesforce field of the field mapping to remove, e.g. Notes__c.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [BlankAsNull]
    [ArgumentCompleter(typeof(SalesforceFieldCompleter))]
    public string? SalesforceField { get; set; }

    /// <summary>The HubSpot property of the field mapping to remove, e.g. notes.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [BlankAsNull]
    [ArgumentCompleter(typeof(HubSpotPropertyCompleter))]
    public string? HubSpotProperty { get; set; }

    private protected override string AddedNoun => "field mapping removal";

    private protected override string? SalesforceFieldName => SalesforceField;

    private protected override string? HubSpotPropertyName => HubSpotProperty;

    private protected override void CheckArguments()
    {
        CheckNames();

        if (SalesforceField is null && HubSpotProperty is null)
        {
            throw new SyncException(SyncMapping.FieldKeyMissingErrorId, SyncErrorKind.InvalidArgument, "Name the field mapping to remove with -SalesforceField, -HubSpotProperty, or both.");
        }
    }

    private protected override SyncMapping AddTo(SyncMapping mapping)
    {
        var field = mapping.FieldFor(SalesforceField, HubSpotProperty);
        var updated = mapping.WithoutField(field);
        return ShouldProcess(mapping.Name, $"Remove field mapping '{field}'") ? updated : mapping;
    }
}
