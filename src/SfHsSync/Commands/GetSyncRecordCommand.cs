using System.Management.Automation;
using SfHsSync.Engine.State;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Shows a linked record and the story of its fields: who last changed each one, when, in which run, and why.</para>
/// <para type="description">For a record named by its Salesforce or HubSpot id, the link and, per synced field, the value
/// both sides last agreed on, the side it came from, the run, and the rule that decided: TravelledByDirection (it
/// changed on one side and its direction let it travel), ConflictWon (it changed on both; the conflict winner's value
/// stood), AlignedOnFirstLink (the record was created or linked, or the field newly mapped), OverwrittenAsOneWay (it
/// changed on the side a one-way field does not sync from and was written back). -History lists every decision kept
/// per field, newest first (Start-Sync -FieldHistoryDepth, default 10).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SyncRecord", DefaultParameterSetName = SalesforceSet)]
[OutputType(typeof(SyncRecordState))]
[OutputType(typeof(FieldOrigin))]
public sealed class GetSyncRecordCommand : StateCommandBase
{
    private const string SalesforceSet = "Salesforce";
    private const string HubSpotSet = "HubSpot";

    /// <summary>The Salesforce Ids of the records (binds by property name, so Get-SyncError | Get-SyncRecord works).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = SalesforceSet)]
    [ValidateNotNullOrEmpty]
    public string[] SalesforceId { get; set; } = Array.Empty<string>();

    /// <summary>The HubSpot record ids of the records.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = HubSpotSet)]
    [ValidateNotNullOrEmpty]
    public string[] HubSpotId { get; set; } = Array.Empty<string>();

    /// <summary>Only in this mapping (by default every mapping the state holds).</summary>
    [Parameter]
    public string? Mapping { get; set; }

    /// <summary>List every decision kept for each field (newest first) instead of the record with its fields' latest.</summary>
    [Parameter]
    public SwitchParameter History { get; set; }

    protected override void ProcessRecord() => WithState(store =>
    {
        var (side, ids) = ParameterSetName == HubSpotSet ? (SyncSide.HubSpot, HubSpotId) : (SyncSide.Salesforce, SalesforceId);
        var mappings = Mapping is null ? Array.Empty<string>() : new[] { Mapping };
        var found = Run(ct => SyncRecordState.ReadAsync(store, mappings, side, ids, History, ct));
        foreach (var id in ids.Where(id => !found.Any(r => (side == SyncSide.Salesforce ? r.SalesforceId : r.HubSpotId) == id)))
        {
            WriteError(new ErrorRecord(new ItemNotFoundException($"No linked record has the {side} id '{id}'{(Mapping is null ? string.Empty : $" in mapping '{Mapping}'")}."),
                "SyncRecordNotFound", ErrorCategory.ObjectNotFound, id));
        }

        foreach (var record in found)
        {
            if (History)
            {
                WriteObject(record.History, enumerateCollection: true);
            }
            else
            {
                WriteObject(record);
            }
        }
    });
}
