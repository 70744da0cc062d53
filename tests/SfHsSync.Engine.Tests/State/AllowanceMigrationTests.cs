using Microsoft.Data.Sqlite;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Tests.State;

/// <summary>
/// The allowances a run's calls are shares of live in run_api_use alone: the migration fills them in from the runs
/// columns an older module wrote, a run with no run_api_use row still reads its old columns, and a new run writes none.
/// </summary>
public sealed class AllowanceMigrationTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"sfhssync-allowances-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Allowances_an_older_module_kept_with_the_run_are_moved_to_run_api_use_and_read_the_same()
    {
        long measured, unmeasured;
        await using (var store = await StateStore.OpenAsync(StateLocation.Parse(_path), None))
        {
            measured = (await store.StartRunAsync("M", SyncRunKind.Sync, null, null, None)).Id;
            await store.CommitAsync(new StateChange { Mapping = "M", RunId = measured, CountsDelta = new SyncRunCounts { SalesforceApiCalls = 150, HubSpotApiCalls = 50 } }, None);
            await store.FinishRunAsync(measured, SyncRunState.Succeeded, null, None);
            await store.RecordApiUseAsync(new RunApiUse { RunId = measured, Mapping = "M", SalesforceMinimumCalls = 2, HubSpotMinimumCalls = 1, SalesforceDailyUsed = 900 }, None);
            unmeasured = (await store.StartRunAsync("M", SyncRunKind.Sync, null, null, None)).Id;
            await store.FinishRunAsync(unmeasured, SyncRunState.Failed, "stopped", None);
        }

        // As the module before this migration left the file: the allowances with the runs, run_api_use without HubSpot's.
        await ExecuteAsync($"""
            UPDATE runs SET sf_allowance = 15000, hs_daily_limit = 250000 WHERE id = {measured};
            UPDATE runs SET sf_allowance = 12000, hs_daily_limit = 200000 WHERE id = {unmeasured};
            DROP TABLE mapping_definitions; ALTER TABLE run_api_use DROP COLUMN hs_daily_limit; DROP TABLE run_retries;
            DELETE FROM schema_version WHERE version >= 9;
            """);

        await using var migrated = await StateStore.OpenAsync(StateLocation.Parse(_path), None);
        var use = (await migrated.GetApiUseAsync("M", None))[measured];
        Assert.Equal((15000L, 250000L, 900L), (use.SalesforceDailyMax, use.HubSpotDailyLimit, use.SalesforceDailyUsed));
        var runs = (await migrated.GetRunsAsync("M", null, 10, None)).ToDictionary(r => r.Id);
        Assert.Equal(new RunAllowances(15000, 250000), runs[measured].Allowances);
        Assert.Equal(0.01, runs[measured].SalesforceShareUsed);
        Assert.Equal(0.0002, runs[measured].HubSpotShareUsed);
        Assert.Equal(new RunAllowances(12000, 200000), runs[unmeasured].Allowances);

        // A new run keeps its allowances in run_api_use only; the old columns stay empty.
        var fresh = (await migrated.StartRunAsync("M", SyncRunKind.Import, 10, null, None)).Id;
        await migrated.CommitAsync(new StateChange { Mapping = "M", RunId = fresh, CountsDelta = new SyncRunCounts { SalesforceApiCalls = 30 } }, None);
        await migrated.FinishRunAsync(fresh, SyncRunState.Succeeded, null, None);
        await migrated.RecordApiUseAsync(new RunApiUse { RunId = fresh, Mapping = "M", SalesforceDailyMax = 3000, HubSpotDailyLimit = 1000 }, None);
        var read = (await migrated.GetRunAsync(fresh, None))!;
        Assert.Equal((new RunAllowances(3000, 1000), 0.01), (read.Allowances, read.SalesforceShareUsed));
        Assert.Equal(0L, await ScalarAsync($"SELECT COUNT(*) FROM runs WHERE id = {fresh} AND (sf_allowance IS NOT NULL OR hs_daily_limit IS NOT NULL)"));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
