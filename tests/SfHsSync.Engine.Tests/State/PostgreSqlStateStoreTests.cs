using SfHsSync.Engine.Errors;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Tests.State;

/// <summary>The state store contract on a real PostgreSQL server, plus migrations under a race.</summary>
public sealed class PostgreSqlStateStoreTests : StateStoreContract, IAsyncLifetime
{
    private readonly Dictionary<string, string> _databases = new();

    private async Task<string> DatabaseAsync(string name)
    {
        if (!_databases.TryGetValue(name, out var cs))
        {
            cs = await PostgreSqlServer.CreateDatabaseAsync("sfhs_state");
            _databases[name] = cs;
        }

        return cs;
    }

    protected override async Task<IStateStore> OpenFreshAsync(string name)
        => await StateStore.OpenAsync(StateLocation.Parse(await DatabaseAsync(name)), CancellationToken.None);

    protected override Task<IStateStore> ReopenAsync(string name) => OpenFreshAsync(name);

    [Fact]
    public async Task Eight_runners_opening_a_new_database_at_once_migrate_it_exactly_once()
    {
        var cs = await DatabaseAsync("race");
        var stores = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => StateStore.OpenAsync(StateLocation.Parse(cs), CancellationToken.None))));
        try
        {
            Assert.All(stores, s => Assert.Equal(stores[0].SchemaVersion, s.SchemaVersion));
            await using var connection = new Npgsql.NpgsqlConnection(cs);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM schema_version";
            Assert.Equal((long)stores[0].SchemaVersion, (long)(await command.ExecuteScalarAsync())!);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_postgresql_uri_opens_the_same_store_as_its_connection_string()
    {
        var cs = new Npgsql.NpgsqlConnectionStringBuilder(await DatabaseAsync("uri"));
        var uri = $"postgresql://{cs.Username}@{cs.Host}:{cs.Port}/{cs.Database}";
        await using (var store = await StateStore.OpenAsync(StateLocation.Parse(cs.ConnectionString), CancellationToken.None))
        {
            await store.CommitAsync(new StateChange { Mapping = "M", Links = new[] { new RecordLink("a01", "101", new Dictionary<string, string?>()) } }, CancellationToken.None);
        }

        await using var viaUri = await StateStore.OpenAsync(StateLocation.Parse(uri), CancellationToken.None);
        Assert.Equal(1, await viaUri.CountLinksAsync("M", CancellationToken.None));
    }

    [Fact]
    public async Task A_server_that_refuses_the_login_is_an_error_without_the_password()
    {
        var cs = new Npgsql.NpgsqlConnectionStringBuilder(PostgreSqlServer.AdminConnectionString) { Port = 1, Password = "hunter2-secret", Timeout = 3 };
        var ex = await Assert.ThrowsAsync<SyncException>(() => StateStore.OpenAsync(StateLocation.Parse(cs.ConnectionString), CancellationToken.None));
        Assert.Equal("SyncStateOpenFailed", ex.ErrorId);
        Assert.DoesNotContain("hunter2-secret", ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("Password=***", ex.Message, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var cs in _databases.Values)
        {
            await PostgreSqlServer.DropDatabaseAsync(cs);
        }
    }
}
