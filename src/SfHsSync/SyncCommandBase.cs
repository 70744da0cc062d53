using System.Management.Automation;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.Validation;

namespace SfHsSync.Commands;

/// <summary>
/// What Start-Sync and Import-SalesforceObject share: mappings from the pipeline or from YAML files (-Path), both
/// connections (-SalesforceConnection / -HubSpotConnection, else the current ones, else SFHSSYNC_* variables), the
/// state, and the Test-SyncMapping checks run before anything is read or written.
/// </summary>
public abstract class SyncCommandBase : StateCommandBase
{
    protected const string MappingSet = "Mapping";
    protected const string PathSet = "Path";

    private readonly List<SyncMapping> _mappings = new();

    /// <summary>The mappings to run, usually from the pipeline (New-SyncMapping, Import-SyncMapping, Test-SyncMapping -PassThru).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = MappingSet)]
    [ValidateNotNull]
    public SyncMapping[] Mapping { get; set; } = Array.Empty<SyncMapping>();

    /// <summary>YAML mapping files to run.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>The Salesforce org; by default the current connection (Connect-Salesforce, Start-SyncSandbox) or SFHSSYNC_SF_* variables.</summary>
    [Parameter]
    public SalesforceConnection? SalesforceConnection { get; set; }

    /// <summary>The HubSpot account; by default the current connection (Connect-HubSpot, Start-SyncSandbox) or SFHSSYNC_HS_* variables.</summary>
    [Parameter]
    public HubSpotConnection? HubSpotConnection { get; set; }

    /// <summary>Also run mappings saved for later.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected IReadOnlyList<SyncMapping> Mappings => _mappings;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == MappingSet)
        {
            _mappings.AddRange(Mapping);
            return;
        }

        foreach (var pattern in Path)
        {
            foreach (var file in GetResolvedProviderPathFromPSPath(pattern, out _))
            {
                try
                {
                    _mappings.AddRange(SyncMappingFile.Read(file));
                }
                catch (SyncException ex)
                {
                    ThrowSyncError(ex);
                }
            }
        }
    }

    /// <summary>The mappings to run now: those saved for later are skipped with a warning unless -Force names them.</summary>
    protected IReadOnlyList<SyncMapping> ActiveMappings()
    {
        var active = new List<SyncMapping>();
        foreach (var mapping in _mappings)
        {
            if (mapping.Status == MappingStatus.SavedForLater && !Force)
            {
                WriteWarning($"Mapping '{mapping.Name}' is saved for later and was not run. Activate it, or add -Force to run it now.");
                continue;
            }

            active.Add(mapping);
        }

        return active;
    }

    protected (SalesforceClient Salesforce, HubSpotClient HubSpot) OpenClients()
    {
        try
        {
            var sf = Engine.Connections.SalesforceConnection.Resolve(SalesforceConnection, SessionConnections.Salesforce);
            var hs = Engine.Connections.HubSpotConnection.Resolve(HubSpotConnection, SessionConnections.HubSpot);
            return (new SalesforceClient(sf), new HubSpotClient(hs));
        }
        catch (SyncException ex)
        {
            ThrowSyncError(ex);
            throw;
        }
    }

    /// <summary>Runs every Test-SyncMapping check on the mappings together; errors stop the command, warnings are shown.</summary>
    protected void EnsureValid(IReadOnlyList<SyncMapping> mappings, SalesforceClient salesforce, HubSpotClient hubSpot)
    {
        var diagnostics = Run(ct => MappingValidator.Default.EnsureValidAsync(mappings, new ConnectedSchemaSource(salesforce, hubSpot), ct));
        foreach (var diagnostic in diagnostics.Where(d => !d.IsError))
        {
            if (diagnostic.Severity == DiagnosticSeverity.Warning)
            {
                WriteWarning(diagnostic.ToString());
            }
            else
            {
                WriteVerbose(diagnostic.ToString());
            }
        }
    }
}
