using System.Management.Automation;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Pauses a sync mapping: Start-Sync passes over it until it is activated again.</para>
/// <para type="description">A piped mapping is written on with status SavedForLater (save it with Export-SyncMapping).
/// With -State the pause is also recorded in the state store, where it overrides the mapping's own status: a running
/// Start-Sync -Continuous on that state stops syncing the mapping from its next pass (a pass under way finishes), and
/// Enable-SyncMapping -State resumes it. Links and last-synced values are kept, so nothing is lost while paused.
/// -Name records the pause by name alone and writes the recorded settings. Supports -WhatIf.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Disable, "SyncMapping", SupportsShouldProcess = true, DefaultParameterSetName = "Mapping")]
[OutputType(typeof(SyncMapping), typeof(MappingSettings))]
public sealed class DisableSyncMappingCommand : SyncMappingStatusCmdlet
{
    private protected override MappingStatus NewStatus => MappingStatus.SavedForLater;

    private protected override string Action => "Pause";
}
