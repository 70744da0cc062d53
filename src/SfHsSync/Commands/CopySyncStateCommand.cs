using System.Management.Automation;
using SfHsSync.Engine.State;
using SfHsSync.Commands.Completion;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Copies sync state from one store to another: a laptop's SQLite file to PostgreSQL, and back.</para>
/// <para type="description">Copies every mapping's links with their last-synced values and field origins, association rows,
/// watermarks, settings, runs with their API use, record errors, conflicts, field history and the mapping's stored
/// definition (run ids follow the runs to their new ids), then counts both sides and fails (SyncStateCopyMismatch) unless they agree. The target must hold no
/// state for the mappings copied, unless -Force replaces it. Passwords in connection strings are never shown.</para>
/// </summary>
[Cmdlet(VerbsCommon.Copy, "SyncState", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(StateCopyResult))]
public sealed class CopySyncStateCommand : SfHsSyncCmdlet
{
    /// <summary>Where the state is now: a SQLite file path, a postgresql:// URI or an Npgsql connection string.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string From { get; set; } = string.Empty;

    /// <summary>Where the state goes.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string To { get; set; } = string.Empty;

    /// <summary>Only these mappings (default: every mapping in the source).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    public string[]? Mapping { get; set; }

    /// <summary>Replace state the target already holds for the mappings copied.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void EndProcessing()
    {
        var from = ResolveStateLocation(From);
        var to = ResolveStateLocation(To);
        if (!ShouldProcess(to.Display, $"Copy sync state from {from.Display}"))
        {
            return;
        }

        var source = Run(ct => StateStore.OpenAsync(from, ct));
        try
        {
            var target = Run(ct => StateStore.OpenAsync(to, ct));
            try
            {
                foreach (var result in Run(ct => StateCopier.CopyAsync(source, target, Mapping, Force, ct)))
                {
                    WriteObject(result);
                }
            }
            finally
            {
                target.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        finally
        {
            source.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
