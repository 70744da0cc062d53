using System.Management.Automation;
using SfHsSync.Engine.State;
using SfHsSync.Commands.Completion;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Lists records that failed to sync, with the reason the other side gave.</para>
/// <para type="description">Failed records wait in the state store and are retried by later runs; once a record goes
/// through, its error is resolved. -IncludeResolved shows the history too.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SyncError")]
[OutputType(typeof(RecordError))]
public sealed class GetSyncErrorCommand : StateCommandBase
{
    /// <summary>Only the errors of this mapping.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    public string? Mapping { get; set; }

    /// <summary>Also list errors that have since been resolved.</summary>
    [Parameter]
    public SwitchParameter IncludeResolved { get; set; }

    protected override void ProcessRecord() => WithState(store =>
    {
        foreach (var error in Run(ct => store.GetErrorsAsync(Mapping, IncludeResolved, ct)))
        {
            WriteObject(error);
        }
    });
}
