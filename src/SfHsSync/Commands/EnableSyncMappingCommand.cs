using System.Management.Automation;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Activates a sync mapping saved for later (or paused), so Start-Sync runs it.</para>
/// <para type="description">A piped mapping is written on with status Active (save it with Export-SyncMapping). With
/// -State the activation is also recorded in the state store, where it overrides the mapping's own status: a running
/// Start-Sync -Continuous on that state starts syncing the mapping at its next pass, without a restart. -Name records
/// the activation by name alone and writes the recorded settings. Supports -WhatIf.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Enable, "SyncMapping", SupportsShouldProcess = true, DefaultParameterSetName = "Mapping")]
[OutputType(typeof(SyncMapping), typeof(MappingSettings))]
public sealed class EnableSyncMappingCommand : SyncMappingStatusCmdlet
{
    private protected override MappingStatus NewStatus => MappingStatus.Active;

    private protected override string Action => "Activate";
}
