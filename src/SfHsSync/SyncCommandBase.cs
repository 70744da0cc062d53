using System.Management.Automation;
using SfHsSync.Binding;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Pipelines;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
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

    /// <summary>
    /// The mappings to run, usually from the pipeline (New-SyncMapping, Import-SyncMapping, Test-SyncMapping -PassThru).
    /// A mapping's name works too, typed or bound by property name (Get-SyncError | Start-Sync): the mapping is then the
    /// one the state keeps from its last run, or, when the file that run read it from is still there and holds it, the
    /// file's (a verbose line says which, and whether the file changed since). A name the state keeps no definition of
    /// fails with SyncMappingNotInState, naming the mapping and the state.
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = MappingSet)]
    [StoredMappingName]
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

    /// <summary>
    /// How long to wait for another live runner syncing the same mapping before failing (SyncLeaseUnavailable); by
    /// default -HeartbeatTimeout plus 15 seconds, so a holder that stalled is waited out. A dead holder is not waited for.
    /// </summary>
    [Parameter]
    public TimeSpan LeaseTimeout { get; set; } = new SyncOptions().LeaseTimeout;

    /// <summary>How long a runner that stops sending heartbeats (it died) keeps its mapping before another may take it over.</summary>
    [Parameter]
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a Salesforce transaction may take between stamping a record and committing it (default 2 minutes).
    /// Reads of Salesforce's changes start this far behind the org's time at the previous read, and skip what was
    /// already seen, so a record committed late is never missed. 0 trusts the stamps.
    /// </summary>
    [Parameter]
    public TimeSpan SalesforceCommitLag { get; set; } = new SyncOptions().SalesforceCommitLag;

    /// <summary>
    /// How long HubSpot's search may take to show a fresh write (default 30 seconds). Reads of HubSpot's changes start
    /// this far behind the previous pass's start. 0 trusts search to be current.
    /// </summary>
    [Parameter]
    public TimeSpan HubSpotSearchLag { get; set; } = new SyncOptions().HubSpotSearchLag;

    /// <summary>
    /// The share of the Salesforce org's daily API allowance (percent, 1 to 100, read from Sforce-Limit-Info) this run may
    /// bring the org's usage up to. Reaching it stops the run at a batch boundary with SalesforceApiBudgetExhausted, its
    /// state committed, so the next run resumes. By default the mapping file's 'settings: salesforceApiBudget', else none.
    /// </summary>
    [Parameter]
    [ValidateRange(1, 100)]
    public int? SalesforceApiBudget { get; set; }

    /// <summary>Also run mappings saved for later.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>
    /// Fail the command (SyncFailedRecordsExceeded; a non-zero exit under pwsh -File; task result Failed under Azure
    /// Pipelines) when a run has more failed records than this: a number ("25"), or a percentage of the records the run
    /// read ("5%"). At or below it, failed records leave the run CompletedWithErrors as they always do.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? MaxFailedRecords { get; set; }

    /// <summary>Also write the runs as JUnit XML to this file (a test case per failed record, with its code and message) for PublishTestResults.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TestResultsPath { get; set; }

    protected IReadOnlyList<SyncMapping> Mappings => _mappings;

    private bool _pathsRead;

    /// <summary>The smallest salesforceApiBudget of the files read, if any set one.</summary>
    private int? _fileBudget;

    /// <summary>The API budget this run keeps to, in percent: -SalesforceApiBudget, else the files' setting, else none.</summary>
    protected int? EffectiveApiBudget => SalesforceApiBudget ?? _fileBudget;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == MappingSet)
        {
            AddMappings(Mapping);
            return;
        }

        // Once, however many objects come down the pipeline (Get-SyncError | Start-Sync -Path x binds their record ids).
        if (_pathsRead)
        {
            return;
        }

        _pathsRead = true;
        foreach (var pattern in Path)
        {
            foreach (var file in GetResolvedProviderPathFromPSPath(pattern, out _))
            {
                try
                {
                    var (mappings, settings) = SyncMappingFile.ReadWithSettings(file);
                    _mappings.AddRange(mappings);
                    KeepFileBudget(settings);
                }
                catch (SyncException ex)
                {
                    ThrowSyncError(ex);
                }
            }
        }
    }

    /// <summary>The names of the mappings this input object named (bound by name, not as mappings), found through the state.</summary>
    protected IReadOnlyList<string> NamedThisRecord => _namedThisRecord;

    private readonly List<string> _namedThisRecord = new();
    private readonly HashSet<string> _fromState = new(StringComparer.Ordinal);

    /// <summary>Adds the mappings given; a mapping given by its name is looked up in the state once, however many input objects name it.</summary>
    private void AddMappings(IEnumerable<SyncMapping> given)
    {
        _namedThisRecord.Clear();
        foreach (var mapping in given)
        {
            if (!StoredMappingNameAttribute.IsStandIn(mapping, out var name))
            {
                // A mapping given once on the command line is bound again for every piped object (Get-SyncError | Start-Sync -Mapping $m): it runs once.
                if (!_mappings.Any(m => ReferenceEquals(m, mapping)))
                {
                    _mappings.Add(mapping);
                }

                continue;
            }

            _namedThisRecord.Add(name);
            if (_fromState.Add(name))
            {
                WithState(store =>
                {
                    var stored = Run(ct => StoredMapping.ResolveAsync(store, name, ct));
                    WriteVerbose(stored.Note);
                    _mappings.Add(stored.Mapping);
                    KeepFileBudget(stored.FileSettings);
                });
            }
        }
    }

    private void KeepFileBudget(SyncFileSettings? settings)
    {
        if (settings?.SalesforceApiBudget is { } budget)
        {
            _fileBudget = Math.Min(_fileBudget ?? budget, budget);
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
            var sf = SalesforceSession.Resolve(SalesforceConnection);
            var hs = Engine.Connections.HubSpotConnection.Resolve(HubSpotConnection, SessionConnections.HubSpot);
            SalesforceClientOptions? options = null;
            if (EffectiveApiBudget is { } percent)
            {
                options = new SalesforceClientOptions { ApiUsageShare = percent / 100.0 };
                WriteVerbose($"Salesforce API budget: this run stops once the org has used {percent}% of its daily allowance.");
            }

            return (new SalesforceClient(sf, options), new HubSpotClient(hs));
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

    /// <summary>How this command's runs are reported to a pipeline; refuses a -MaxFailedRecords that is no count or percentage.</summary>
    private protected PipelineReportOptions PipelineOptions(string command, string errorId, Func<Engine.State.SyncRunRecord, string> runMessage)
    {
        try
        {
            return new PipelineReportOptions(command, errorId, runMessage)
            {
                Limit = MaxFailedRecords is null ? null : FailedRecordLimit.Parse(MaxFailedRecords),
                TestResultsPath = TestResultsPath is null ? null : GetUnresolvedProviderPathFromPSPath(TestResultsPath),
            };
        }
        catch (SyncException ex)
        {
            ThrowSyncError(ex);
            throw;
        }
    }

    /// <summary>
    /// The engine options the run-timing parameters make; refuses (<paramref name="errorId"/>) a negative wait or lag and
    /// a heartbeat timeout under one second, naming <paramref name="more"/> too (the caller's own time parameters).
    /// </summary>
    private protected SyncOptions RunOptions(string errorId, bool valid = true, string more = "")
    {
        if (!valid || HeartbeatTimeout < TimeSpan.FromSeconds(1) || LeaseTimeout < TimeSpan.Zero || SalesforceCommitLag < TimeSpan.Zero || HubSpotSearchLag < TimeSpan.Zero)
        {
            ThrowError(errorId, ErrorCategory.InvalidArgument,
                $"-HeartbeatTimeout must be at least one second, and {more}-LeaseTimeout, -SalesforceCommitLag and -HubSpotSearchLag cannot be negative.");
        }

        return new SyncOptions
        {
            LeaseTimeout = MyInvocation.BoundParameters.ContainsKey(nameof(LeaseTimeout)) ? LeaseTimeout : HeartbeatTimeout + SyncOptions.LeaseWaitMargin,
            LeaseTimeToLive = HeartbeatTimeout,
            SalesforceCommitLag = SalesforceCommitLag,
            HubSpotSearchLag = HubSpotSearchLag,
        };
    }
}
