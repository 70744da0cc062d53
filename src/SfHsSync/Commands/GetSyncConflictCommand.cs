using System.Management.Automation;
using SfHsSync.Engine.State;
using SfHsSync.Commands.Completion;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Lists fields that changed on both sides, with both values and the side that won.</para>
/// <para type="description">The conflict history, newest first, as the mapping's conflict rule settled it.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "SyncConflict")]
[OutputType(typeof(ConflictRecord))]
public sealed class GetSyncConflictCommand : StateCommandBase
{
    /// <summary>Only the conflicts of this mapping.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    public string? Mapping { get; set; }

    /// <summary>At most this many conflicts (default 100).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Last { get; set; } = 100;

    protected override void ProcessRecord() => WithState(store =>
    {
        foreach (var conflict in Run(ct => store.GetConflictsAsync(Mapping, Last, ct)))
        {
            WriteObject(conflict);
        }
    });
}
