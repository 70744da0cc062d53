using SfHsSync.Bench.Protocol;

namespace SfHsSync.Bench.Harness;

/// <summary>
/// The five scenarios of issue 10 and the idle passes of issue 22 (Scenarios.Idle.cs), each in a fresh sandbox process and a fresh state file, each job in a fresh syncing
/// process. Record counts are multiplied by <c>scale</c> (1 for the real run, small for a smoke run).
/// </summary>
internal sealed partial class Scenarios(double scale, TextWriter log)
{
    /// <summary>The Demo seed's own invoices, counted in every total.</summary>
    private const int DemoInvoices = 40;

    /// <summary>HubSpot Professional's ten-second limit, and its search limit.</summary>
    private const int ProfessionalLimit = 190;
    private const int SearchLimit = 5;

    private static readonly string StateFolder = Path.Combine(Path.GetTempPath(), "sfhssync-bench");

    public int Scaled(int records) => Math.Max(DemoInvoices + 60, (int)Math.Round(records * scale));

    /// <summary>(1) The engine's own cost: an import with no latency and HubSpot's limit lifted.</summary>
    public Task<ScenarioResult> EngineCostAsync()
        => ImportAsync("1", "Import, no latency, HubSpot limit lifted", Scaled(100_000), limit: null, "Engine cost: the sandbox answers as fast as it can.");

    /// <summary>(2) The same import under HubSpot Professional's 190 calls per 10 s: how near the ceiling it runs.</summary>
    public Task<ScenarioResult> RateCeilingAsync()
        => ImportAsync("2", "Import under 190 calls / 10 s", Scaled(100_000), ProfessionalLimit, "The HubSpot client starts at 100 / 10 s and learns 190 from the headers.");

    /// <summary>(4) A million records, for the syncing process's peak memory.</summary>
    public Task<ScenarioResult> MemoryAsync()
        => ImportAsync("4", "Import of 1,000,000 records", Scaled(1_000_000), limit: null, "Memory: peak resident set of the syncing process.");

    /// <summary>
    /// (3) An incremental pass over 1% changes (half in Salesforce, half in HubSpot) on 200,000 linked records, and the
    /// same changes on 2,000 records on their own (3b) to compare against.
    /// </summary>
    public async Task<IReadOnlyList<ScenarioResult>> IncrementalAsync()
    {
        var linked = Scaled(200_000);
        var half = Math.Max(1, linked / 200);
        var large = await PassAsync("3", $"Pass over 1% changes of {linked:N0} linked", linked, half, half, 0).ConfigureAwait(false);
        var small = await PassAsync("3b", $"Same changes, {2 * half:N0} records on their own", 2 * half, half, half, 0).ConfigureAwait(false);
        return [large, small];
    }

    /// <summary>(5) A two-way pass: changes on each side, and records changed on both (Salesforce wins).</summary>
    public Task<ScenarioResult> TwoWayAsync()
    {
        var linked = Scaled(20_000);
        return PassAsync("5", $"Two-way pass with conflicts on {linked:N0} linked", linked, linked / 10, linked / 10, linked / 20);
    }

    private async Task<ScenarioResult> ImportAsync(string id, string title, int total, int? limit, string note)
    {
        log.WriteLine($"==> Scenario {id}: {title} ({total:N0} records)");
        var load = MachineLoad.Now();
        await using var sandbox = await SandboxProcess.StartAsync().ConfigureAwait(false);
        await sandbox.SeedAsync(total - DemoInvoices).ConfigureAwait(false);
        await sandbox.LimitsAsync(limit, SearchLimit).ConfigureAwait(false);
        await sandbox.ResetAsync().ConfigureAwait(false);
        var state = NewStatePath();
        try
        {
            var job = sandbox.Job(SyncJobKind.Import, state) with { HubSpotRequestsPerInterval = limit is null ? 1_000_000 : 100 };
            var metrics = await SyncProcess.RunAsync(job).ConfigureAwait(false);
            var traffic = await sandbox.TrafficAsync().ConfigureAwait(false);
            var check = metrics.State == "Succeeded" && metrics.Read == total && metrics.WrittenToHubSpot == total && metrics.Failed == 0
                ? "all records imported"
                : $"EXPECTED {total:N0} records imported, got {metrics.State}: {metrics.Read:N0} read, {metrics.WrittenToHubSpot:N0} written, {metrics.Failed:N0} failed {metrics.Error}";
            return Report(new ScenarioResult(id, title, total, metrics, traffic, CallMinimum.Import(total))
            {
                Note = $"{note} {check}.",
                LoadBefore = load,
                LoadAfter = MachineLoad.Now(),
            });
        }
        finally
        {
            DeleteState(state);
        }
    }

    /// <summary>
    /// A linked world of <paramref name="total"/> records (imported, then one pass that sees the import's echoes), then
    /// changes on each side and on both, then the measured pass under Professional limits.
    /// </summary>
    private async Task<ScenarioResult> PassAsync(string id, string title, int total, int salesforceChanges, int hubSpotChanges, int conflicts)
    {
        log.WriteLine($"==> Scenario {id}: {title}");
        await using var sandbox = await SandboxProcess.StartAsync().ConfigureAwait(false);
        await sandbox.SeedAsync(total - DemoInvoices).ConfigureAwait(false);
        var state = NewStatePath();
        try
        {
            await LinkAsync(sandbox, state, id, total).ConfigureAwait(false);

            var stride = total / Math.Max(1, Math.Max(salesforceChanges, Math.Max(hubSpotChanges, conflicts)));
            if (stride < 3 && conflicts > 0 || stride < 2)
            {
                throw new InvalidOperationException($"Scenario {id}: {total:N0} records cannot hold {salesforceChanges:N0} + {hubSpotChanges:N0} + {conflicts:N0} separate changes.");
            }

            await sandbox.AskAsync(new SandboxCommand(SandboxVerb.ChangeSalesforce) { Count = salesforceChanges, Offset = 0, Stride = stride }).ConfigureAwait(false);
            await sandbox.AskAsync(new SandboxCommand(SandboxVerb.ChangeHubSpot) { Count = hubSpotChanges, Offset = 1, Stride = stride }).ConfigureAwait(false);
            if (conflicts > 0)
            {
                await sandbox.AskAsync(new SandboxCommand(SandboxVerb.Conflict) { Count = conflicts, Offset = 2, Stride = stride }).ConfigureAwait(false);
            }

            await sandbox.LimitsAsync(ProfessionalLimit, SearchLimit).ConfigureAwait(false);
            await sandbox.ResetAsync().ConfigureAwait(false);
            var load = MachineLoad.Now();
            var metrics = await SyncProcess.RunAsync(sandbox.Job(SyncJobKind.Pass, state)).ConfigureAwait(false);
            var traffic = await sandbox.TrafficAsync().ConfigureAwait(false);

            var toHubSpot = salesforceChanges + conflicts;
            var expected = (State: "Succeeded", ToHubSpot: (long)toHubSpot, ToSalesforce: (long)hubSpotChanges, Conflicts: (long)conflicts, Failed: 0L);
            var actual = (metrics.State, metrics.WrittenToHubSpot, metrics.WrittenToSalesforce, metrics.Conflicts, metrics.Failed);
            var check = actual == expected
                ? $"{toHubSpot:N0} written to HubSpot, {hubSpotChanges:N0} to Salesforce, {conflicts:N0} conflicts, as expected"
                : $"EXPECTED {expected}, got {actual} {metrics.Error}";
            return Report(new ScenarioResult(id, title, salesforceChanges + hubSpotChanges + conflicts, metrics, traffic,
                CallMinimum.Pass(salesforceChanges + conflicts, hubSpotChanges + conflicts, toHubSpot, hubSpotChanges))
            {
                Note = $"{total:N0} linked; {salesforceChanges:N0} changed in Salesforce, {hubSpotChanges:N0} in HubSpot, {conflicts:N0} on both; 190 / 10 s and 5 searches / s. {check}.",
                LoadBefore = load,
                LoadAfter = MachineLoad.Now(),
            });
        }
        finally
        {
            DeleteState(state);
        }
    }

    /// <summary>Imports the world and runs one pass that sees the import's echoes, limits lifted; not measured.</summary>
    private static async Task LinkAsync(SandboxProcess sandbox, string state, string id, int total)
    {
        // Setting up is not measured: limits lifted, so it takes seconds rather than minutes.
        await sandbox.LimitsAsync(null, null).ConfigureAwait(false);
        foreach (var kind in new[] { SyncJobKind.Import, SyncJobKind.Pass })
        {
            var setup = await SyncProcess.RunAsync(sandbox.Job(kind, state) with { HubSpotRequestsPerInterval = 1_000_000, HubSpotSearchesPerSecond = 1_000 }).ConfigureAwait(false);
            if (setup.State != "Succeeded" || setup.Failed > 0)
            {
                throw new InvalidOperationException($"Scenario {id}: the unmeasured {kind} that links {total:N0} records ended {setup.State}: {setup.Error}");
            }
        }
    }

    private ScenarioResult Report(ScenarioResult result)
    {
        var m = result.Metrics;
        log.WriteLine($"    {m.State}: {result.Records:N0} records, {m.WallSeconds:F1} s wall, {m.CpuSeconds:F1} s CPU, peak {result.PeakMegabytes:F0} MB, allocated {m.AllocatedBytes / 1048576.0:N0} MB ({m.Gen0Collections} gen0, {m.Gen2Collections} gen2); " +
                      $"sandbox CPU {result.Traffic.SandboxCpuSeconds:F1} s; calls SF {result.Traffic.SalesforceCalls} (min {result.Minimum.Salesforce}), HS {result.Traffic.HubSpotCalls} (min {result.Minimum.HubSpot}); 429s {result.Met429s}");
        log.WriteLine($"    {result.Note}");
        return result;
    }

    private static string NewStatePath()
    {
        Directory.CreateDirectory(StateFolder);
        return Path.Combine(StateFolder, $"state-{Guid.NewGuid():N}.db");
    }

    private static void DeleteState(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
