using System.Data.Common;
using System.Globalization;
using SfHsSync.Engine.Connections;

namespace SfHsSync.Engine.State;

/// <summary>The run_retries table: a run's retries by side and kind, added to by each process that works on the run.</summary>
public abstract partial class SqlStateStore
{
    /// <summary>The store's own retries (SQLite busy waits, PostgreSQL work sent again), for the run that reads them.</summary>
    public RetryCounter Retries { get; } = new();

    /// <summary>
    /// When <paramref name="exception"/> is an outage worth sending the work again for (SQLite locked, PostgreSQL
    /// restarting): its kind, how many attempts in all, and the pause before retry n (n times it); null otherwise.
    /// </summary>
    internal virtual TransientFault? Transient(Exception exception) => null;

    /// <summary>The mark <see cref="CommitTransactionAsync"/> leaves on a failure of COMMIT itself.</summary>
    internal const string CommitOutcomeUnknown = "SfHsSync.CommitOutcomeUnknown";

    /// <summary>
    /// Commits a unit of work. A failure of the COMMIT itself is marked: over a network the server may have committed
    /// before the connection dropped, so that unit is never sent again (it could apply twice); the run stops instead and
    /// the next one resumes from whatever the state holds, as after a kill.
    /// </summary>
    internal static async Task CommitTransactionAsync(System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken)
    {
        try
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ex.Data[CommitOutcomeUnknown] = true;
            throw;
        }
    }

    /// <summary>The clear error a failure of the store's own ends in (after <paramref name="attempts"/> tries), or null to let it through.</summary>
    internal virtual Errors.SyncException? Explain(Exception exception, int attempts) => null;

    public async Task RecordRetriesAsync(long runId, string mapping, SyncRunRetries retries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retries);
        if (retries.Total == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await InsertRetriesAsync(connection, tx, runId, mapping, retries, cancellationToken).ConfigureAwait(false);
        await CommitTransactionAsync(tx, cancellationToken).ConfigureAwait(false);
    }

    private static async Task InsertRetriesAsync(DbConnection connection, DbTransaction tx, long runId, string mapping, SyncRunRetries retries, CancellationToken cancellationToken)
    {
        foreach (var (side, kind, count) in retries.Rows())
        {
            await ExecuteAsync(connection, tx, """
                INSERT INTO run_retries (run_id, mapping, side, kind, retry_count) VALUES (@run, @mapping, @side, @kind, @count)
                ON CONFLICT (run_id, side, kind) DO UPDATE SET retry_count = run_retries.retry_count + excluded.retry_count
                """,
                new() { ["run"] = runId, ["mapping"] = mapping, ["side"] = side, ["kind"] = kind, ["count"] = count }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The runs with their retries read from run_retries.</summary>
    private async Task<IReadOnlyList<SyncRunRecord>> WithRetriesAsync(IReadOnlyList<SyncRunRecord> runs, CancellationToken cancellationToken)
    {
        if (runs.Count == 0)
        {
            return runs;
        }

        var rows = new Dictionary<long, List<(string, string, long)>>();
        await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        await using (var command = connection.CreateCommand())
        {
            var ids = string.Join(", ", runs.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)));
            command.CommandText = $"SELECT run_id, side, kind, retry_count FROM run_retries WHERE run_id IN ({ids})";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var runId = reader.GetInt64(0);
                if (!rows.TryGetValue(runId, out var list))
                {
                    rows[runId] = list = [];
                }

                list.Add((reader.GetString(1), reader.GetString(2), Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture)));
            }
        }

        return rows.Count == 0 ? runs : runs.Select(r => rows.TryGetValue(r.Id, out var list) ? r with { Retries = SyncRunRetries.FromRows(list) } : r).ToList();
    }

    /// <summary>A copied run's retries and API yardsticks, under its new id (AppendHistoryAsync).</summary>
    private static Task CopyRunExtrasAsync(DbConnection connection, DbTransaction tx, string mapping, SyncRunRecord run, long newId, CancellationToken cancellationToken)
        => InsertRetriesAsync(connection, tx, newId, mapping, run.Retries, cancellationToken);
}

/// <summary>How a store's transient fault is retried: counted as <paramref name="Kind"/>, at most <paramref name="MaxAttempts"/> tries.</summary>
internal sealed record TransientFault(RetryKind Kind, int MaxAttempts, TimeSpan Backoff);
