using System.Management.Automation;
using SfHsSync.Engine.Import;
using SfHsSync.Engine.State;
using SfHsSync.Commands.Completion;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Lists past and running imports (the imports table), newest first.</para>
/// <para type="description">Each import shows how many records the count found, how many were read, created in HubSpot,
/// linked to a HubSpot record that already existed, updated and failed, its times and its state. An import that was
/// killed reads Running (or Cancelled, Failed) until Import-SalesforceObject continues it; one with failed records reads
/// CompletedWithErrors, and Get-SyncError lists why.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SyncImport")]
[OutputType(typeof(SyncImportResult))]
public sealed class GetSyncImportCommand : StateCommandBase
{
    /// <summary>Only the imports of this mapping.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    public string? Mapping { get; set; }

    /// <summary>Only the import with this id.</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long? Id { get; set; }

    /// <summary>At most this many imports (default 20).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Last { get; set; } = 20;

    protected override void ProcessRecord() => WithState(store =>
    {
        if (Id is { } id)
        {
            var run = Run(ct => store.GetRunAsync(id, ct));
            if (run is not { Kind: SyncRunKind.Import } || (Mapping is not null && !string.Equals(run.Mapping, Mapping, StringComparison.Ordinal)))
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"There is no import {id}{(Mapping is null ? string.Empty : $" of mapping '{Mapping}'")} in the state at {store.Location}."),
                    "SyncImportNotFound", ErrorCategory.ObjectNotFound, id));
                return;
            }

            WriteObject(SyncImportResult.From(run));
            return;
        }

        foreach (var run in Run(ct => store.GetRunsAsync(Mapping, SyncRunKind.Import, Last, ct)))
        {
            WriteObject(SyncImportResult.From(run));
        }
    });
}
