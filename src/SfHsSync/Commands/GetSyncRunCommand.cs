using System.Management.Automation;
using SfHsSync.Engine.State;
using SfHsSync.Commands.Completion;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Lists past and running sync runs from the state store, newest first.</para>
/// <para type="description">Each run carries its counts (creates, updates and deletes in each direction, conflicts, failures,
/// API calls), its state (a run with failed records reads CompletedWithErrors, never Succeeded) and its timings.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SyncRun")]
[OutputType(typeof(SyncRunRecord))]
public sealed class GetSyncRunCommand : StateCommandBase
{
    /// <summary>Only the runs of this mapping.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    public string? Mapping { get; set; }

    /// <summary>Only sync passes, or only imports.</summary>
    [Parameter]
    public SyncRunKind? Kind { get; set; }

    /// <summary>At most this many runs (default 20).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Last { get; set; } = 20;

    protected override void ProcessRecord() => WithState(store =>
    {
        foreach (var run in Run(ct => store.GetRunsAsync(Mapping, Kind, Last, ct)))
        {
            WriteObject(run);
        }
    });
}
