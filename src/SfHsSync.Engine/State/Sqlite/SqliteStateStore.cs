using System.Data.Common;
using Microsoft.Data.Sqlite;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.State.Sqlite;

/// <summary>
/// State in a SQLite file (the default): WAL journal, so a process killed mid-run leaves the last committed batch intact.
/// A lease's holder is a process of this host (<see cref="LocalProcess"/>): once it is gone, its lease is free.
/// </summary>
public sealed class SqliteStateStore : SqlStateStore
{
    private readonly string _connectionString;

    /// <summary>
    /// How long a unit of work waits, in all, for a file another connection or process holds locked (seconds; tests
    /// shorten it): the driver waits up to a second, then the work is sent again (counted StateBusy), until this passes.
    /// </summary>
    internal int BusyTimeoutSeconds { get; set; } = 60;

    private SqliteStateStore(StateLocation location)
        : base(location)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = location.Value,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 1,
        }.ToString();
    }

    public static async Task<SqliteStateStore> OpenAsync(StateLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Provider != StateProvider.Sqlite)
        {
            throw new ArgumentException("Not a SQLite location.", nameof(location));
        }

        try
        {
            var directory = Path.GetDirectoryName(location.Value);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var store = new SqliteStateStore(location);
            await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
            await store.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new SyncException("SyncStateOpenFailed", ex is SqliteException ? SyncErrorKind.InvalidData : SyncErrorKind.ResourceBusy,
                $"The state file '{location.Display}' could not be opened: {ex.Message}", location.Display, ex);
        }
    }

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return connection;
    }

    protected override Task<LeaseSession> OpenLeaseSessionAsync(string holder, CancellationToken cancellationToken)
        => Task.FromResult(LocalProcess.Current);

    protected override Task<LeaseHolderLiveness> CheckLeaseSessionAsync(DbConnection connection, LeaseSession session, CancellationToken cancellationToken)
        => Task.FromResult(LocalProcess.Liveness(session));

    protected override string DescribeLeaseSession(LeaseSession session) => LocalProcess.Describe(session);

    protected override bool IsUniqueViolation(DbException exception)
        => exception is SqliteException { SqliteErrorCode: 19 };

    protected override string IdColumnSql => "INTEGER PRIMARY KEY";

    internal override TransientFault? Transient(Exception exception)
        => exception is SqliteException { SqliteErrorCode: 5 or 6 } ? new TransientFault(Connections.RetryKind.StateBusy, Math.Max(1, BusyTimeoutSeconds), TimeSpan.Zero) : null;

    /// <summary>SQLITE_BUSY or SQLITE_LOCKED after the busy timeout: another connection or process kept the file locked.</summary>
    internal override SyncException? Explain(Exception exception, int attempts)
        => exception is SqliteException { SqliteErrorCode: 5 or 6 } busy
            ? new SyncException("SyncStateBusy", SyncErrorKind.ResourceBusy,
                $"The state file '{Location}' stayed locked by another connection or process for longer than {BusyTimeoutSeconds} s ({busy.Message}); "
                + "this step wrote nothing to it. Close the program holding it (another sync, a database browser), then run again: the run resumes from its last committed batch.",
                Location, busy)
            : null;
}
