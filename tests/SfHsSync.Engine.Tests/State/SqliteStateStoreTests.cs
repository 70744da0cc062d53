using Microsoft.Data.Sqlite;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Tests.State;

/// <summary>The state store contract on a real SQLite file, plus what only a file can get wrong.</summary>
public sealed class SqliteStateStoreTests : StateStoreContract, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sfhssync-state-" + Guid.NewGuid().ToString("N"));

    private string PathOf(string name) => Path.Combine(_dir, name + ".db");

    protected override async Task<IStateStore> OpenFreshAsync(string name)
        => await StateStore.OpenAsync(StateLocation.Parse(PathOf(name)), CancellationToken.None);

    protected override Task<IStateStore> ReopenAsync(string name) => OpenFreshAsync(name);

    [Fact]
    public async Task The_file_and_its_folder_are_created_and_the_schema_version_recorded()
    {
        var path = Path.Combine(_dir, "nested", "deeper", "state.db");
        await using (var store = await StateStore.OpenAsync(StateLocation.Parse(path), CancellationToken.None))
        {
            Assert.Equal(path, store.Location);
        }

        Assert.True(File.Exists(path));
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(version) FROM schema_version";
        Assert.Equal((long)StateSchema.LatestVersion, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_store_at_an_older_schema_is_migrated_forward_and_keeps_its_data()
    {
        var path = PathOf("older");
        await using (var store = await StateStore.OpenAsync(StateLocation.Parse(path), CancellationToken.None))
        {
            await store.CommitAsync(new StateChange { Mapping = "M", Links = new[] { new RecordLink("a01", "101", new Dictionary<string, string?> { ["Name"] = "x" }) } }, CancellationToken.None);
        }

        // Wind the file back to schema version 1, as a module of that version left it.
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                DROP TABLE mapping_settings; DROP TABLE association_links; DROP TABLE run_api_use;
                ALTER TABLE leases DROP COLUMN session_host; ALTER TABLE leases DROP COLUMN session_id; ALTER TABLE leases DROP COLUMN session_start;
                ALTER TABLE record_errors DROP COLUMN category; ALTER TABLE record_errors DROP COLUMN hint;
                ALTER TABLE runs DROP COLUMN assoc_created; ALTER TABLE runs DROP COLUMN assoc_moved; ALTER TABLE runs DROP COLUMN assoc_removed;
                ALTER TABLE runs DROP COLUMN assoc_waiting; ALTER TABLE runs DROP COLUMN assoc_failed;
                ALTER TABLE runs DROP COLUMN sf_allowance; ALTER TABLE runs DROP COLUMN hs_daily_limit;
                ALTER TABLE links DROP COLUMN origins; DROP TABLE field_history;
                ALTER TABLE runs DROP COLUMN api_versions;
                DROP TABLE mapping_definitions;
                DROP TABLE run_retries;
                DELETE FROM schema_version WHERE version > 1;
                """;
            await command.ExecuteNonQueryAsync();
        }

        await using var migrated = await StateStore.OpenAsync(StateLocation.Parse(path), CancellationToken.None);
        Assert.Equal(StateSchema.LatestVersion, migrated.SchemaVersion);
        Assert.Equal("x", (await migrated.GetLinksBySalesforceIdAsync("M", new[] { "a01" }, CancellationToken.None))["a01"].Values["Name"]);
    }

    [Fact]
    public async Task A_state_file_from_a_newer_module_is_refused_by_name()
    {
        var path = PathOf("newer");
        await using (await StateStore.OpenAsync(StateLocation.Parse(path), CancellationToken.None))
        {
        }

        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES (99, '2030-01-01')";
            await command.ExecuteNonQueryAsync();
        }

        var ex = await Assert.ThrowsAsync<SyncException>(() => StateStore.OpenAsync(StateLocation.Parse(path), CancellationToken.None));
        Assert.Equal("SyncStateSchemaTooNew", ex.ErrorId);
        Assert.Contains("99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_an_error_naming_it()
    {
        var path = PathOf("garbage");
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(path, new string('x', 4096));
        var ex = await Assert.ThrowsAsync<SyncException>(() => StateStore.OpenAsync(StateLocation.Parse(path), CancellationToken.None));
        Assert.Equal("SyncStateOpenFailed", ex.ErrorId);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
