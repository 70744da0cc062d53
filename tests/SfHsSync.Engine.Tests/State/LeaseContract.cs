using SfHsSync.Engine.Errors;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Tests.State;

/// <summary>Leases and fencing, on every store: one runner per mapping, takeover after expiry, no commit after loss.</summary>
public abstract class LeaseContract
{
    protected abstract Task<IStateStore> OpenAsync();

    /// <summary>Makes the lease's holder dead as a crash would: its process gone (SQLite), its database session ended (PostgreSQL).</summary>
    protected abstract Task KillHolderAsync(string mapping);

    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_second_runner_waits_then_fails_naming_the_holder()
    {
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();
        var lease = await first.AcquireLeaseAsync("Invoices", "agent-1/pid 100", Long, TimeSpan.Zero, None);
        Assert.Equal("agent-1/pid 100", lease.Holder);

        var ex = await Assert.ThrowsAsync<SyncException>(() => second.AcquireLeaseAsync("Invoices", "agent-2/pid 200", Long, TimeSpan.FromMilliseconds(600), None));
        Assert.Equal("SyncLeaseUnavailable", ex.ErrorId);
        Assert.Equal(SyncErrorKind.ResourceBusy, ex.Kind);
        Assert.Contains("agent-1/pid 100", ex.Message, StringComparison.Ordinal);
        Assert.Contains("(alive: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"the lease frees the moment that run ends or its runner dies, or at {lease.ExpiresAt:u}", ex.Message, StringComparison.Ordinal);

        // Other mappings are free.
        await second.AcquireLeaseAsync("Contacts", "agent-2/pid 200", Long, TimeSpan.Zero, None);
    }

    [Fact]
    public async Task A_released_lease_is_taken_at_once_and_a_waiting_runner_gets_it()
    {
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();
        var lease = await first.AcquireLeaseAsync("M", "one", Long, TimeSpan.Zero, None);
        var waiting = second.AcquireLeaseAsync("M", "two", Long, TimeSpan.FromSeconds(30), None);
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);
        await first.ReleaseLeaseAsync(lease, None);
        var taken = await waiting;
        Assert.Equal("two", taken.Holder);
        Assert.True(taken.Token > lease.Token);
    }

    [Fact]
    public async Task A_runner_that_stops_renewing_loses_its_lease_and_cannot_commit_after_the_takeover()
    {
        await using var stalled = await OpenAsync();
        await using var next = await OpenAsync();
        var old = await stalled.AcquireLeaseAsync("M", "stalled", TimeSpan.FromMilliseconds(400), TimeSpan.Zero, None);
        await stalled.CommitAsync(new StateChange { Mapping = "M", Lease = old, Links = new[] { new RecordLink("a01", "101", new Dictionary<string, string?> { ["Name"] = "old" }) } }, None);

        await Task.Delay(700);
        var fresh = await next.AcquireLeaseAsync("M", "next", Long, TimeSpan.Zero, None);
        Assert.True(fresh.Token > old.Token);
        await next.CommitAsync(new StateChange { Mapping = "M", Lease = fresh, Links = new[] { new RecordLink("a01", "101", new Dictionary<string, string?> { ["Name"] = "new" }) } }, None);

        var lost = await Assert.ThrowsAsync<SyncException>(() => stalled.CommitAsync(new StateChange
        {
            Mapping = "M",
            Lease = old,
            Links = new[] { new RecordLink("a01", "101", new Dictionary<string, string?> { ["Name"] = "stale" }) },
            Watermarks = new SyncWatermarks(DateTimeOffset.UtcNow, null),
        }, None));
        Assert.Equal("SyncLeaseLost", lost.ErrorId);
        await Assert.ThrowsAsync<SyncException>(() => stalled.RenewLeaseAsync(old, Long, None));

        var link = (await next.GetLinksBySalesforceIdAsync("M", new[] { "a01" }, None))["a01"];
        Assert.Equal("new", link.Values["Name"]);
        Assert.Null((await next.GetWatermarksAsync("M", None)).Salesforce);
    }

    [Fact]
    public async Task A_dead_holders_lease_is_taken_over_at_once_fenced_and_its_run_reads_Interrupted()
    {
        await using var dead = await OpenAsync();
        await using var next = await OpenAsync();
        var old = await dead.AcquireLeaseAsync("M", "crashed/pid 1", Long, TimeSpan.Zero, None);
        var run = await dead.StartRunAsync("M", SyncRunKind.Sync, null, "crashed/pid 1", None);
        var otherMapping = await dead.StartRunAsync("Other", SyncRunKind.Sync, null, "crashed/pid 1", None);
        await KillHolderAsync("M");

        // No wait at all: a lease whose holder is gone is free now, though it would not expire for five minutes.
        var taken = await next.AcquireLeaseAsync("M", "next/pid 2", Long, TimeSpan.Zero, None);
        Assert.True(taken.Token > old.Token);

        var interrupted = (await next.GetRunAsync(run.Id, None))!;
        Assert.Equal(SyncRunState.Interrupted, interrupted.State);
        Assert.NotNull(interrupted.FinishedAt);
        Assert.Contains("crashed/pid 1 ended without finishing", interrupted.Error, StringComparison.Ordinal);
        Assert.Contains("next/pid 2 took the mapping over", interrupted.Error, StringComparison.Ordinal);
        Assert.Equal(SyncRunState.Running, (await next.GetRunAsync(otherMapping.Id, None))!.State);

        // The old holder, were it only cut off, can commit nothing, and its own end leaves the run Interrupted.
        var lost = await Assert.ThrowsAsync<SyncException>(() => dead.CommitAsync(new StateChange { Mapping = "M", Lease = old, RunId = run.Id }, None));
        Assert.Equal("SyncLeaseLost", lost.ErrorId);
        Assert.Equal(SyncRunState.Interrupted, (await dead.FinishRunAsync(run.Id, SyncRunState.Failed, lost.Message, None)).State);

        // The new holder is alive: a third runner is refused.
        await using var third = await OpenAsync();
        var refused = await Assert.ThrowsAsync<SyncException>(() => third.AcquireLeaseAsync("M", "third", Long, TimeSpan.Zero, None));
        Assert.Contains("next/pid 2 (alive: ", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lease_taken_over_after_expiry_marks_the_stalled_run_Interrupted()
    {
        await using var stalled = await OpenAsync();
        await using var next = await OpenAsync();
        await stalled.AcquireLeaseAsync("M", "stalled", TimeSpan.FromMilliseconds(300), TimeSpan.Zero, None);
        var run = await stalled.StartRunAsync("M", SyncRunKind.Import, 10, "stalled", None);
        await Task.Delay(600);
        await next.AcquireLeaseAsync("M", "next", Long, TimeSpan.Zero, None);
        var interrupted = (await next.GetRunAsync(run.Id, None))!;
        Assert.Equal(SyncRunState.Interrupted, interrupted.State);
        Assert.Contains("stalled stopped renewing its lease", interrupted.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeats_keep_a_lease_past_its_first_expiry()
    {
        await using var holder = await OpenAsync();
        await using var other = await OpenAsync();
        // Four beats a second apart outlive the first 3-second expiry; each beat has 2 seconds to spare, so a busy
        // machine's scheduling cannot make a beat late.
        var lease = await holder.AcquireLeaseAsync("M", "holder", TimeSpan.FromSeconds(3), TimeSpan.Zero, None);
        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            lease = await holder.RenewLeaseAsync(lease, TimeSpan.FromSeconds(3), None);
        }

        await Assert.ThrowsAsync<SyncException>(() => other.AcquireLeaseAsync("M", "other", Long, TimeSpan.Zero, None));
        await holder.CommitAsync(new StateChange { Mapping = "M", Lease = lease }, None);
    }
}

public sealed class SqliteLeaseTests : LeaseContract, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"sfhssync-lease-{Guid.NewGuid():N}.db");

    protected override async Task<IStateStore> OpenAsync() => await StateStore.OpenAsync(StateLocation.Parse(_path), CancellationToken.None);

    /// <summary>The holder becomes a process of this host that has exited: one the test started and waited for.</summary>
    protected override async Task KillHolderAsync(string mapping)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        await SetSessionAsync(mapping, process.Id, null);
    }

    [Fact]
    public async Task A_holder_whose_pid_now_belongs_to_another_process_is_dead()
    {
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();
        await first.AcquireLeaseAsync("M", "reused", TimeSpan.FromMinutes(5), TimeSpan.Zero, CancellationToken.None);

        // This process's id with another start: the holder's pid was reused by a later process (this one).
        await SetSessionAsync("M", Environment.ProcessId, "boot+1");
        var taken = await second.AcquireLeaseAsync("M", "after", TimeSpan.FromMinutes(5), TimeSpan.Zero, CancellationToken.None);
        Assert.Equal("after", taken.Holder);
    }

    [Fact]
    public async Task A_holder_on_another_host_cannot_be_checked_and_is_waited_for()
    {
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();
        await first.AcquireLeaseAsync("M", "elsewhere/pid 9", TimeSpan.FromMinutes(5), TimeSpan.Zero, CancellationToken.None);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE leases SET session_host = 'another-host' WHERE mapping = 'M'";
            await command.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<SyncException>(() => second.AcquireLeaseAsync("M", "here", TimeSpan.FromMinutes(5), TimeSpan.Zero, CancellationToken.None));
        Assert.Contains("whether it is alive cannot be checked from here", refused.Message, StringComparison.Ordinal);
        Assert.Contains("another-host, not this host", refused.Message, StringComparison.Ordinal);
    }

    private async Task SetSessionAsync(string mapping, long pid, string? start)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE leases SET session_id = $pid" + (start is null ? string.Empty : ", session_start = $start") + " WHERE mapping = $mapping";
        command.Parameters.AddWithValue("$pid", pid);
        command.Parameters.AddWithValue("$mapping", mapping);
        if (start is not null)
        {
            command.Parameters.AddWithValue("$start", start);
        }

        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}

public sealed class PostgreSqlLeaseTests : LeaseContract, IAsyncLifetime
{
    private string _cs = string.Empty;

    protected override async Task<IStateStore> OpenAsync() => await StateStore.OpenAsync(StateLocation.Parse(_cs), CancellationToken.None);

    /// <summary>The holder's database session ends as when its process is killed or its connection drops: the server terminates it.</summary>
    protected override async Task KillHolderAsync(string mapping)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_cs);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_terminate_backend(CAST(session_id AS INTEGER)) FROM leases WHERE mapping = @mapping";
        command.Parameters.AddWithValue("mapping", mapping);
        Assert.Equal(true, await command.ExecuteScalarAsync());

        // pg_terminate_backend signals the backend; it is gone from pg_stat_activity once it has exited.
        command.CommandText = "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = (SELECT CAST(session_id AS INTEGER) FROM leases WHERE mapping = @mapping)";
        for (var i = 0; i < 100 && Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0; i++)
        {
            await Task.Delay(50);
        }
    }

    public async Task InitializeAsync() => _cs = await PostgreSqlServer.CreateDatabaseAsync("sfhs_lease");

    public Task DisposeAsync() => PostgreSqlServer.DropDatabaseAsync(_cs);
}
