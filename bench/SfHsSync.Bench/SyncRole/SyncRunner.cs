using System.Diagnostics;
using SfHsSync.Bench.Protocol;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Import;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;

namespace SfHsSync.Bench.SyncRole;

/// <summary>
/// The syncing process: reads one <see cref="SyncJob"/> from stdin, runs it through the engine exactly as the cmdlets
/// do (clients over HTTP, SQLite state on disk), and prints its own CPU time, peak memory and call counts.
/// </summary>
internal static class SyncRunner
{
    public static async Task<int> RunAsync(TextReader input, TextWriter output)
    {
        var line = await input.ReadLineAsync().ConfigureAwait(false) ?? throw new InvalidDataException("The syncing process got no job on stdin.");
        var job = BenchJson.Read<SyncJob>(line, "The sync job");
        using var process = Process.GetCurrentProcess();

        using var salesforce = new SalesforceClient(new SalesforceConnection(job.SalesforceUrl, SecretText.ToSecureString(job.SalesforceAccessToken)));
        using var hubSpot = new HubSpotClient(new HubSpotConnection(job.HubSpotUrl, SecretText.ToSecureString(job.HubSpotAccessToken)),
            new HubSpotClientOptions { InitialRequestsPerInterval = job.HubSpotRequestsPerInterval, SearchRequestsPerSecond = job.HubSpotSearchesPerSecond });
        await using var state = await StateStore.OpenAsync(StateLocation.Parse(job.StatePath), CancellationToken.None).ConfigureAwait(false);

        // Search in the sandbox sees a write at once, and its Salesforce commits a record as it stamps it, so no pass
        // needs to hold either watermark back. (With the default commit lag, a pass would also read again what
        // Salesforce stamped in the last two minutes: in a harness that builds its world seconds before, everything.)
        var options = new SyncOptions { HubSpotSearchLag = TimeSpan.Zero, SalesforceCommitLag = TimeSpan.Zero };
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var gen0 = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);
        var clock = Stopwatch.StartNew();
        var meter = new PassMeter(process, salesforce, hubSpot);
        SyncMetrics? metrics = null;
        try
        {
            // One job, or several passes in a row as Start-Sync -Continuous runs them: each resolves the mapping first.
            for (var pass = 0; pass < Math.Max(1, job.Passes); pass++)
            {
                meter.Start();
                var runtime = await MappingRuntime.ResolveAsync(BenchMapping.Invoices(), salesforce, hubSpot, CancellationToken.None).ConfigureAwait(false);
                var result = job.Kind switch
                {
                    SyncJobKind.Import => From(await new SalesforceImport(salesforce, hubSpot, state, new ImportOptions { Sync = options }).RunAsync(runtime, CancellationToken.None).ConfigureAwait(false)),
                    _ => From(await new SyncPass(salesforce, hubSpot, state, options).RunAsync(runtime, CancellationToken.None).ConfigureAwait(false)),
                };
                meter.Stop();
                metrics = PassMeter.Add(metrics, result);
                if (result.State != "Succeeded")
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is SfHsSync.Engine.Errors.SyncException or IOException or InvalidOperationException)
        {
            metrics = new SyncMetrics { State = "Failed", Error = ex.Message };
        }

        clock.Stop();
        process.Refresh();
        metrics = meter.Into(metrics!) with
        {
            WallSeconds = clock.Elapsed.TotalSeconds,
            CpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds,
            ProcessCpuSeconds = process.TotalProcessorTime.TotalSeconds,
            PeakWorkingSetBytes = process.PeakWorkingSet64,
            AllocatedBytes = GC.GetTotalAllocatedBytes() - allocatedBefore,
            Gen0Collections = GC.CollectionCount(0) - gen0,
            Gen2Collections = GC.CollectionCount(2) - gen2,
            SalesforceCalls = salesforce.ApiCallCount,
            HubSpotCalls = hubSpot.ApiCallCount,
            HubSpot429s = hubSpot.RateLimitHitCount,
        };
        await output.WriteLineAsync(BenchJson.Line(metrics)).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
        return metrics.State is "Succeeded" ? 0 : 1;
    }

    private static SyncMetrics From(SyncImportResult result) => new()
    {
        State = result.State.ToString(),
        Error = result.Error,
        Read = result.Read,
        WrittenToHubSpot = result.Created + result.Updated + result.Linked,
        Failed = result.Failed,
    };

    private static SyncMetrics From(SyncRunResult result) => new()
    {
        State = result.State.ToString(),
        Error = result.Error,
        Read = result.Counts.Read,
        WrittenToHubSpot = result.CreatedInHubSpot + result.UpdatedInHubSpot + result.ArchivedInHubSpot,
        WrittenToSalesforce = result.CreatedInSalesforce + result.UpdatedInSalesforce + result.DeletedInSalesforce,
        Conflicts = result.Conflicts,
        Failed = result.Failed,
    };
}
