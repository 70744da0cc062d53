using BenchmarkDotNet.Attributes;
using SfHsSync.Engine.State;

namespace SfHsSync.Microbench;

/// <summary>
/// One state commit as an import makes it after each HubSpot batch: 100 links with ten last-synced values each, written
/// to a SQLite file. The largest single cost of an import, so worth watching on its own.
/// </summary>
public class StateCommitBenchmarks
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"sfhssync-microbench-{Guid.NewGuid():N}.db");
    private IStateStore _store = null!;
    private int _batch;

    [GlobalSetup]
    public void Setup() => _store = StateStore.OpenAsync(StateLocation.Parse(_path), CancellationToken.None).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Benchmark]
    public Task CommitHundredLinks()
    {
        var batch = Interlocked.Increment(ref _batch);
        var links = Enumerable.Range(0, 100).Select(i =>
        {
            var id = $"a01{batch:D7}{i:D5}";
            return new RecordLink(id, $"{batch}{i:D3}", new Dictionary<string, string?>
            {
                ["Name"] = "INV-" + id, ["Amount__c"] = "1234.25", ["Tax_Rate__c"] = "7.5", ["Units__c"] = "12", ["Due_Date__c"] = "2025-03-14",
                ["Sent_At__c"] = "2025-01-06T09:30:00.000Z", ["Paid__c"] = "true", ["Status__c"] = "Sent", ["Channels__c"] = "Email;Portal",
                ["Billing_Email__c"] = $"billing{i}@example.com",
            });
        }).ToList();
        return _store.CommitAsync(new StateChange { Mapping = "Invoices", Links = links }, CancellationToken.None);
    }
}
