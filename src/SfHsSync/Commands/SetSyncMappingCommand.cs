using System.Management.Automation;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;
using SfHsSync.Commands.Completion;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Changes a sync mapping's own rules: the conflict winner, where creates and deletes travel, and the link keys.</para>
/// <para type="description">Only the rules given change; -Clear SalesforceIdProperty, HubSpotIdField takes a link key
/// away. Returns the mapping with the change, so edits chain (Import-SyncMapping invoices.yml | Set-SyncMapping
/// -DeleteDirection TwoWay | Export-SyncMapping invoices.yml); with -WhatIf it says what would change and returns the
/// mapping unchanged. A bad name stops the command before any mapping (HubSpotNameInvalid, SalesforceNameInvalid), as
/// does a key both given and cleared (SyncMappingRuleConflict). Test-SyncMapping then checks the new rules against both
/// schemas (a create direction that needs a link key the mapping lacks, say).</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "SyncMapping", SupportsShouldProcess = true)]
[OutputType(typeof(SyncMapping))]
public sealed class SetSyncMappingCommand : SfHsSyncCmdlet
{
    private const string SalesforceIdPropertyKey = nameof(SalesforceIdProperty);
    private const string HubSpotIdFieldKey = nameof(HubSpotIdField);

    /// <summary>The mapping to change, from the pipeline.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public SyncMapping Mapping { get; set; } = null!;

    /// <summary>Which side wins a field changed on both sides: Salesforce or HubSpot.</summary>
    [Parameter]
    public ConflictWinner? ConflictWinner { get; set; }

    /// <summary>Where new records are created: SalesforceToHubSpot, HubSpotToSalesforce, TwoWay or None.</summary>
    [Parameter]
    public SyncDirection? CreateDirection { get; set; }

    /// <summary>Where deletes travel: None, SalesforceToHubSpot, HubSpotToSalesforce or TwoWay.</summary>
    [Parameter]
    public SyncDirection? DeleteDirection { get; set; }

    /// <summary>The HubSpot unique-value property holding the Salesforce Id.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(HubSpotPropertyCompleter))]
    public string? SalesforceIdProperty { get; set; }

    /// <summary>The Salesforce external ID field holding the HubSpot id.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SalesforceFieldCompleter))]
    public string? HubSpotIdField { get; set; }

    /// <summary>Link keys to take away: SalesforceIdProperty, HubSpotIdField.</summary>
    [Parameter]
    [ValidateSet(SalesforceIdPropertyKey, HubSpotIdFieldKey, IgnoreCase = true)]
    public string[] Clear { get; set; } = Array.Empty<string>();

    protected override void BeginProcessing()
    {
        try
        {
            if (SalesforceIdProperty is not null)
            {
                HubSpotName.CheckProperty(SalesforceIdProperty, "property holding the Salesforce Id");
            }

            if (HubSpotIdField is not null)
            {
                SalesforceName.Check(HubSpotIdField, "external ID field holding the HubSpot id");
            }

            foreach (var key in new[] { (SalesforceIdPropertyKey, SalesforceIdProperty), (HubSpotIdFieldKey, HubSpotIdField) })
            {
                if (key.Item2 is not null && Clears(key.Item1))
                {
                    throw new SyncException("SyncMappingRuleConflict", SyncErrorKind.InvalidArgument,
                        $"-{key.Item1} '{key.Item2}' and -Clear {key.Item1} contradict each other: give the new value, or clear it.", key.Item1);
                }
            }
        }
        catch (SyncException ex)
        {
            ThrowSyncError(ex);
        }
    }

    protected override void ProcessRecord()
    {
        try
        {
            var updated = Mapping.WithRules(
                ConflictWinner ?? Mapping.ConflictWinner,
                CreateDirection ?? Mapping.CreateDirection,
                DeleteDirection ?? Mapping.DeleteDirection,
                Clears(SalesforceIdPropertyKey) ? null : SalesforceIdProperty ?? Mapping.SalesforceIdProperty,
                Clears(HubSpotIdFieldKey) ? null : HubSpotIdField ?? Mapping.HubSpotIdField);
            WriteObject(ShouldProcess(Mapping.Name, $"Set rules of mapping '{Mapping.Name}' to {Rules(updated)}") ? updated : Mapping);
        }
        catch (SyncException ex)
        {
            WriteSyncError(ex);
        }
    }

    private bool Clears(string key) => Clear.Contains(key, StringComparer.OrdinalIgnoreCase);

    private static string Rules(SyncMapping m)
        => $"ConflictWinner {m.ConflictWinner}, CreateDirection {m.CreateDirection}, DeleteDirection {m.DeleteDirection}, "
           + $"SalesforceIdProperty {m.SalesforceIdProperty ?? "(none)"}, HubSpotIdField {m.HubSpotIdField ?? "(none)"}";
}
