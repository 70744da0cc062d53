using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;

namespace SfHsSync.Cmdlets.Tests.Lifecycle;

/// <summary>Enable-SyncMapping and Disable-SyncMapping, alone and with -State, and a continuous Start-Sync taking them up between passes.</summary>
public sealed class MappingStatusCommandTests : IDisposable
{
    private readonly PowerShellHost _shell = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("sfhssync-status-").FullName;

    private string StatePath => Path.Combine(_dir, "state.db");

    public void Dispose()
    {
        _shell.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<MappingSettings> SettingsAsync(string mapping)
    {
        await using var store = await StateStore.OpenAsync(StateLocation.Parse(StatePath), CancellationToken.None);
        return await store.GetMappingSettingsAsync(mapping, CancellationToken.None);
    }

    [Fact]
    public async Task Without_State_only_the_mapping_changes_with_State_the_status_is_recorded_too()
    {
        var run = _shell.Run("""
            $m = New-SyncMapping Invoices Invoice__c invoices | Add-FieldMapping Name invoice_number
            ($m | Disable-SyncMapping).Status
            ($m | Disable-SyncMapping | Enable-SyncMapping).Status
            Test-Path $state
            ($m | Disable-SyncMapping -State $state).Status
            """, new Dictionary<string, object?> { ["state"] = StatePath });

        Assert.Empty(run.Errors);
        Assert.Equal([MappingStatus.SavedForLater, MappingStatus.Active, false, MappingStatus.SavedForLater], run.Values);
        var settings = await SettingsAsync("Invoices");
        Assert.Equal(MappingStatus.SavedForLater, settings.Status);
        Assert.NotNull(settings.StatusChangedAt);

        var byName = _shell.Run("Enable-SyncMapping -Name Invoices -State $state", new Dictionary<string, object?> { ["state"] = StatePath });
        var recorded = Assert.IsType<MappingSettings>(Assert.Single(byName.Values));
        Assert.Equal(("Invoices", MappingStatus.Active), (recorded.Mapping, recorded.Status));
        Assert.Equal(MappingStatus.Active, (await SettingsAsync("Invoices")).Status);
    }

    [Fact]
    public void WhatIf_records_nothing_and_writes_the_mapping_on_unchanged()
    {
        var run = _shell.Run("""
            $m = New-SyncMapping Invoices Invoice__c invoices -SaveForLater
            ($m | Enable-SyncMapping -State $state -WhatIf).Status
            Enable-SyncMapping -Name Invoices -State $state -WhatIf
            Test-Path $state
            try { Disable-SyncMapping -Name 'no/such name' -State $state -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
            """, new Dictionary<string, object?> { ["state"] = StatePath });

        Assert.Equal([MappingStatus.SavedForLater, false, "SyncMappingNameInvalid,SfHsSync.Commands.DisableSyncMappingCommand"], run.Values);
    }

    [Fact]
    public void A_continuous_sync_takes_up_a_pause_and_an_activation_at_its_next_pass()
    {
        // Runspace A runs the sync; runspace B, as another console would, records the status changes in the same state.
        using var runner = NewRunspace();
        using var other = NewRunspace();
        using (var start = PowerShell.Create())
        {
            start.Runspace = runner;
            start.AddScript("$script:sandbox = Start-SyncSandbox -Seed Demo").Invoke();
            Assert.False(start.HadErrors);
        }

        var events = new List<string>();
        void Record(string status)
        {
            using var shell = PowerShell.Create();
            shell.Runspace = other;
            shell.AddCommand(status == "Active" ? "Enable-SyncMapping" : "Disable-SyncMapping").AddParameter("Name", "Invoices").AddParameter("State", StatePath).Invoke();
            Assert.False(shell.HadErrors);
            lock (events)
            {
                events.Add("recorded " + status);
            }
        }

        using var sync = PowerShell.Create();
        sync.Runspace = runner;
        sync.AddScript("""
            New-SyncMapping Invoices Invoice__c p12345678_invoices -SalesforceIdProperty salesforce_id -SaveForLater |
                Add-FieldMapping Name invoice_number | Add-FieldMapping Amount__c amount |
                Start-Sync -State $args[0] -Continuous -Interval '00:00:04' -MaxPasses 3
            """).AddArgument(StatePath);
        var output = new PSDataCollection<PSObject>();
        var results = 0;
        output.DataAdded += (_, e) =>
        {
            var result = (SyncRunResult)output[e.Index].BaseObject;
            lock (events)
            {
                events.Add($"run {result.State} created {result.CreatedInHubSpot}");
            }

            // After the first pass, pause it: the next pass (in four seconds) must pass over it.
            if (++results == 1)
            {
                Record("SavedForLater");
            }
        };
        sync.Streams.Warning.DataAdded += (_, e) =>
        {
            // Test-SyncMapping's warnings (a text length, say) go by; the pause warnings are the ones that count.
            if (!sync.Streams.Warning[e.Index].Message.Contains("is paused", StringComparison.Ordinal))
            {
                return;
            }

            lock (events)
            {
                events.Add("warned paused");
            }

            // The mapping starts saved for later: activate it at once, and again after the pause.
            Record("Active");
        };

        sync.EndInvoke(sync.BeginInvoke<PSObject, PSObject>(null, output));

        Assert.False(sync.HadErrors, string.Join(Environment.NewLine, sync.Streams.Error));
        Assert.Equal(
            [
                "warned paused", "recorded Active",
                "run Succeeded created 40", "recorded SavedForLater",
                "warned paused", "recorded Active",
                "run Succeeded created 0",
            ],
            events);

        using var runs = PowerShell.Create();
        runs.Runspace = runner;
        var history = runs.AddScript("Get-SyncRun -State $args[0] -Mapping Invoices; $script:sandbox | Stop-SyncSandbox").AddArgument(StatePath).Invoke();
        Assert.Equal(2, history.Count);
    }

    private static Runspace NewRunspace()
    {
        var state = InitialSessionState.CreateDefault();
        state.ImportPSModule(PowerShellHost.ModuleAssembly);
        state.ThrowOnRunspaceOpenError = true;
        var runspace = RunspaceFactory.CreateRunspace(state);
        runspace.Open();
        return runspace;
    }
}
