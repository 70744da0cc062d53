using System.Management.Automation;
using SfHsSync.Binding;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;
using SfHsSync.Commands.Completion;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Changes the HubSpot property or the direction of a field mapping a sync mapping already has.</para>
/// <para type="description">The field mapping is found by -SalesforceField, whose -HubSpotProperty and -Direction then
/// become the ones given (Set-FieldMapping Billing_Email__c -HubSpotProperty notes), or, without -SalesforceField, by
/// -HubSpotProperty, whose -Direction changes (Set-FieldMapping -HubSpotProperty amount -Direction SalesforceToHubSpot).
/// Returns the mapping with the change, so edits chain like additions; with -WhatIf it says what would change and
/// returns the mapping unchanged. A field the mapping does not map is an error naming it (FieldMappingNotFound) and
/// nothing changes; a property another field already uses is refused (FieldMappingDuplicate). With -Mapping given,
/// rows piped in by property name (SalesforceField, HubSpotProperty, Direction) are all applied, as Add-FieldMapping
/// applies its rows. When the changed mapping next syncs, the field's last-synced values are reset if its HubSpot
/// property changed, and every linked record is compared on the new pair once (Start-Sync -WhatIf shows the writes).</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "FieldMapping", SupportsShouldProcess = true)]
[OutputType(typeof(SyncMapping))]
public sealed class SetFieldMappingCommand : FieldMappingEditCmdlet
{
    /// <summary>The Salesforce field whose field mapping changes, e.g. Billing_Email__c.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [BlankAsNull]
    [ArgumentCompleter(typeof(SalesforceFieldCompleter))]
    public string? SalesforceField { get; set; }

    /// <summary>With -SalesforceField: the HubSpot property it now syncs with. Alone: the HubSpot property whose field mapping changes.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [BlankAsNull]
    [ArgumentCompleter(typeof(HubSpotPropertyCompleter))]
    public string? HubSpotProperty { get; set; }

    /// <summary>The new direction: TwoWay, SalesforceToHubSpot, HubSpotToSalesforce or None.</summary>
    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
    [BlankAsNull]
    public SyncDirection? Direction { get; set; }

    private protected override string AddedNoun => "field mapping change";

    private protected override string? SalesforceFieldName => SalesforceField;

    private protected override string? HubSpotPropertyName => HubSpotProperty;

    private protected override void CheckArguments()
    {
        CheckNames();

        _ = WhatChanges();
    }

    private protected override SyncMapping AddTo(SyncMapping mapping)
    {
        var changes = WhatChanges();
        var existing = SalesforceField is not null ? mapping.FieldForSalesforce(SalesforceField) : mapping.FieldForHubSpot(HubSpotProperty!);
        var replacement = new FieldMapping(
            existing.SalesforceField,
            changes.Property ? HubSpotProperty! : existing.HubSpotProperty,
            Direction ?? existing.Direction);
        var updated = mapping.WithField(existing, replacement);
        return ShouldProcess(mapping.Name, $"Set field mapping '{existing}' to '{replacement}'") ? updated : mapping;
    }

    /// <summary>Whether the property changes (only when found by its Salesforce field); refuses a call that changes nothing.</summary>
    private (bool Property, bool Direction) WhatChanges()
    {
        if (SalesforceField is null && HubSpotProperty is null)
        {
            throw new SyncException(SyncMapping.FieldKeyMissingErrorId, SyncErrorKind.InvalidArgument,
                "Name the field mapping to change with -SalesforceField (to change its HubSpot property or direction) or -HubSpotProperty (to change its direction).");
        }

        var changes = (Property: SalesforceField is not null && HubSpotProperty is not null, Direction: Direction is not null);
        if (!changes.Property && !changes.Direction)
        {
            throw new SyncException("FieldMappingChangeMissing", SyncErrorKind.InvalidArgument,
                SalesforceField is not null
                    ? $"Say what changes for the field mapping of '{SalesforceField}': a new -HubSpotProperty, a new -Direction, or both."
                    : $"Say the new -Direction of the field mapping of '{HubSpotProperty}' (to map it to another Salesforce field, remove it and add the new pair).",
                SalesforceField ?? HubSpotProperty);
        }

        return changes;
    }
}
