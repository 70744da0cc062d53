using System.Management.Automation;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Sandbox;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Starts the built-in emulator of Salesforce and HubSpot on loopback.</para>
/// <para type="description">Starts the sandbox as its own process, seeded with the Demo data, the Standard org (every supported
/// standard object described as a real org describes it) or a seed file, and makes its
/// two connections the current ones, as Connect-Salesforce and Connect-HubSpot would. The HubSpot connection speaks the newest
/// API version the sandbox serves; -HubSpotApiVersions 2026-09 retires the older paths.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "SyncSandbox", SupportsShouldProcess = true)]
[OutputType(typeof(SyncSandbox))]
public sealed class StartSyncSandboxCommand : SfHsSyncCmdlet
{
    /// <summary>
    /// Demo (the default: an invoicing business), Standard (HubSpot's 123 supported standard objects and Account, Contact,
    /// Lead, Opportunity, Case and User, with records for Campaign, CampaignMember, Product2, Order, OrderItem, Asset,
    /// Contract, WorkOrder, CaseComment, RecordType, Note, EmailMessage and LeadStatus), Empty, or the path of a seed JSON
    /// file (docs/sandbox-seeds.md; Export-SyncSandboxSeed writes one).
    /// </summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.SandboxSeedCompleter))]
    public string Seed { get; set; } = "Demo";

    /// <summary>Loopback port for the Salesforce half; 0 (the default) picks a free port.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int SalesforcePort { get; set; }

    /// <summary>Loopback port for the HubSpot half; 0 (the default) picks a free port.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int HubSpotPort { get; set; }

    /// <summary>A JSON file of sandbox options: limits, faults, latency.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OptionsPath { get; set; }

    /// <summary>
    /// The HubSpot API versions the sandbox serves (default all: v3, 2026-03, 2026-09; v3 stands for every numbered
    /// path). Paths of the others answer 404 as a retired API does, which shows a sync never calls them.
    /// </summary>
    [Parameter]
    [ValidateSet("v3", "2026-03", "2026-09")]
    public string[]? HubSpotApiVersions { get; set; }

    /// <summary>How long to wait for the sandbox to report ready.</summary>
    [Parameter]
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    protected override void EndProcessing()
    {
        var seed = Seed;
        if (!Completion.SandboxSeedCompleter.IsBuiltIn(seed))
        {
            seed = GetUnresolvedProviderPathFromPSPath(seed);
            if (!File.Exists(seed))
            {
                ThrowError("SyncSandboxSeedNotFound", ErrorCategory.ObjectNotFound, $"Seed file '{seed}' was not found. Use Demo, Standard, Empty or the path of a seed JSON file.", seed);
            }
        }

        var options = OptionsPath is null ? null : GetUnresolvedProviderPathFromPSPath(OptionsPath);
        if (!ShouldProcess($"seed {Seed}", "Start the Salesforce and HubSpot sandbox"))
        {
            return;
        }

        try
        {
            var moduleDir = Path.GetDirectoryName(typeof(StartSyncSandboxCommand).Assembly.Location)!;
            var sandbox = SandboxLauncher.Start(SandboxLauncher.Locate(moduleDir), new SandboxStartRequest(seed, SalesforcePort, HubSpotPort, options, HubSpotApiVersions), StartTimeout);
            RunningSandboxes.Add(sandbox);
            SessionConnections.Salesforce = sandbox.Salesforce;
            SessionConnections.HubSpot = sandbox.HubSpot;
            WriteVerbose($"Sandbox started: Salesforce at {sandbox.SalesforceUrl}, HubSpot at {sandbox.HubSpotUrl}.");
            WriteObject(sandbox);
        }
        catch (SyncException ex)
        {
            ThrowSyncError(ex);
        }
    }
}
