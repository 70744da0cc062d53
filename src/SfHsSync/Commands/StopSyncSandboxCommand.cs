using System.Management.Automation;
using SfHsSync.Engine.Sandbox;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Stops a sandbox started by Start-SyncSandbox.</para>
/// <para type="description">Stops the sandbox given (from the pipeline), or every sandbox this session started. Its data is discarded.
/// Connections that pointed at it stop being the current ones.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "SyncSandbox", SupportsShouldProcess = true)]
[OutputType(typeof(SyncSandbox))]
public sealed class StopSyncSandboxCommand : SfHsSyncCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true)]
    public SyncSandbox? Sandbox { get; set; }

    /// <summary>Write the stopped sandbox on.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private bool _sawInput;

    protected override void ProcessRecord()
    {
        if (Sandbox is null)
        {
            return;
        }

        _sawInput = true;
        Stop(Sandbox);
    }

    protected override void EndProcessing()
    {
        if (_sawInput)
        {
            return;
        }

        foreach (var sandbox in RunningSandboxes.Snapshot())
        {
            Stop(sandbox);
        }
    }

    private void Stop(SyncSandbox sandbox)
    {
        if (!ShouldProcess(sandbox.ToString(), "Stop the sandbox"))
        {
            return;
        }

        sandbox.Dispose();
        RunningSandboxes.Remove(sandbox);
        if (ReferenceEquals(SessionConnections.Salesforce, sandbox.Salesforce))
        {
            SessionConnections.Salesforce = null;
        }

        if (ReferenceEquals(SessionConnections.HubSpot, sandbox.HubSpot))
        {
            SessionConnections.HubSpot = null;
        }

        if (PassThru)
        {
            WriteObject(sandbox);
        }
    }
}
