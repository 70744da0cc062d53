using SfHsSync.Bench.Protocol;

namespace SfHsSync.Bench.Harness;

/// <summary>Runs one job in a fresh syncing process and returns what it measured of itself.</summary>
internal static class SyncProcess
{
    public static async Task<SyncMetrics> RunAsync(SyncJob job)
    {
        await using var process = RoleProcess.Start("sync");
        await process.SendAsync(BenchJson.Line(job)).ConfigureAwait(false);
        var metrics = BenchJson.Read<SyncMetrics>(await process.ReadLineAsync().ConfigureAwait(false), "The syncing process's metrics");
        await process.WaitForExitAsync().ConfigureAwait(false);
        return metrics;
    }
}
