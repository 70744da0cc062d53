using System.Runtime.CompilerServices;

namespace SfHsSync.Engine.State;

/// <summary>Field stories read and written whole, for Copy-SyncState: every link's current origins and the field_history rows.</summary>
public abstract partial class SqlStateStore
{
    public IAsyncEnumerable<LinkOrigins> ReadLinkOriginsAsync(string mapping, CancellationToken cancellationToken)
        => ReadKeysetAsync(
            "SELECT sf_id, origins FROM links WHERE mapping = @mapping AND sf_id > @after AND origins IS NOT NULL ORDER BY sf_id",
            new() { ["mapping"] = mapping, ["after"] = string.Empty },
            last => new() { ["after"] = last.SalesforceId },
            reader => new LinkOrigins(reader.GetString(0), FieldOriginCodec.Decode(reader.GetString(1)).Values.ToList()),
            cancellationToken);

    public async IAsyncEnumerable<FieldHistoryEntry> ReadFieldHistoryAsync(string mapping, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = ReadKeysetAsync(
            "SELECT id, sf_id, field, value, side, run_id, rule, at FROM field_history WHERE mapping = @mapping AND id > @after ORDER BY id",
            new() { ["mapping"] = mapping, ["after"] = 0L },
            last => new() { ["after"] = last.Id },
            reader => (Id: reader.GetInt64(0), Entry: new FieldHistoryEntry(reader.GetString(1), new FieldOrigin(reader.GetString(2), Enum.Parse<SyncSide>(reader.GetString(4)), Enum.Parse<FieldRule>(reader.GetString(6)))
            {
                Value = reader.IsDBNull(3) ? null : reader.GetString(3),
                RunId = reader.IsDBNull(5) ? null : reader.GetInt64(5),
                At = ParseTime(reader.GetString(7)),
            })),
            cancellationToken);
        await foreach (var (_, entry) in rows.ConfigureAwait(false))
        {
            yield return entry;
        }
    }

    public async Task AppendFieldStoriesAsync(string mapping, IReadOnlyList<LinkOrigins> origins, IReadOnlyList<FieldHistoryEntry> history, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origins);
        ArgumentNullException.ThrowIfNull(history);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var link in origins)
        {
            var updated = await ExecuteAsync(connection, tx, "UPDATE links SET origins = @origins WHERE mapping = @mapping AND sf_id = @sf",
                new()
                {
                    ["origins"] = FieldOriginCodec.Encode(link.Origins.ToDictionary(o => o.Field, StringComparer.Ordinal)),
                    ["mapping"] = mapping, ["sf"] = link.SalesforceId,
                }, cancellationToken).ConfigureAwait(false);
            if (updated == 0)
            {
                throw new Errors.SyncException("SyncStateLinkNotFound", Errors.SyncErrorKind.ObjectNotFound,
                    $"Mapping '{mapping}': the state at {Location} has no link of {link.SalesforceId} to keep its field origins with.", link.SalesforceId);
            }
        }

        foreach (var (sfId, origin) in history)
        {
            await ExecuteAsync(connection, tx, """
                INSERT INTO field_history (mapping, sf_id, field, value, side, run_id, rule, at) VALUES (@mapping, @sf, @field, @value, @side, @run, @rule, @at)
                """,
                new()
                {
                    ["mapping"] = mapping, ["sf"] = sfId, ["field"] = origin.Field, ["value"] = origin.Value, ["side"] = origin.Side.ToString(),
                    ["run"] = origin.RunId, ["rule"] = origin.Rule.ToString(), ["at"] = Format(origin.At),
                }, cancellationToken).ConfigureAwait(false);
        }

        await CommitTransactionAsync(tx, cancellationToken).ConfigureAwait(false);
    }
}
