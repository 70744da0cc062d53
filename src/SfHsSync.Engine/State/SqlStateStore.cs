using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.State;

/// <summary>
/// The state store over ADO.NET in the SQL that SQLite and PostgreSQL share (ON CONFLICT upserts, named parameters).
/// Subclasses open connections, run migrations safely for their engine, and name their constraint-violation errors.
/// </summary>
public abstract partial class SqlStateStore : IStateStore
{
    private const int LookupChunk = 500;
    private const string AssociationColumns = "SELECT sf_id, field, target_sf_id, hs_id, target_hs_id, state, reason, updated_at FROM association_links";
    private static readonly JsonSerializerOptions ValuesJson = new();

    protected SqlStateStore(StateLocation location)
    {
        LocationInfo = location;
    }

    protected StateLocation LocationInfo { get; }

    public string Location => LocationInfo.Display;

    public int SchemaVersion { get; protected set; }

    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>True when the exception is a unique or primary key violation.</summary>
    protected abstract bool IsUniqueViolation(DbException exception);

    /// <summary>The column definition of a generated bigint primary key.</summary>
    protected abstract string IdColumnSql { get; }

    /// <summary>The current time in epoch milliseconds as SQL: the database's clock where it has one all runners share.
    /// The parameter @now always carries this process's clock.</summary>
    protected virtual string NowMillisSql => "@now";

    /// <summary>The isolation of a batch commit.</summary>
    protected virtual IsolationLevel CommitIsolation => IsolationLevel.Serializable;

    /// <summary>Applies the migrations above the store's version, all in one transaction under the engine's lock; called once when the store opens.</summary>
    protected async Task MigrateAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockForMigrationAsync(connection, tx, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)", null, cancellationToken).ConfigureAwait(false);
        var current = await ScalarLongAsync(connection, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_version", null, cancellationToken).ConfigureAwait(false);
        if (current > StateSchema.LatestVersion)
        {
            throw new SyncException("SyncStateSchemaTooNew", SyncErrorKind.InvalidData,
                $"The state at {Location} is at schema version {current}, newer than this module's {StateSchema.LatestVersion}. Update the SfHsSync module.");
        }

        for (var version = (int)current + 1; version <= StateSchema.LatestVersion; version++)
        {
            var script = StateSchema.Migrations[version - 1].Replace("{IdColumn}", IdColumnSql, StringComparison.Ordinal);
            foreach (var statement in script.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                await ExecuteAsync(connection, tx, statement, null, cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync(connection, tx, "INSERT INTO schema_version (version, applied_at) VALUES (@v, @at)",
                new() { ["v"] = (long)version, ["at"] = Now() }, cancellationToken).ConfigureAwait(false);
        }

        await CommitTransactionAsync(tx, cancellationToken).ConfigureAwait(false);
        SchemaVersion = StateSchema.LatestVersion;
    }

    /// <summary>Takes the lock that keeps two runners from migrating at once (SQLite: the write lock of BEGIN IMMEDIATE; PostgreSQL: an advisory lock).</summary>
    protected virtual Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyDictionary<string, RecordLink>> GetLinksBySalesforceIdAsync(string mapping, IReadOnlyCollection<string> salesforceIds, CancellationToken cancellationToken)
        => GetLinksAsync(mapping, "sf_id", salesforceIds, link => link.SalesforceId, cancellationToken);

    public Task<IReadOnlyDictionary<string, RecordLink>> GetLinksByHubSpotIdAsync(string mapping, IReadOnlyCollection<string> hubSpotIds, CancellationToken cancellationToken)
        => GetLinksAsync(mapping, "hs_id", hubSpotIds, link => link.HubSpotId, cancellationToken);

    private async Task<IReadOnlyDictionary<string, RecordLink>> GetLinksAsync(string mapping, string column, IReadOnlyCollection<string> ids, Func<RecordLink, string> key, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, RecordLink>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return result;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var link in await ReadLinksByAsync(connection, null, mapping, column, ids, cancellationToken).ConfigureAwait(false))
        {
            result[key(link)] = link;
        }

        return result;
    }

    private static Task<List<RecordLink>> ReadLinksByAsync(DbConnection connection, DbTransaction? tx, string mapping, string column, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
        => ReadByIdsAsync(connection, tx, mapping, ids, inList => $"SELECT sf_id, hs_id, synced_values FROM links WHERE mapping = @mapping AND {column} IN ({inList})", ReadLink, cancellationToken);

    /// <summary>
    /// Rows of one mapping whose key is among <paramref name="ids"/>, asked for in chunks so no statement carries more
    /// parameters than a database takes; <paramref name="sql"/> builds the statement around the chunk's parameter list.
    /// </summary>
    private static async Task<List<T>> ReadByIdsAsync<T>(DbConnection connection, DbTransaction? tx, string mapping, IReadOnlyCollection<string> ids,
        Func<string, string> sql, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>(ids.Count);
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(LookupChunk))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            var names = new string[chunk.Length];
            for (var i = 0; i < chunk.Length; i++)
            {
                names[i] = "@p" + i.ToString(CultureInfo.InvariantCulture);
                AddParameter(command, names[i], chunk[i]);
            }

            AddParameter(command, "@mapping", mapping);
            command.CommandText = sql(string.Join(',', names));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(read(reader));
            }
        }

        return rows;
    }

    public IAsyncEnumerable<RecordLink> ReadLinksAsync(string mapping, CancellationToken cancellationToken)
        => ReadKeysetAsync(
            "SELECT sf_id, hs_id, synced_values FROM links WHERE mapping = @mapping AND sf_id > @after ORDER BY sf_id",
            new() { ["mapping"] = mapping, ["after"] = string.Empty },
            last => new() { ["after"] = last.SalesforceId },
            ReadLink,
            cancellationToken);

    public async Task<long> CountLinksAsync(string mapping, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ScalarLongAsync(connection, null, "SELECT COUNT(*) FROM links WHERE mapping = @mapping", new() { ["mapping"] = mapping }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AssociationLink>> GetAssociationLinksAsync(string mapping, IReadOnlyCollection<string> salesforceIds, CancellationToken cancellationToken)
    {
        if (salesforceIds.Count == 0)
        {
            return new List<AssociationLink>();
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await ReadByIdsAsync(connection, null, mapping, salesforceIds,
            inList => $"{AssociationColumns} WHERE mapping = @mapping AND sf_id IN ({inList})", ReadAssociationLink, cancellationToken).ConfigureAwait(false);
        return rows.OrderBy(r => r.SalesforceId, StringComparer.Ordinal).ThenBy(r => r.Field, StringComparer.Ordinal).ToList();
    }

    public IAsyncEnumerable<AssociationLink> ReadAssociationLinksAsync(string mapping, bool pendingOnly, CancellationToken cancellationToken)
        => ReadKeysetAsync(
            $"""
            {AssociationColumns} WHERE mapping = @mapping AND (sf_id > @after OR (sf_id = @after AND field > @afterField))
            {(pendingOnly ? "AND state <> @synced" : string.Empty)} ORDER BY sf_id, field
            """,
            pendingOnly
                ? new() { ["mapping"] = mapping, ["after"] = string.Empty, ["afterField"] = string.Empty, ["synced"] = nameof(AssociationLinkState.Synced) }
                : new() { ["mapping"] = mapping, ["after"] = string.Empty, ["afterField"] = string.Empty },
            last => new() { ["after"] = last.SalesforceId, ["afterField"] = last.Field },
            ReadAssociationLink,
            cancellationToken);

    public async Task<SyncWatermarks> GetWatermarksAsync(string mapping, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT side, value FROM watermarks WHERE mapping = @mapping";
        AddParameter(command, "@mapping", mapping);
        DateTimeOffset? sf = null, hs = null;
        string? sfLastId = null;
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // Stored as "<instant>", "<instant>|<last id>" or "<instant>|<last id or nothing>|<id>:<version>;<id>:<version>...".
            var parts = reader.GetString(1).Split('|', 3);
            var value = DateTimeOffset.Parse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            if (reader.GetString(0) == nameof(SyncSide.Salesforce))
            {
                sf = value;
                sfLastId = parts.Length >= 2 && parts[1].Length > 0 ? parts[1] : null;
                foreach (var entry in parts.Length == 3 ? parts[2].Split(';', StringSplitOptions.RemoveEmptyEntries) : [])
                {
                    seen[entry[..entry.LastIndexOf(':')]] = entry[(entry.LastIndexOf(':') + 1)..];
                }
            }
            else
            {
                hs = value;
            }
        }

        return new SyncWatermarks(sf, hs) { SalesforceLastId = sfLastId, SalesforceSeen = seen };
    }

    public async Task CommitAsync(StateChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(CommitIsolation, cancellationToken).ConfigureAwait(false);
        try
        {
            if (change.Lease is { } lease)
            {
                await CheckLeaseAsync(connection, tx, lease, cancellationToken).ConfigureAwait(false);
            }

            await WriteLinksAsync(connection, tx, change, cancellationToken).ConfigureAwait(false);
            foreach (var sfId in change.RemovedLinks)
            {
                await ExecuteAsync(connection, tx, "DELETE FROM links WHERE mapping = @mapping AND sf_id = @sf",
                    new() { ["mapping"] = change.Mapping, ["sf"] = sfId }, cancellationToken).ConfigureAwait(false);

                // A record that no longer syncs carries no lookups either, nor a story.
                await ExecuteAsync(connection, tx, "DELETE FROM association_links WHERE mapping = @mapping AND sf_id = @sf",
                    new() { ["mapping"] = change.Mapping, ["sf"] = sfId }, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, tx, "DELETE FROM field_history WHERE mapping = @mapping AND sf_id = @sf",
                    new() { ["mapping"] = change.Mapping, ["sf"] = sfId }, cancellationToken).ConfigureAwait(false);
            }

            await WriteAssociationLinksAsync(connection, tx, change, cancellationToken).ConfigureAwait(false);

            foreach (var error in change.Errors)
            {
                await ExecuteAsync(connection, tx, """
                    INSERT INTO record_errors (mapping, side, record_id, operation, error_code, message, first_seen, last_seen, attempts, run_id, resolved_at, category, hint)
                    VALUES (@mapping, @side, @id, @op, @code, @message, @now, @now, 1, @run, NULL, @category, @hint)
                    ON CONFLICT (mapping, side, record_id) DO UPDATE SET
                        operation = excluded.operation, error_code = excluded.error_code, message = excluded.message,
                        category = excluded.category, hint = excluded.hint,
                        last_seen = excluded.last_seen, run_id = excluded.run_id, resolved_at = NULL,
                        attempts = CASE WHEN record_errors.resolved_at IS NULL THEN record_errors.attempts + 1 ELSE 1 END,
                        first_seen = CASE WHEN record_errors.resolved_at IS NULL THEN record_errors.first_seen ELSE excluded.first_seen END
                    """,
                    new()
                    {
                        ["mapping"] = change.Mapping, ["side"] = error.Side.ToString(), ["id"] = error.RecordId, ["op"] = error.Operation,
                        ["code"] = error.ErrorCode, ["message"] = error.Message, ["now"] = Format(error.LastSeen == default ? DateTimeOffset.UtcNow : error.LastSeen),
                        ["run"] = error.RunId ?? change.RunId, ["category"] = error.Category.ToString(), ["hint"] = error.Hint,
                    }, cancellationToken).ConfigureAwait(false);
            }

            foreach (var (side, recordId) in change.ResolvedErrors)
            {
                await ExecuteAsync(connection, tx, "UPDATE record_errors SET resolved_at = @now WHERE mapping = @mapping AND side = @side AND record_id = @id AND resolved_at IS NULL",
                    new() { ["mapping"] = change.Mapping, ["side"] = side.ToString(), ["id"] = recordId, ["now"] = Now() }, cancellationToken).ConfigureAwait(false);
            }

            if (change.Conflicts.Count > 0)
            {
                foreach (var conflict in change.Conflicts)
                {
                    // The same conflict (record, field, both values, winner) is recorded once, however often it is committed:
                    // a run records its conflicts before writing them and again with the batch, and a run after a kill may decide it again.
                    await ExecuteAsync(connection, tx, """
                        INSERT INTO conflicts (mapping, run_id, sf_id, hs_id, field, sf_value, hs_value, winner, at)
                        SELECT @mapping, @run, @sf, @hs, @field, @sfv, @hsv, @winner, @at
                        WHERE NOT EXISTS (SELECT 1 FROM conflicts WHERE mapping = @mapping AND sf_id = @sf AND field = @field
                                          AND sf_value IS NOT DISTINCT FROM @sfv AND hs_value IS NOT DISTINCT FROM @hsv AND winner = @winner)
                        """,
                        new()
                        {
                            ["mapping"] = change.Mapping, ["run"] = conflict.RunId ?? change.RunId, ["sf"] = conflict.SalesforceId,
                            ["hs"] = conflict.HubSpotId, ["field"] = conflict.Field, ["sfv"] = conflict.SalesforceValue, ["hsv"] = conflict.HubSpotValue,
                            ["winner"] = conflict.Winner.ToString(), ["at"] = Format(conflict.At == default ? DateTimeOffset.UtcNow : conflict.At),
                        }, cancellationToken).ConfigureAwait(false);
                }
            }

            if (change.RunId is { } runId)
            {
                var d = change.CountsDelta ?? new SyncRunCounts();
                var updated = await ExecuteAsync(connection, tx, """
                    UPDATE runs SET created_hs = created_hs + @a, updated_hs = updated_hs + @b, deleted_hs = deleted_hs + @c,
                        created_sf = created_sf + @d, updated_sf = updated_sf + @e, deleted_sf = deleted_sf + @f, linked = linked + @g,
                        conflicts = conflicts + @h, failed = failed + @i, read_count = read_count + @j, sf_calls = sf_calls + @k,
                        hs_calls = hs_calls + @l, cursor_value = COALESCE(@cursor, cursor_value),
                        assoc_created = assoc_created + @ac, assoc_moved = assoc_moved + @am, assoc_removed = assoc_removed + @ar,
                        assoc_waiting = assoc_waiting + @aw, assoc_failed = assoc_failed + @af
                    WHERE id = @run
                    """,
                    new()
                    {
                        ["a"] = d.CreatedInHubSpot, ["b"] = d.UpdatedInHubSpot, ["c"] = d.DeletedInHubSpot, ["d"] = d.CreatedInSalesforce,
                        ["e"] = d.UpdatedInSalesforce, ["f"] = d.DeletedInSalesforce, ["g"] = d.Linked, ["h"] = d.Conflicts, ["i"] = d.Failed,
                        ["j"] = d.Read, ["k"] = d.SalesforceApiCalls, ["l"] = d.HubSpotApiCalls, ["cursor"] = change.Cursor, ["run"] = runId,
                        ["ac"] = d.AssociationsCreated, ["am"] = d.AssociationsMoved, ["ar"] = d.AssociationsRemoved, ["aw"] = d.AssociationsWaiting,
                        ["af"] = d.AssociationsFailed,
                    }, cancellationToken).ConfigureAwait(false);
                if (updated == 0)
                {
                    throw new SyncException("SyncRunNotFound", SyncErrorKind.ObjectNotFound, $"Run {runId} does not exist in the state at {Location}.", runId);
                }

            }

            if (change.Watermarks is { } marks)
            {
                var seen = string.Join(';', marks.SalesforceSeen.Select(kv => kv.Key + ":" + kv.Value));
                foreach (var (side, value, lastId) in new[] { (SyncSide.Salesforce, marks.Salesforce, seen.Length == 0 ? marks.SalesforceLastId : marks.SalesforceLastId + "|" + seen), (SyncSide.HubSpot, marks.HubSpot, null) })
                {
                    if (value is null)
                    {
                        continue;
                    }

                    await ExecuteAsync(connection, tx, """
                        INSERT INTO watermarks (mapping, side, value) VALUES (@mapping, @side, @value)
                        ON CONFLICT (mapping, side) DO UPDATE SET value = excluded.value
                        """,
                        new() { ["mapping"] = change.Mapping, ["side"] = side.ToString(), ["value"] = lastId is null ? Format(value.Value) : Format(value.Value) + "|" + lastId }, cancellationToken).ConfigureAwait(false);
                }
            }

            await CommitTransactionAsync(tx, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (IsUniqueViolation(ex))
        {
            await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            throw new SyncException("SyncStateLinkConflict", SyncErrorKind.InvalidData,
                $"Mapping '{change.Mapping}': a HubSpot record would be linked to two Salesforce records; nothing from this batch was committed.", change.Mapping, ex);
        }
    }

    private static async Task WriteLinksAsync(DbConnection connection, DbTransaction tx, StateChange change, CancellationToken cancellationToken)
    {
        if (change.Links.Count == 0)
        {
            return;
        }

        // Last-synced values merge: a field the batch did not touch keeps what the store holds.
        var existing = (await ReadLinksByAsync(connection, tx, change.Mapping, "sf_id", change.Links.Select(l => l.SalesforceId).ToArray(), cancellationToken).ConfigureAwait(false))
            .ToDictionary(l => l.SalesforceId, StringComparer.Ordinal);
        var origins = change.FieldOrigins.Count == 0 ? new() : await ReadOriginsAsync(connection, tx, change, cancellationToken).ConfigureAwait(false);

        // One statement prepared once and bound per link: a command built and parsed for every link was the largest
        // cost of an import (a commit carries a batch's links).
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = """
            INSERT INTO links (mapping, sf_id, hs_id, synced_values, updated_at, origins) VALUES (@mapping, @sf, @hs, @values, @now, @origins)
            ON CONFLICT (mapping, sf_id) DO UPDATE SET hs_id = excluded.hs_id, synced_values = excluded.synced_values, updated_at = excluded.updated_at,
                origins = COALESCE(excluded.origins, links.origins)
            """;
        AddParameter(command, "@mapping", change.Mapping);
        AddParameter(command, "@now", Now());
        var sf = AddParameter(command, "@sf", string.Empty);
        var hs = AddParameter(command, "@hs", string.Empty);
        var synced = AddParameter(command, "@values", string.Empty);
        var origin = AddParameter(command, "@origins", null);
        foreach (var link in change.Links)
        {
            var before = existing.GetValueOrDefault(link.SalesforceId);
            origin.Value = (object?)await MergeOriginsAsync(connection, tx, change, link,
                (origins.GetValueOrDefault(link.SalesforceId) ?? new(), before?.Values ?? new Dictionary<string, string?>()), cancellationToken).ConfigureAwait(false) ?? DBNull.Value;

            var values = new SortedDictionary<string, string?>(StringComparer.Ordinal);
            if (existing.TryGetValue(link.SalesforceId, out var old) && old.HubSpotId == link.HubSpotId)
            {
                foreach (var (k, v) in old.Values)
                {
                    values[k] = v;
                }
            }

            foreach (var (k, v) in link.Values)
            {
                values[k] = v;
            }

            sf.Value = link.SalesforceId;
            hs.Value = link.HubSpotId;
            synced.Value = JsonSerializer.Serialize(values, ValuesJson);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteAssociationLinksAsync(DbConnection connection, DbTransaction tx, StateChange change, CancellationToken cancellationToken)
    {
        foreach (var row in change.AssociationLinks)
        {
            await ExecuteAsync(connection, tx, """
                INSERT INTO association_links (mapping, sf_id, field, target_sf_id, hs_id, target_hs_id, state, reason, updated_at)
                VALUES (@mapping, @sf, @field, @target, @hs, @targetHs, @state, @reason, @at)
                ON CONFLICT (mapping, sf_id, field) DO UPDATE SET target_sf_id = excluded.target_sf_id, hs_id = excluded.hs_id,
                    target_hs_id = excluded.target_hs_id, state = excluded.state, reason = excluded.reason, updated_at = excluded.updated_at
                """,
                new()
                {
                    ["mapping"] = change.Mapping, ["sf"] = row.SalesforceId, ["field"] = row.Field, ["target"] = row.TargetSalesforceId,
                    ["hs"] = row.HubSpotId, ["targetHs"] = row.TargetHubSpotId, ["state"] = row.State.ToString(), ["reason"] = row.Reason,
                    ["at"] = Format(row.UpdatedAt == default ? DateTimeOffset.UtcNow : row.UpdatedAt),
                }, cancellationToken).ConfigureAwait(false);
        }

        foreach (var row in change.AssociationPlaceholders)
        {
            await ExecuteAsync(connection, tx, """
                INSERT INTO association_links (mapping, sf_id, field, target_sf_id, hs_id, target_hs_id, state, reason, updated_at)
                VALUES (@mapping, @sf, @field, NULL, @hs, NULL, @state, @reason, @at)
                ON CONFLICT (mapping, sf_id, field) DO NOTHING
                """,
                new()
                {
                    ["mapping"] = change.Mapping, ["sf"] = row.SalesforceId, ["field"] = row.Field, ["hs"] = row.HubSpotId,
                    ["state"] = row.State.ToString(), ["reason"] = row.Reason, ["at"] = Format(row.UpdatedAt == default ? DateTimeOffset.UtcNow : row.UpdatedAt),
                }, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<long> ForgetFieldAsync(string mapping, string field, CancellationToken cancellationToken)
    {
        long changed = 0;
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<RecordLink>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = tx;
            command.CommandText = "SELECT sf_id, hs_id, synced_values FROM links WHERE mapping = @mapping";
            AddParameter(command, "@mapping", mapping);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var link = ReadLink(reader);
                if (link.Values.ContainsKey(field))
                {
                    rows.Add(link);
                }
            }
        }

        foreach (var link in rows)
        {
            var values = new SortedDictionary<string, string?>(link.Values.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal);
            values.Remove(field);
            changed += await ExecuteAsync(connection, tx, "UPDATE links SET synced_values = @values WHERE mapping = @mapping AND sf_id = @sf",
                new() { ["values"] = JsonSerializer.Serialize(values, ValuesJson), ["mapping"] = mapping, ["sf"] = link.SalesforceId }, cancellationToken).ConfigureAwait(false);
        }

        await CommitTransactionAsync(tx, cancellationToken).ConfigureAwait(false);
        return changed;
    }

    public async Task<SyncRunRecord> StartRunAsync(string mapping, SyncRunKind kind, long? total, string? runner, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var started = DateTimeOffset.UtcNow;
        var id = await ScalarLongAsync(connection, null, """
            INSERT INTO runs (mapping, kind, state, started_at, total, runner) VALUES (@mapping, @kind, @state, @at, @total, @runner) RETURNING id
            """,
            new() { ["mapping"] = mapping, ["kind"] = kind.ToString(), ["state"] = SyncRunState.Running.ToString(), ["at"] = Format(started), ["total"] = total, ["runner"] = runner },
            cancellationToken).ConfigureAwait(false);
        return new SyncRunRecord { Id = id, Mapping = mapping, Kind = kind, State = SyncRunState.Running, StartedAt = started, Total = total, Runner = runner };
    }

    public async Task<SyncRunRecord> FinishRunAsync(long runId, SyncRunState state, string? error, CancellationToken cancellationToken)
    {
        await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            // A run whose lease was taken over reads Interrupted for good (its runner, if alive, ends with a lost lease);
            // only an import continuing it reopens it.
            var updated = await ExecuteAsync(connection, null, """
                UPDATE runs SET state = @state, finished_at = @at, error = @error WHERE id = @id AND (state <> @interrupted OR @state = @running)
                """,
                new()
                {
                    ["state"] = state.ToString(), ["at"] = Now(), ["error"] = error, ["id"] = runId,
                    ["interrupted"] = nameof(SyncRunState.Interrupted), ["running"] = nameof(SyncRunState.Running),
                }, cancellationToken).ConfigureAwait(false);
            if (updated == 0 && await ScalarLongAsync(connection, null, "SELECT COUNT(*) FROM runs WHERE id = @id", new() { ["id"] = runId }, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new SyncException("SyncRunNotFound", SyncErrorKind.ObjectNotFound, $"Run {runId} does not exist in the state at {Location}.", runId);
            }
        }

        return (await GetRunAsync(runId, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task SetRunApiVersionsAsync(long runId, string apiVersions, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "UPDATE runs SET api_versions = @versions WHERE id = @id",
            new() { ["versions"] = apiVersions, ["id"] = runId }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SyncRunRecord?> GetRunAsync(long runId, CancellationToken cancellationToken)
        => (await GetRunsWhereAsync("WHERE id = @id", new() { ["id"] = runId }, 1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public Task<IReadOnlyList<SyncRunRecord>> GetRunsAsync(string? mapping, SyncRunKind? kind, int last, CancellationToken cancellationToken)
    {
        var where = new List<string>();
        var args = new Dictionary<string, object?>();
        if (mapping is not null)
        {
            where.Add("mapping = @mapping");
            args["mapping"] = mapping;
        }

        if (kind is not null)
        {
            where.Add("kind = @kind");
            args["kind"] = kind.Value.ToString();
        }

        return GetRunsWhereAsync(where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where), args, last, cancellationToken);
    }

    private async Task<IReadOnlyList<SyncRunRecord>> GetRunsWhereAsync(string where, Dictionary<string, object?> args, int last, CancellationToken cancellationToken)
        => await WithRetriesAsync(await QueryRunsAsync(where, args, last, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async Task<IReadOnlyList<SyncRunRecord>> QueryRunsAsync(string where, Dictionary<string, object?> args, int last, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT id, mapping, kind, state, started_at, finished_at, total, created_hs, updated_hs, deleted_hs, created_sf, updated_sf,
                   deleted_sf, linked, conflicts, failed, read_count, sf_calls, hs_calls, cursor_value, error, runner,
                   assoc_created, assoc_moved, assoc_removed, assoc_waiting, assoc_failed, {RunApiUseSql.Allowances}, api_versions
            FROM runs {where} ORDER BY id DESC LIMIT {Math.Max(1, last).ToString(CultureInfo.InvariantCulture)}
            """;
        foreach (var (k, v) in args)
        {
            AddParameter(command, "@" + k, v);
        }

        var runs = new List<SyncRunRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new SyncRunRecord
            {
                Id = reader.GetInt64(0),
                Mapping = reader.GetString(1),
                Kind = Enum.Parse<SyncRunKind>(reader.GetString(2)),
                State = Enum.Parse<SyncRunState>(reader.GetString(3)),
                StartedAt = ParseTime(reader.GetString(4)),
                FinishedAt = reader.IsDBNull(5) ? null : ParseTime(reader.GetString(5)),
                Total = reader.IsDBNull(6) ? null : reader.GetInt64(6),
                Counts = new SyncRunCounts
                {
                    CreatedInHubSpot = reader.GetInt64(7),
                    UpdatedInHubSpot = reader.GetInt64(8),
                    DeletedInHubSpot = reader.GetInt64(9),
                    CreatedInSalesforce = reader.GetInt64(10),
                    UpdatedInSalesforce = reader.GetInt64(11),
                    DeletedInSalesforce = reader.GetInt64(12),
                    Linked = reader.GetInt64(13),
                    Conflicts = reader.GetInt64(14),
                    Failed = reader.GetInt64(15),
                    Read = reader.GetInt64(16),
                    SalesforceApiCalls = reader.GetInt64(17),
                    HubSpotApiCalls = reader.GetInt64(18),
                    AssociationsCreated = reader.GetInt64(22),
                    AssociationsMoved = reader.GetInt64(23),
                    AssociationsRemoved = reader.GetInt64(24),
                    AssociationsWaiting = reader.GetInt64(25),
                    AssociationsFailed = reader.GetInt64(26),
                },
                Cursor = reader.IsDBNull(19) ? null : reader.GetString(19),
                Error = reader.IsDBNull(20) ? null : reader.GetString(20),
                Runner = reader.IsDBNull(21) ? null : reader.GetString(21),
                Allowances = new RunAllowances(reader.IsDBNull(27) ? null : reader.GetInt64(27), reader.IsDBNull(28) ? null : reader.GetInt64(28)),
                ApiVersions = reader.IsDBNull(29) ? null : reader.GetString(29),
            });
        }

        return runs;
    }

    public async Task<IReadOnlyList<RecordError>> GetErrorsAsync(string? mapping, bool includeResolved, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var where = new List<string>();
        if (mapping is not null)
        {
            where.Add("mapping = @mapping");
            AddParameter(command, "@mapping", mapping);
        }

        if (!includeResolved)
        {
            where.Add("resolved_at IS NULL");
        }

        command.CommandText = $"""
            SELECT mapping, side, record_id, operation, error_code, message, first_seen, last_seen, attempts, run_id, resolved_at, category, hint
            FROM record_errors {(where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where))}
            ORDER BY mapping, last_seen, record_id
            """;
        var errors = new List<RecordError>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            errors.Add(new RecordError
            {
                Mapping = reader.GetString(0),
                Side = Enum.Parse<SyncSide>(reader.GetString(1)),
                RecordId = reader.GetString(2),
                Operation = reader.GetString(3),
                ErrorCode = reader.GetString(4),
                Message = reader.GetString(5),
                FirstSeen = ParseTime(reader.GetString(6)),
                LastSeen = ParseTime(reader.GetString(7)),
                Attempts = (int)reader.GetInt64(8),
                RunId = reader.IsDBNull(9) ? null : reader.GetInt64(9),
                ResolvedAt = reader.IsDBNull(10) ? null : ParseTime(reader.GetString(10)),
                Category = reader.IsDBNull(11) ? ErrorCategories.Of(reader.GetString(4)) : Enum.Parse<SyncErrorCategory>(reader.GetString(11)),
                Hint = reader.IsDBNull(12) ? null! : reader.GetString(12),
            });
        }

        return errors;
    }

    public async Task<IReadOnlyList<ConflictRecord>> GetConflictsAsync(string? mapping, int last, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var where = string.Empty;
        if (mapping is not null)
        {
            where = "WHERE mapping = @mapping";
            AddParameter(command, "@mapping", mapping);
        }

        command.CommandText = $"""
            SELECT id, mapping, run_id, sf_id, hs_id, field, sf_value, hs_value, winner, at FROM conflicts {where}
            ORDER BY id DESC LIMIT {Math.Max(1, last).ToString(CultureInfo.InvariantCulture)}
            """;
        var conflicts = new List<ConflictRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            conflicts.Add(new ConflictRecord
            {
                Id = reader.GetInt64(0),
                Mapping = reader.GetString(1),
                RunId = reader.IsDBNull(2) ? null : reader.GetInt64(2),
                SalesforceId = reader.GetString(3),
                HubSpotId = reader.IsDBNull(4) ? null : reader.GetString(4),
                Field = reader.GetString(5),
                SalesforceValue = reader.IsDBNull(6) ? null : reader.GetString(6),
                HubSpotValue = reader.IsDBNull(7) ? null : reader.GetString(7),
                Winner = Enum.Parse<SyncSide>(reader.GetString(8)),
                At = ParseTime(reader.GetString(9)),
            });
        }

        return conflicts;
    }

    public async Task<IReadOnlyList<string>> GetMappingsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT mapping FROM links UNION SELECT mapping FROM watermarks UNION SELECT mapping FROM runs
            UNION SELECT mapping FROM record_errors UNION SELECT mapping FROM conflicts UNION SELECT mapping FROM mapping_settings
            UNION SELECT mapping FROM mapping_definitions ORDER BY 1
            """;
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public async Task<StateCounts> CountAsync(string mapping, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var args = new Dictionary<string, object?> { ["mapping"] = mapping };
        async Task<long> Count(string table) => await ScalarLongAsync(connection, null, $"SELECT COUNT(*) FROM {table} WHERE mapping = @mapping", args, cancellationToken).ConfigureAwait(false);
        return new StateCounts(await Count("links").ConfigureAwait(false), await Count("runs").ConfigureAwait(false),
            await Count("record_errors").ConfigureAwait(false), await Count("conflicts").ConfigureAwait(false), await Count("watermarks").ConfigureAwait(false) > 0)
        {
            AssociationLinks = await Count("association_links").ConfigureAwait(false),
            HasSettings = await Count("mapping_settings").ConfigureAwait(false) > 0,
            LinksWithOrigins = await ScalarLongAsync(connection, null, "SELECT COUNT(*) FROM links WHERE mapping = @mapping AND origins IS NOT NULL", args, cancellationToken).ConfigureAwait(false),
            FieldHistory = await Count("field_history").ConfigureAwait(false),
            RunsWithApiUse = await Count("run_api_use").ConfigureAwait(false),
            HasDefinition = await Count("mapping_definitions").ConfigureAwait(false) > 0,
            RunRetries = await Count("run_retries").ConfigureAwait(false),
        };
    }

    public async Task ClearMappingAsync(string mapping, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var table in new[] { "links", "watermarks", "runs", "record_errors", "conflicts", "association_links", "mapping_settings", "run_api_use", "field_history", "mapping_definitions", "run_retries" })
        {
            await ExecuteAsync(connection, tx, $"DELETE FROM {table} WHERE mapping = @mapping", new() { ["mapping"] = mapping }, cancellationToken).ConfigureAwait(false);
        }

        await CommitTransactionAsync(tx, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<long, long>> AppendHistoryAsync(string mapping, StateHistory history, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        var (runs, errors, conflicts) = history;
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var newIds = new Dictionary<long, long>();
        foreach (var run in runs.OrderBy(r => r.Id))
        {
            var c = run.Counts;
            newIds[run.Id] = await ScalarLongAsync(connection, tx, """
                INSERT INTO runs (mapping, kind, state, started_at, finished_at, total, created_hs, updated_hs, deleted_hs, created_sf, updated_sf,
                                  deleted_sf, linked, conflicts, failed, read_count, sf_calls, hs_calls, cursor_value, error, runner,
                                  assoc_created, assoc_moved, assoc_removed, assoc_waiting, assoc_failed, sf_allowance, hs_daily_limit, api_versions)
                VALUES (@mapping, @kind, @state, @started, @finished, @total, @a, @b, @c, @d, @e, @f, @g, @h, @i, @j, @k, @l, @cursor, @error, @runner,
                        @ac, @am, @ar, @aw, @af, @sfAllowance, @hsDaily, @versions)
                RETURNING id
                """,
                new()
                {
                    ["mapping"] = mapping, ["kind"] = run.Kind.ToString(), ["state"] = run.State.ToString(), ["started"] = Format(run.StartedAt),
                    ["finished"] = run.FinishedAt is { } f ? Format(f) : null, ["total"] = run.Total, ["a"] = c.CreatedInHubSpot, ["b"] = c.UpdatedInHubSpot,
                    ["c"] = c.DeletedInHubSpot, ["d"] = c.CreatedInSalesforce, ["e"] = c.UpdatedInSalesforce, ["f"] = c.DeletedInSalesforce, ["g"] = c.Linked,
                    ["h"] = c.Conflicts, ["i"] = c.Failed, ["j"] = c.Read, ["k"] = c.SalesforceApiCalls, ["l"] = c.HubSpotApiCalls, ["cursor"] = run.Cursor,
                    ["error"] = run.Error, ["runner"] = run.Runner, ["ac"] = c.AssociationsCreated, ["am"] = c.AssociationsMoved,
                    ["ar"] = c.AssociationsRemoved, ["aw"] = c.AssociationsWaiting, ["af"] = c.AssociationsFailed,
                    ["sfAllowance"] = run.Allowances.Salesforce, ["hsDaily"] = run.Allowances.HubSpot, ["versions"] = run.ApiVersions,
                }, cancellationToken).ConfigureAwait(false);
        }

        foreach (var run in runs)
        {
            await CopyRunExtrasAsync(connection, tx, mapping, run, newIds[run.Id], cancellationToken).ConfigureAwait(false);
        }

        long? Remap(long? id) => id is { } old && newIds.TryGetValue(old, out var now) ? now : null;
        foreach (var e in errors)
        {
            await ExecuteAsync(connection, tx, """
                INSERT INTO record_errors (mapping, side, record_id, operation, error_code, message, first_seen, last_seen, attempts, run_id, resolved_at, category, hint)
                VALUES (@mapping, @side, @id, @op, @code, @message, @first, @last, @attempts, @run, @resolved, @category, @hint)
                """,
                new()
                {
                    ["mapping"] = mapping, ["side"] = e.Side.ToString(), ["id"] = e.RecordId, ["op"] = e.Operation, ["code"] = e.ErrorCode, ["message"] = e.Message,
                    ["first"] = Format(e.FirstSeen), ["last"] = Format(e.LastSeen), ["attempts"] = (long)e.Attempts, ["run"] = Remap(e.RunId),
                    ["resolved"] = e.ResolvedAt is { } r ? Format(r) : null, ["category"] = e.Category.ToString(), ["hint"] = e.Hint,
                }, cancellationToken).ConfigureAwait(false);
        }

        foreach (var conflict in conflicts.OrderBy(x => x.Id))
        {
            await ExecuteAsync(connection, tx, """
                INSERT INTO conflicts (mapping, run_id, sf_id, hs_id, field, sf_value, hs_value, winner, at)
                VALUES (@mapping, @run, @sf, @hs, @field, @sfv, @hsv, @winner, @at)
                """,
                new()
                {
                    ["mapping"] = mapping, ["run"] = Remap(conflict.RunId), ["sf"] = conflict.SalesforceId, ["hs"] = conflict.HubSpotId, ["field"] = conflict.Field,
                    ["sfv"] = conflict.SalesforceValue, ["hsv"] = conflict.HubSpotValue, ["winner"] = conflict.Winner.ToString(), ["at"] = Format(conflict.At),
                }, cancellationToken).ConfigureAwait(false);
        }

        await CommitTransactionAsync(tx, cancellationToken).ConfigureAwait(false);
        return newIds;
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private static RecordLink ReadLink(DbDataReader reader)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(reader.GetString(2), ValuesJson) ?? new Dictionary<string, string?>();
        return new RecordLink(reader.GetString(0), reader.GetString(1), values);
    }

    private static AssociationLink ReadAssociationLink(DbDataReader reader)
        => new(reader.GetString(0), reader.GetString(1), Enum.Parse<AssociationLinkState>(reader.GetString(5)))
        {
            TargetSalesforceId = reader.IsDBNull(2) ? null : reader.GetString(2),
            HubSpotId = reader.IsDBNull(3) ? null : reader.GetString(3),
            TargetHubSpotId = reader.IsDBNull(4) ? null : reader.GetString(4),
            Reason = reader.IsDBNull(6) ? null : reader.GetString(6),
            UpdatedAt = ParseTime(reader.GetString(7)),
        };

    protected static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, Dictionary<string, object?>? args, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        if (args is not null)
        {
            foreach (var (k, v) in args)
            {
                AddParameter(command, "@" + k, v);
            }
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected static async Task<long> ScalarLongAsync(DbConnection connection, DbTransaction? tx, string sql, Dictionary<string, object?>? args, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        if (args is not null)
        {
            foreach (var (k, v) in args)
            {
                AddParameter(command, "@" + k, v);
            }
        }

        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    private static DbParameter AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static string Now() => Format(DateTimeOffset.UtcNow);

    private static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
