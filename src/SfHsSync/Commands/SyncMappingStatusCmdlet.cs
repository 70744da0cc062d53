using System.Management.Automation;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;
using SfHsSync.Commands.Completion;

namespace SfHsSync.Commands;

/// <summary>
/// What Enable-SyncMapping and Disable-SyncMapping share. A piped mapping is written on with its new status (for
/// Export-SyncMapping); with -State the status is also recorded in the state store, where it overrides the mapping's own
/// at the start of every Start-Sync pass. -Name records the status for a mapping by name alone (a pipeline agent that
/// has the state but not the YAML file) and writes the recorded settings.
/// </summary>
public abstract class SyncMappingStatusCmdlet : StateCommandBase, IDisposable
{
    private const string MappingSet = "Mapping";
    private const string NameSet = "Name";
    private IStateStore? _store;

    /// <summary>The mapping whose status changes, from the pipeline.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = MappingSet)]
    public SyncMapping Mapping { get; set; } = null!;

    /// <summary>The name of the mapping whose status is recorded in the state.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = NameSet)]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(MappingNameCompleter))]
    public string Name { get; set; } = string.Empty;

    /// <summary>The status this command sets.</summary>
    private protected abstract MappingStatus NewStatus { get; }

    /// <summary>What the command does, for ShouldProcess: "Activate", "Pause".</summary>
    private protected abstract string Action { get; }

    protected override void ProcessRecord()
    {
        string name;
        try
        {
            name = ParameterSetName == NameSet ? SyncMappingName.Check(Name) : Mapping.Name;
        }
        catch (SyncException ex)
        {
            WriteSyncError(ex);
            return;
        }

        var record = ParameterSetName == NameSet || MyInvocation.BoundParameters.ContainsKey(nameof(State));
        if (!ShouldProcess(record ? $"{name} (recorded in the state)" : name, $"{Action} sync mapping"))
        {
            if (ParameterSetName == MappingSet)
            {
                WriteObject(Mapping);
            }

            return;
        }

        if (record)
        {
            _store ??= OpenState();
            var store = _store;
            var settings = Run(ct => store.SetMappingStatusAsync(name, NewStatus, DateTimeOffset.UtcNow, ct));
            WriteVerbose($"Mapping '{name}': {NewStatus} recorded in the state at {store.Location}; Start-Sync goes by it from its next pass.");
            if (ParameterSetName == NameSet)
            {
                WriteObject(settings);
            }
        }

        if (ParameterSetName == MappingSet)
        {
            WriteObject(Mapping.WithStatus(NewStatus));
        }
    }

    public void Dispose()
    {
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _store = null;
        GC.SuppressFinalize(this);
    }
}
