using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Npgsql;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.State.PostgreSql;

/// <summary>
/// State in PostgreSQL, for pipelines whose agents are thrown away and for several runners at once. Leases use the
/// server's clock, so runners on machines whose clocks disagree still agree on who holds a mapping. A lease is held
/// through a database session of its own, kept open for the run's life: when the holder's process dies or its machine
/// goes away, the server ends that session and the lease is free at once.
/// </summary>
public sealed class PostgreSqlStateStore : SqlStateStore
{
    // The backend's start to the microsecond, as text: with the pid, a session no later one can be mistaken for.
    private const string BackendStartSql = "CAST(CAST(FLOOR(EXTRACT(EPOCH FROM backend_start) * 1000000) AS BIGINT) AS TEXT)";

    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _sessionSource;
    private readonly ConcurrentDictionary<string, NpgsqlConnection> _leaseSessions = new(StringComparer.Ordinal);

    private PostgreSqlStateStore(StateLocation location, NpgsqlDataSource dataSource, NpgsqlDataSource sessionSource)
        : base(location)
    {
        _dataSource = dataSource;
        _sessionSource = sessionSource;
    }

    public static async Task<PostgreSqlStateStore> OpenAsync(StateLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        NpgsqlDataSource? dataSource = null;
        NpgsqlDataSource? sessionSource = null;
        try
        {
            var connectionString = ToConnectionString(location);
            dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();

            // Unpooled: a closed lease session must end on the server, not wait in a pool looking alive.
            sessionSource = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString).Build();
            var store = new PostgreSqlStateStore(location, dataSource, sessionSource);
            await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
            await store.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or FormatException or InvalidOperationException)
        {
            foreach (var source in new[] { dataSource, sessionSource })
            {
                if (source is not null)
                {
                    await source.DisposeAsync().ConfigureAwait(false);
                }
            }

            // Npgsql's messages name host and database but never the password; ours shows only the redacted location.
            throw new SyncException("SyncStateOpenFailed", ex is NpgsqlException ? SyncErrorKind.ConnectionError : SyncErrorKind.InvalidArgument,
                $"The PostgreSQL state at {location.Display} could not be opened: {Redact(ex.Message, location)}", location.Display);
        }
    }

    /// <summary>Npgsql takes key=value connection strings; a postgresql:// URI is turned into one.</summary>
    internal static string ToConnectionString(StateLocation location)
    {
        if (!location.Value.Contains("://", StringComparison.Ordinal))
        {
            return location.Value;
        }

        var uri = new Uri(location.Value);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : null,
        };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : string.Empty;
            builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = value;
        }

        return builder.ConnectionString;
    }

    private static string Redact(string message, StateLocation location)
    {
        var password = new NpgsqlConnectionStringBuilder(SafeConnectionString(location)).Password;
        return string.IsNullOrEmpty(password) ? message : message.Replace(password, "***", StringComparison.Ordinal);
    }

    private static string SafeConnectionString(StateLocation location)
    {
        try
        {
            return ToConnectionString(location);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or UriFormatException)
        {
            return string.Empty;
        }
    }

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
        => await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override bool IsUniqueViolation(DbException exception)
        => exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    protected override string IdColumnSql => "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";

    /// <summary>
    /// The server restarting or shutting down, a connection it dropped, or one it refuses while starting; never a
    /// failed COMMIT, whose transaction the server may have committed (sending it again could apply it twice).
    /// </summary>
    internal override TransientFault? Transient(Exception exception)
        => IsRetryable(exception) ? new TransientFault(Connections.RetryKind.StateUnavailable, 8, TimeSpan.FromMilliseconds(330)) : null;

    /// <summary>True for an outage worth sending the unit of work again for: transient, and not a failed COMMIT.</summary>
    internal static bool IsRetryable(Exception exception)
        => IsTransient(exception) && !exception.Data.Contains(CommitOutcomeUnknown);

    private static bool IsTransient(Exception exception)
        => exception switch
        {
            PostgresException pg => pg.IsTransient || pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
            NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or System.Net.Sockets.SocketException,
            _ => false,
        };

    internal override SyncException? Explain(Exception exception, int attempts)
        => IsTransient(exception)
            ? new SyncException("SyncStateUnavailable", SyncErrorKind.ConnectionError,
                $"The PostgreSQL state at {Location} did not answer after {attempts} attempt(s): {Redact(exception.Message, LocationInfo)} "
                + "The run stopped; what it committed is kept, and the next run resumes from its last committed batch.",
                Location)
            : null;

    protected override string NowMillisSql => "CAST(FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000) AS BIGINT)";

    // Row locks (UPDATE ... on links and leases) order concurrent writers; serializable would only add retries.
    protected override IsolationLevel CommitIsolation => IsolationLevel.ReadCommitted;

    protected override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT pg_advisory_xact_lock(7316092811)";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens the lease's own session and asks the server to probe its client every few seconds, so a holder whose
    /// machine vanished without closing the connection is noticed in about half a minute, not the OS's two hours.
    /// </summary>
    protected override async Task<LeaseSession> OpenLeaseSessionAsync(string holder, CancellationToken cancellationToken)
    {
        await CloseLeaseSessionAsync(holder).ConfigureAwait(false);
        var connection = await _sessionSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, null, "SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3", null, cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT pid, {BackendStartSql} FROM pg_stat_activity WHERE pid = pg_backend_pid()";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new SyncException("SyncStateOpenFailed", SyncErrorKind.ConnectionError, $"The PostgreSQL state at {Location} does not show this runner's own session in pg_stat_activity.", Location);
            }

            var session = new LeaseSession(Environment.MachineName, reader.GetInt32(0), reader.GetString(1));
            _leaseSessions[holder] = connection;
            return session;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override async ValueTask CloseLeaseSessionAsync(string holder)
    {
        if (_leaseSessions.TryRemove(holder, out var connection))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Alive while a backend with its pid and start is connected. Without pg_read_all_stats another role's backend_start
    /// reads NULL; then the pid alone counts, and a reused one only delays the takeover to the lease's expiry.
    /// </summary>
    protected override async Task<LeaseHolderLiveness> CheckLeaseSessionAsync(DbConnection connection, LeaseSession session, CancellationToken cancellationToken)
        => await ScalarLongAsync(connection, null, $"SELECT COUNT(*) FROM pg_stat_activity WHERE pid = @id AND (backend_start IS NULL OR {BackendStartSql} = @start)",
            new() { ["id"] = (int)session.Id, ["start"] = session.Start }, cancellationToken).ConfigureAwait(false) > 0
            ? LeaseHolderLiveness.Alive
            : LeaseHolderLiveness.Dead;

    protected override string DescribeLeaseSession(LeaseSession session)
        => $"its database session (backend pid {session.Id}, from {session.Host})";

    public override async ValueTask DisposeAsync()
    {
        foreach (var holder in _leaseSessions.Keys.ToList())
        {
            await CloseLeaseSessionAsync(holder).ConfigureAwait(false);
        }

        await _sessionSource.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
