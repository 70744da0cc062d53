using SfHsSync.Bench.Protocol;

namespace SfHsSync.Bench.Harness;

internal sealed partial class Scenarios
{
    /// <summary>Idle passes run in a row in one syncing process, as a continuous sync runs them.</summary>
    public const int IdlePasses = 6;

    /// <summary>
    /// (7) The idle cost of a continuous sync: a linked world, nothing changed, and <see cref="IdlePasses"/> passes in
    /// one process under Professional limits, with both daily allowances back at the sandbox's (real) defaults. Each
    /// pass must write nothing, and the sandbox must have answered exactly the calls the clients counted.
    /// </summary>
    public async Task<ScenarioResult> IdleAsync()
    {
        var linked = Scaled(10_000);
        const string id = "7";
        var title = $"{IdlePasses} idle passes over {linked:N0} linked, nothing changed";
        log.WriteLine($"==> Scenario {id}: {title}");
        await using var sandbox = await SandboxProcess.StartAsync().ConfigureAwait(false);
        await sandbox.SeedAsync(linked - DemoInvoices).ConfigureAwait(false);
        var state = NewStatePath();
        try
        {
            await LinkAsync(sandbox, state, id, linked).ConfigureAwait(false);
            await sandbox.AskAsync(new SandboxCommand(SandboxVerb.DailyAllowances)).ConfigureAwait(false);
            await sandbox.LimitsAsync(ProfessionalLimit, SearchLimit).ConfigureAwait(false);
            await sandbox.ResetAsync().ConfigureAwait(false);
            var load = MachineLoad.Now();
            var metrics = await SyncProcess.RunAsync(sandbox.Job(SyncJobKind.Pass, state) with { Passes = IdlePasses }).ConfigureAwait(false);
            var traffic = await sandbox.TrafficAsync().ConfigureAwait(false);
            var idle = new IdleCost(linked, metrics.PassSalesforceCalls, metrics.PassHubSpotCalls, metrics.PassCpuSeconds,
                metrics.SalesforceDailyAllowance, metrics.HubSpotDailyLimit);
            return Report(new ScenarioResult(id, title, 0, metrics, traffic, CallMinimum.IdlePasses(IdlePasses))
            {
                Note = $"{linked:N0} linked, nothing changed; {IdlePasses} passes in one process, each resolving the mapping as Start-Sync -Continuous does; 190 / 10 s and 5 searches / s. {IdleCheck(metrics, traffic, idle)}.",
                LoadBefore = load,
                LoadAfter = MachineLoad.Now(),
                Idle = idle,
            });
        }
        finally
        {
            DeleteState(state);
        }
    }

    private static string IdleCheck(SyncMetrics metrics, SandboxTraffic traffic, IdleCost idle)
    {
        var problems = new List<string>();
        if (metrics.State != "Succeeded" || metrics.Failed > 0)
        {
            problems.Add($"passes ended {metrics.State} with {metrics.Failed:N0} failed {metrics.Error}");
        }

        if (metrics.WrittenToHubSpot + metrics.WrittenToSalesforce + metrics.Conflicts > 0)
        {
            problems.Add($"{metrics.WrittenToHubSpot:N0} written to HubSpot, {metrics.WrittenToSalesforce:N0} to Salesforce, {metrics.Conflicts:N0} conflicts where nothing changed");
        }

        if (idle.Passes != IdlePasses)
        {
            problems.Add($"{idle.Passes} passes ran of {IdlePasses}");
        }

        if (metrics.PassSalesforceCalls.Sum() != traffic.SalesforceCalls || metrics.PassHubSpotCalls.Sum() != traffic.HubSpotCalls)
        {
            problems.Add($"the clients counted SF {metrics.PassSalesforceCalls.Sum()} and HS {metrics.PassHubSpotCalls.Sum()} calls, the sandbox answered SF {traffic.SalesforceCalls} and HS {traffic.HubSpotCalls}");
        }

        return problems.Count == 0
            ? $"Nothing written in any pass, and the sandbox answered the calls the clients counted{(idle.Steady ? ", the same in every pass after the first" : " (not the same in every pass after the first)")}"
            : $"EXPECTED idle passes: {string.Join("; ", problems)}";
    }
}
