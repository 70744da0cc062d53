using System.Diagnostics;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Tests.Sync.Support;

/// <summary>What the host runs: a mapping file, "sync" or "import", and optionally smaller batches (more points to kill at).</summary>
internal sealed record HostRun(string MappingFile, string Mode, int? BatchSize = null);

/// <summary>How a pass in the host process ended: killed by the test, or exited by itself, and what it had sent by then.</summary>
internal sealed record HostOutcome(bool Killed, int ExitCode, int RequestsSeen, string Output);

/// <summary>
/// Runs one sync pass in a separate process (tests/SfHsSync.SyncHost) against a world's sandbox and state file, and
/// kills that process outright (SIGKILL: no finally blocks, no lease release, no flush) once the two sandboxes together
/// have answered a given number of requests.
/// </summary>
internal static class SyncHostProcess
{
    /// <summary>
    /// Short, so the pass after a kill waits little for the dead runner's lease to lapse; long enough (a heartbeat every
    /// third of it) that a runner on a busy machine keeps it.
    /// </summary>
    public const int LeaseTimeToLiveMs = 2000;

    /// <summary>The variable the host kills itself by (tests/SfHsSync.SyncHost/KillPoint.cs): api:N or commit:N.</summary>
    public const string KillVariable = "SFHSSYNC_TEST_KILL_AFTER";

    /// <summary>
    /// Runs the host (a pass, or with <paramref name="mode"/> "import" an import) until it ends, or kills itself at
    /// <paramref name="killAt"/> (api:N, commit:N): exact, whatever the machine's speed. The lease time-to-live is the
    /// default minute, so a run after a kill shows it did not wait for the dead holder's lease to expire.
    /// </summary>
    public static async Task<HostOutcome> RunToKillPointAsync(SyncWorld world, HostRun run, string? killAt, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(run);
        world.ResetRequestLogs();
        var info = StartInfo(world, run.MappingFile, 60_000, run.Mode);
        if (run.BatchSize is { } batch)
        {
            info.ArgumentList.Add(batch.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (killAt is not null)
        {
            info.Environment[KillVariable] = killAt;
        }

        using var process = new Process { StartInfo = info };
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The sync host did not finish within {timeout}.");
        }

        var output = (await stdout) + (await stderr);
        // SIGKILL shows as exit code 137 (128 + 9).
        return new HostOutcome(process.ExitCode == 137, process.ExitCode, world.Org.Requests.Entries.Count + world.Account.Requests.Count, output);
    }

    private static ProcessStartInfo StartInfo(SyncWorld world, string mappingFile, int leaseTimeToLiveMs, string mode)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SfHsSync.SyncHost.dll"));
        info.ArgumentList.Add(mappingFile);
        info.ArgumentList.Add(leaseTimeToLiveMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(mode);
        info.Environment[SalesforceConnection.InstanceUrlVariable] = world.Server.SalesforceUrl.ToString();
        info.Environment[SalesforceConnection.AccessTokenVariable] = world.Org.DefaultAccessToken;
        info.Environment[HubSpotConnection.BaseUrlVariable] = world.Server.HubSpotUrl.ToString();
        info.Environment[HubSpotConnection.AccessTokenVariable] = world.Account.DefaultAccessToken;
        info.Environment[StateLocation.EnvironmentVariable] = world.StatePath;
        info.Environment.Remove(KillVariable);
        return info;
    }

    public static async Task<HostOutcome> RunAsync(SyncWorld world, string mappingFile, int? killAfterRequests, TimeSpan timeout)
    {
        world.ResetRequestLogs();
        using var process = new Process { StartInfo = StartInfo(world, mappingFile, LeaseTimeToLiveMs, "sync") };
        var killed = 0;
        var salesforceAnswered = 0;
        void KillAtLimit()
        {
            if (killAfterRequests is { } limit && Volatile.Read(ref salesforceAnswered) + world.Account.Requests.Count >= limit
                && Interlocked.Exchange(ref killed, 1) == 0)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It had already exited.
                }
            }
        }

        void OnSalesforceAnswer(SfHsSync.Sandbox.Salesforce.Traffic.SalesforceRequest _)
        {
            Interlocked.Increment(ref salesforceAnswered);
            KillAtLimit();
        }

        world.Org.Requests.Answered += OnSalesforceAnswer;
        try
        {
            process.Start();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(timeout);

            // HubSpot's log has no event: watch it until the process ends.
            while (!process.HasExited && !deadline.IsCancellationRequested)
            {
                KillAtLimit();
                await Task.Delay(1);
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The sync host did not finish within {timeout}.");
            }

            await process.WaitForExitAsync();
            var output = (await stdout) + (await stderr);
            // A kill that came after the process had exited by itself does not count as one.
            return new HostOutcome(Volatile.Read(ref killed) == 1 && process.ExitCode != 0, process.ExitCode, Volatile.Read(ref salesforceAnswered) + world.Account.Requests.Count, output);
        }
        finally
        {
            world.Org.Requests.Answered -= OnSalesforceAnswer;
        }
    }
}
