namespace SfHsSync.Engine.State;

/// <summary>The mapping_definitions table: each mapping's definition as its last run ran it, one row per mapping.</summary>
public abstract partial class SqlStateStore
{
    public async Task StoreMappingDefinitionAsync(MappingDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, """
            INSERT INTO mapping_definitions (mapping, definition, source_path, definition_hash, stored_at, run_id)
            VALUES (@mapping, @yaml, @source, @hash, @at, @run)
            ON CONFLICT (mapping) DO UPDATE SET definition = excluded.definition, source_path = excluded.source_path,
                definition_hash = excluded.definition_hash, stored_at = excluded.stored_at, run_id = excluded.run_id
            """,
            new()
            {
                ["mapping"] = definition.Mapping, ["yaml"] = definition.Yaml, ["source"] = definition.SourcePath, ["hash"] = definition.Hash,
                ["at"] = Format(definition.StoredAt == default ? DateTimeOffset.UtcNow : definition.StoredAt), ["run"] = definition.RunId,
            }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<MappingDefinition?> GetMappingDefinitionAsync(string mapping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT definition, source_path, definition_hash, stored_at, run_id FROM mapping_definitions WHERE mapping = @mapping";
        AddParameter(command, "@mapping", mapping);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new MappingDefinition(mapping, reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2))
        {
            StoredAt = ParseTime(reader.GetString(3)),
            RunId = reader.IsDBNull(4) ? null : reader.GetInt64(4),
        };
    }
}
