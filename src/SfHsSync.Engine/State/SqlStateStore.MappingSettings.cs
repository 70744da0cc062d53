using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.State;

/// <summary>The mapping_settings table: a recorded status and the field pairs of the last pass, one row per mapping.</summary>
public abstract partial class SqlStateStore
{
    private static readonly JsonSerializerOptions PairsJson = new() { Converters = { new JsonStringEnumConverter() } };

    public async Task<MappingSettings> GetMappingSettingsAsync(string mapping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT status, status_changed_at, field_pairs FROM mapping_settings WHERE mapping = @mapping";
        AddParameter(command, "@mapping", mapping);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return new MappingSettings(mapping);
        }

        return new MappingSettings(mapping)
        {
            Status = reader.IsDBNull(0) ? null : ParseStatus(mapping, reader.GetString(0)),
            StatusChangedAt = reader.IsDBNull(1) ? null : ParseTime(reader.GetString(1)),
            FieldPairs = reader.IsDBNull(2) ? null : ParsePairs(mapping, reader.GetString(2)),
        };
    }

    public async Task<MappingSettings> SetMappingStatusAsync(string mapping, MappingStatus? status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        if (status is { } s)
        {
            MappingEnums.Defined(s, "mapping status");
        }

        await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await ExecuteAsync(connection, null, """
                INSERT INTO mapping_settings (mapping, status, status_changed_at) VALUES (@mapping, @status, @at)
                ON CONFLICT (mapping) DO UPDATE SET status = excluded.status, status_changed_at = excluded.status_changed_at
                """,
                new() { ["mapping"] = mapping, ["status"] = status?.ToString(), ["at"] = Format(at) }, cancellationToken).ConfigureAwait(false);
        }

        return await GetMappingSettingsAsync(mapping, cancellationToken).ConfigureAwait(false);
    }

    public async Task SetFieldPairsAsync(string mapping, IReadOnlyList<FieldPair> pairs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(pairs);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, """
            INSERT INTO mapping_settings (mapping, field_pairs) VALUES (@mapping, @pairs)
            ON CONFLICT (mapping) DO UPDATE SET field_pairs = excluded.field_pairs
            """,
            new() { ["mapping"] = mapping, ["pairs"] = JsonSerializer.Serialize(pairs, PairsJson) }, cancellationToken).ConfigureAwait(false);
    }

    private MappingStatus ParseStatus(string mapping, string text)
        => Enum.TryParse<MappingStatus>(text, ignoreCase: false, out var status) && Enum.IsDefined(status)
            ? status
            : throw Corrupt(mapping, $"the status '{text}'");

    private IReadOnlyList<FieldPair> ParsePairs(string mapping, string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<FieldPair>>(json, PairsJson) ?? throw Corrupt(mapping, "empty field pairs");
        }
        catch (JsonException ex)
        {
            throw Corrupt(mapping, "field pairs that are not valid JSON", ex);
        }
    }

    private SyncException Corrupt(string mapping, string what, Exception? inner = null)
        => new("SyncStateSettingsInvalid", SyncErrorKind.InvalidData,
            $"The state at {Location} holds {what} for mapping '{mapping}', which this module cannot read.", mapping, inner)
        {
            RecommendedAction = "Record the status again with Enable-SyncMapping or Disable-SyncMapping -State; the field pairs are rewritten by the next pass.",
        };
}
