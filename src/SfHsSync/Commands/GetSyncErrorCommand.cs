using System.Management.Automation;
using SfHsSync.Engine.State;
using SfHsSync.Commands.Completion;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Lists records that failed to sync, sorted into what to do, with the reason the other side gave.</para>
/// <para type="description">Failed records wait in the state store and are retried by later runs; once a record goes
/// through, its error is resolved. Each error carries a category (PropertyValue, ValidationRule, Permission, Duplicate,
/// Association, RecordMissing, RateLimit, ApiBudget, Authentication, Transient) and a one-line hint naming the field and
/// value. Associations waiting for their target to sync are listed too (category Association). -Summary counts them per
/// category and code instead. Piped to Start-Sync, the errors resync exactly their records (-SalesforceId/-HubSpotId
/// bind by property name).</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SyncError", DefaultParameterSetName = ListSet)]
[OutputType(typeof(RecordError), ParameterSetName = [ListSet])]
[OutputType(typeof(SyncErrorSummary), ParameterSetName = [SummarySet])]
public sealed class GetSyncErrorCommand : StateCommandBase
{
    private const string ListSet = "List";
    private const string SummarySet = "Summary";

    /// <summary>Only the errors of this mapping.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    public string? Mapping { get; set; }

    /// <summary>Only errors of these categories.</summary>
    [Parameter]
    public SyncErrorCategory[]? Category { get; set; }

    /// <summary>Only errors seen at or after this time (a DateTime, or a string such as '2026-01-31 08:00').</summary>
    [Parameter]
    public DateTimeOffset? Since { get; set; }

    /// <summary>Also list errors that have since been resolved.</summary>
    [Parameter]
    public SwitchParameter IncludeResolved { get; set; }

    /// <summary>Counts per category and code (oldest, newest, the commonest message) instead of one row per record.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SummarySet)]
    public SwitchParameter Summary { get; set; }

    protected override void ProcessRecord() => WithState(store =>
    {
        var query = new SyncErrorQuery
        {
            Mapping = Mapping,
            Categories = Category ?? Array.Empty<SyncErrorCategory>(),
            Since = Since,
            IncludeResolved = IncludeResolved,
        };
        var errors = Run(ct => query.ReadAsync(store, ct));
        if (Summary)
        {
            foreach (var line in SyncErrorSummary.Of(errors))
            {
                WriteObject(line);
            }

            return;
        }

        foreach (var error in errors)
        {
            WriteObject(error);
        }
    });
}
