using Npgsql;

namespace SfHsSync.Engine.Tests.State;

/// <summary>
/// The real PostgreSQL server the tests use: SFHSSYNC_TEST_POSTGRES names it (build.ps1 Test and .ci/run start one).
/// Without it the PostgreSQL tests fail, saying how to get one: they never pass by skipping.
/// </summary>
public static class PostgreSqlServer
{
    public const string EnvironmentVariable = "SFHSSYNC_TEST_POSTGRES";

    public static string AdminConnectionString
        => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"No PostgreSQL server for the tests: set {EnvironmentVariable} to an Npgsql connection string of a server where databases may be created, "
                + "or run ./build.ps1 Test, which starts one with tests/postgres/start-postgres.sh.");

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }
}
