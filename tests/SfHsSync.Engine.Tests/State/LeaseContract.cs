using SfHsSync.Engine.Errors;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Tests.State;

/// <summary>Leases and fencing, on every store: one runner per mapping, takeover after expiry, no commit after loss.</summary>
public abstract class LeaseContract
{
    protected abstract Task<IStateStore> OpenAsync();

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

    public async Task InitializeAsync() => _cs = await PostgreSqlServer.CreateDatabaseAsync("sfhs_lease");

    public Task DisposeAsync() => PostgreSqlServer.DropDatabaseAsync(_cs);
}
