using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.State;
using SfHsSync.Engine.State.Sqlite;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Tests.Sync.Support;

namespace SfHsSync.Engine.Tests.Sync;

/// <summary>
/// The storms outside the services' answers: the sandbox restarting, PostgreSQL restarting, and another process holding
/// the SQLite file locked. Each starts at the Nth HubSpot call (a count, not a clock), inside the first pass's run.
/// </summary>
public sealed partial class FaultStormTests
{
    /// <summary>The HubSpot call a restart or a lock starts at (before it is answered): past the mapping's resolution, inside the first pass.</summary>
    private const int StormAtAnswer = 12;

    [Fact]
    public async Task A_pass_whose_sandbox_restarts_mid_pass_rides_through_or_resumes_and_ends_as_the_fault_free_pass()
    {
        var expected = (await FaultFree.Value).End;
        await using var world = await SyncWorld.StartAsync(hubSpotOptions: QuickHubSpot);
        SyncCrashTests.SeedFirstRun(world);
        var told = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var hook = AtHubSpotCall(world, StormAtAnswer, aborted =>
        {
            // The call waits until the stop drops its connection, so it is never carried out with its answer lost.
            told.TrySetResult();
            aborted.WaitHandle.WaitOne(TimeSpan.FromMinutes(2));
        });
        var restart = RestartWhenToldAsync(world, told.Task);
        var settled = await SettleAsync(world);
        await restart;

        Assert.True(settled.End.Lines.SequenceEqual(expected.Lines, StringComparer.Ordinal), settled.End.DifferenceFrom(expected));
        Assert.Equal(settled.CountedInRuns, settled.Stored);

        // The clients met the closed ports (refused, or a kept-alive connection closed under them) and counted it in the run.
        var met = ConnectionRetries(settled.Stored);
        Assert.True(met > 0, $"the runs recorded {settled.Stored}: no call met the restarting sandbox");
        output.WriteLine($"sandbox restarted: settled in {settled.Passes} pass(es); the runs recorded {settled.Stored}");
        RecordFigure("Sandbox restarted mid-pass (both services stop serving, then serve the same world on the same ports)", settled.Passes, met, settled.Stored);
    }

    [Fact]
    public async Task A_pass_while_another_process_holds_the_SQLite_file_locked_waits_counting_StateBusy_and_ends_as_the_fault_free_pass()
    {
        var expected = (await FaultFree.Value).End;
        await using var world = await SyncWorld.StartAsync(hubSpotOptions: QuickHubSpot);
        SyncCrashTests.SeedFirstRun(world);
        await using var holder = new StateLockHolder(world.StatePath);
        using var hook = AtHubSpotCall(world, StormAtAnswer, holder.Hold);

        // Released once the pass has waited for it three times (counted StateBusy), however long that took.
        var release = Task.Run(async () =>
        {
            await holder.Held.WaitAsync(TimeSpan.FromMinutes(2));
            await WaitForAsync(() => world.State.Retries[RetryKind.StateBusy] >= 3, "the pass never waited for the locked file");
            await holder.ReleaseAsync();
        });
        var settled = await SettleAsync(world);
        await release;

        Assert.True(settled.End.Lines.SequenceEqual(expected.Lines, StringComparer.Ordinal), settled.End.DifferenceFrom(expected));
        Assert.Equal(1, settled.Passes);
        Assert.Equal(0, holder.ExitCode);
        Assert.Equal(settled.CountedInRuns, settled.Stored);
        var busy = settled.Stored.State.GetValueOrDefault(nameof(RetryKind.StateBusy));
        Assert.True(busy >= 3, $"the runs recorded {settled.Stored}: fewer than the 3 StateBusy waits the lock was held for");
        RecordFigure("SQLite locked by another process (BEGIN EXCLUSIVE), released after 3 busy waits", settled.Passes, busy, settled.Stored);
    }

    [Fact]
    public async Task A_pass_while_another_process_holds_the_SQLite_file_past_the_busy_timeout_stops_naming_the_file_and_the_next_resumes_exactly()
    {
        var expected = (await FaultFree.Value).End;
        await using var world = await SyncWorld.StartAsync(hubSpotOptions: QuickHubSpot);
        SyncCrashTests.SeedFirstRun(world);
        var sqlite = (SqliteStateStore)((ResilientStateStore)world.State).Inner;
        sqlite.BusyTimeoutSeconds = 2;
        await using var holder = new StateLockHolder(world.StatePath);
        var stopped = new List<SyncRunRetries>();
        using (AtHubSpotCall(world, StormAtAnswer, holder.Hold))
        {
            var failure = await Assert.ThrowsAsync<SyncException>(async () =>
            {
                // A lease that could not be given up (the file was locked) lapses after its time-to-live; a short one
                // keeps the next pass's wait for it short.
                var result = await CountedPassAsync(world, InvoiceMappings.AllRules(), stopped,
                    options: new SyncOptions { HubSpotSearchLag = TimeSpan.Zero, LeaseTimeToLive = TimeSpan.FromSeconds(6) });
                output.WriteLine($"not stopped: {result.State} {result.Error}; held {holder.Held.IsCompleted}, {world.Salesforce.ApiCallCount} Salesforce calls, state retries {world.State.Retries.Total}");
            });
            Assert.Equal("SyncStateBusy", failure.ErrorId);
            Assert.Contains(world.StatePath, failure.Message, StringComparison.Ordinal);
            Assert.Contains("another connection or process", failure.Message, StringComparison.Ordinal);
            output.WriteLine($"{failure.Message} ({failure.InnerException?.Message})");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await holder.ReleaseAsync();
        Assert.Equal(0, holder.ExitCode);
        sqlite.BusyTimeoutSeconds = 60;
        output.WriteLine($"released in {clock.ElapsedMilliseconds} ms");
        var settled = await SettleAsync(world);
        output.WriteLine($"settled in {clock.ElapsedMilliseconds} ms, {settled.Passes} pass(es), state retries {world.State.Retries.Total}");

        // The stopped pass committed what it had; the next ones resume from there and end as the fault-free passes.
        Assert.True(settled.End.Lines.SequenceEqual(expected.Lines, StringComparer.Ordinal), settled.End.DifferenceFrom(expected));
        Assert.Empty(settled.End.Duplicates());
        Assert.True(stopped.Single().State.GetValueOrDefault(nameof(RetryKind.StateBusy)) >= 2, $"the stopped pass counted {stopped.Single()}");
        RecordFigure("SQLite locked by another process past the busy timeout (stops with SyncStateBusy, the next pass resumes)", settled.Passes + 1,
            stopped.Single().Total, $"stopped pass: {stopped.Single()} (counted; the file stayed locked, so its run could not record them); resuming passes: {settled.Stored}");
    }

    [Fact]
    public async Task A_pass_whose_PostgreSQL_server_restarts_mid_pass_reconnects_and_ends_as_the_fault_free_pass()
    {
        var expected = (await FaultFree.Value).End;
        await using var postgres = await OwnPostgreSql.StartAsync();
        await using var world = await SyncWorld.StartAsync(hubSpotOptions: QuickHubSpot, stateLocation: postgres.ConnectionString);
        SyncCrashTests.SeedFirstRun(world);
        Settled settled;
        using (AtHubSpotCall(world, StormAtAnswer, postgres.Restart))
        {
            settled = await SettleAsync(world);
        }

        Assert.Equal(1, postgres.Restarts);
        Assert.True(settled.End.Lines.SequenceEqual(expected.Lines, StringComparer.Ordinal), settled.End.DifferenceFrom(expected));
        Assert.Empty(settled.End.Duplicates());
        Assert.Equal(settled.CountedInRuns, settled.Stored);
        var unavailable = settled.Stored.State.GetValueOrDefault(nameof(RetryKind.StateUnavailable));
        Assert.True(unavailable > 0 || settled.Passes > 1, $"the runs recorded {settled.Stored}: the pass never met the restart");
        output.WriteLine($"PostgreSQL restarted: settled in {settled.Passes} pass(es); the runs recorded {settled.Stored}");
        RecordFigure("PostgreSQL server restarted mid-pass (pg_ctl restart -m fast)", settled.Passes, unavailable, settled.Stored);
    }

    private static long ConnectionRetries(SyncRunRetries retries)
        => new[] { retries.Salesforce, retries.HubSpot }.Sum(side =>
            side.GetValueOrDefault(nameof(RetryKind.ConnectionRefused)) + side.GetValueOrDefault(nameof(RetryKind.ConnectionReset)));

    /// <summary>Runs <paramref name="act"/> once, as the sandbox admits the Nth HubSpot call (whose answer waits for it).</summary>
    private static IDisposable AtHubSpotCall(SyncWorld world, int n, Action act) => AtHubSpotCall(world, n, _ => act());

    private static IDisposable AtHubSpotCall(SyncWorld world, int n, Action<CancellationToken> act)
    {
        var admitted = 0;
        void OnCall(CancellationToken aborted)
        {
            if (Interlocked.Increment(ref admitted) == n)
            {
                act(aborted);
            }
        }

        world.Account.Admitted += OnCall;
        return new Unhook(() => world.Account.Admitted -= OnCall);
    }

    private sealed class Unhook(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    /// <summary>
    /// Stops both services once told, and serves again (the same world, the same ports) once a client has met the
    /// closed ports: counted, not timed.
    /// </summary>
    private static async Task RestartWhenToldAsync(SyncWorld world, Task told)
    {
        await told.WaitAsync(TimeSpan.FromMinutes(2));
        long Met() => new[] { world.Salesforce.Retries, world.HubSpot.Retries }.Sum(r => r[RetryKind.ConnectionRefused] + r[RetryKind.ConnectionReset]);
        var before = Met();
        await world.Server.StopServingAsync(immediately: true);
        try
        {
            await WaitForAsync(() => Met() > before, "no client met the stopped sandbox");
        }
        finally
        {
            await world.Server.StartServingAsync();
        }
    }

    /// <summary>Waits until <paramref name="done"/> holds; the two minutes are a deadlock guard, not a timing.</summary>
    private static async Task WaitForAsync(Func<bool> done, string failure)
    {
        var guard = DateTime.UtcNow.AddMinutes(2);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < guard, failure);
            await Task.Delay(5);
        }
    }
}
