using System.Data.Common;

namespace SfHsSync.Engine.State;

/// <summary>Each synced field's story: the current origin with the link, earlier decisions in field_history, bounded per field.</summary>
public abstract partial class SqlStateStore
{
    public async Task<IReadOnlyList<FieldOrigin>> GetFieldOriginsAsync(string mapping, string salesforceId, bool includeHistory, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var story = new List<FieldOrigin>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT synced_values, origins FROM links WHERE mapping = @mapping AND sf_id = @sf";
            AddParameter(command, "@mapping", mapping);
            AddParameter(command, "@sf", salesforceId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return story;
            }

            var values = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string?>>(reader.GetString(0), ValuesJson) ?? new();
            foreach (var origin in FieldOriginCodec.Decode(reader.IsDBNull(1) ? null : reader.GetString(1)).Values)
            {
                story.Add(origin with { Value = values.GetValueOrDefault(origin.Field) });
            }
        }

        if (includeHistory)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT field, value, side, run_id, rule, at FROM field_history WHERE mapping = @mapping AND sf_id = @sf ORDER BY id DESC";
            AddParameter(command, "@mapping", mapping);
            AddParameter(command, "@sf", salesforceId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                story.Add(new FieldOrigin(reader.GetString(0), Enum.Parse<SyncSide>(reader.GetString(2)), Enum.Parse<FieldRule>(reader.GetString(4)))
                {
                    Value = reader.IsDBNull(1) ? null : reader.GetString(1),
                    RunId = reader.IsDBNull(3) ? null : reader.GetInt64(3),
                    At = ParseTime(reader.GetString(5)),
                });
            }
        }

        return story.OrderByDescending(o => o.RunId ?? 0).ThenByDescending(o => o.At).ToList();
    }

    /// <summary>The current origins of the links a batch writes, by Salesforce Id (only those the batch brings origins for).</summary>
    private static async Task<Dictionary<string, Dictionary<string, FieldOrigin>>> ReadOriginsAsync(DbConnection connection, DbTransaction tx, StateChange change, CancellationToken cancellationToken)
    {
        var rows = await ReadByIdsAsync(connection, tx, change.Mapping, change.FieldOrigins.Keys.ToArray(),
            inList => $"SELECT sf_id, origins FROM links WHERE mapping = @mapping AND sf_id IN ({inList})",
            r => (Id: r.GetString(0), Origins: FieldOriginCodec.Decode(r.IsDBNull(1) ? null : r.GetString(1))), cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Id, r => r.Origins, StringComparer.Ordinal);
    }

    /// <summary>
    /// The link's origins after the batch: each field the batch wrote takes its new origin, and the one it replaces goes
    /// to field_history with the value it had, which keeps at most <see cref="StateChange.HistoryDepth"/> - 1 per field.
    /// </summary>
    private static async Task<string?> MergeOriginsAsync(DbConnection connection, DbTransaction tx, StateChange change, RecordLink link,
        (Dictionary<string, FieldOrigin> Origins, IReadOnlyDictionary<string, string?> Values) old, CancellationToken cancellationToken)
    {
        if (!change.FieldOrigins.TryGetValue(link.SalesforceId, out var fresh) || fresh.Count == 0)
        {
            return null;
        }

        var merged = new Dictionary<string, FieldOrigin>(old.Origins, StringComparer.Ordinal);
        foreach (var origin in fresh)
        {
            if (merged.TryGetValue(origin.Field, out var previous) && change.HistoryDepth > 1)
            {
                var args = new Dictionary<string, object?>
                {
                    ["mapping"] = change.Mapping, ["sf"] = link.SalesforceId, ["field"] = origin.Field, ["value"] = old.Values.GetValueOrDefault(origin.Field),
                    ["side"] = previous.Side.ToString(), ["run"] = previous.RunId, ["rule"] = previous.Rule.ToString(), ["at"] = Format(previous.At),
                    ["keep"] = (long)(change.HistoryDepth - 1),
                };
                await ExecuteAsync(connection, tx, """
                    INSERT INTO field_history (mapping, sf_id, field, value, side, run_id, rule, at) VALUES (@mapping, @sf, @field, @value, @side, @run, @rule, @at)
                    """, args, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, tx, """
                    DELETE FROM field_history WHERE mapping = @mapping AND sf_id = @sf AND field = @field AND id NOT IN
                        (SELECT id FROM field_history WHERE mapping = @mapping AND sf_id = @sf AND field = @field ORDER BY id DESC LIMIT @keep)
                    """, args, cancellationToken).ConfigureAwait(false);
            }

            merged[origin.Field] = origin with { RunId = origin.RunId ?? change.RunId, At = origin.At == default ? DateTimeOffset.UtcNow : origin.At };
        }

        return FieldOriginCodec.Encode(merged);
    }
}
