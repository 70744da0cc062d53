using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Sync.Values;

namespace SfHsSync.Engine.Import;

/// <summary>
/// The HubSpot records an import may link by -MatchOn: those that carry no Salesforce Id and no link yet, keyed by
/// the canonical value of the match field (trimmed, case ignored). Built once per import from one list read of the
/// object (a call per 100 HubSpot records). A record is claimed by the first Salesforce record that matches it.
/// </summary>
internal sealed class HubSpotMatchIndex
{
    private readonly FieldConverter _field;
    private readonly Dictionary<string, List<HubSpotRecord>> _byKey = new(StringComparer.OrdinalIgnoreCase);

    private HubSpotMatchIndex(FieldConverter field)
    {
        _field = field;
    }

    /// <summary>HubSpot records that could still be matched.</summary>
    public int Count => _byKey.Values.Sum(l => l.Count);

    public string PropertyName => _field.HubSpot.Name;

    public static async Task<HubSpotMatchIndex> BuildAsync(MappingRuntime runtime, FieldConverter field, HubSpotClient hubSpot, IStateStore state, CancellationToken cancellationToken)
    {
        var index = new HubSpotMatchIndex(field);
        var idProperty = runtime.Mapping.SalesforceIdProperty!;
        var candidates = new List<HubSpotRecord>();
        await foreach (var record in hubSpot.ListAsync(runtime.HubSpotObjectType, runtime.HubSpotProperties, archived: false, cancellationToken).ConfigureAwait(false))
        {
            // A record with a Salesforce Id belongs to that Salesforce record; the upsert on the Id finds it.
            if (string.IsNullOrEmpty(record[idProperty]) && Key(field.FromHubSpot(record[field.HubSpot.Name])) is not null)
            {
                candidates.Add(record);
            }
        }

        foreach (var chunk in candidates.Chunk(500))
        {
            var linked = await state.GetLinksByHubSpotIdAsync(runtime.Mapping.Name, chunk.Select(r => r.Id).ToArray(), cancellationToken).ConfigureAwait(false);
            foreach (var record in chunk.Where(r => !linked.ContainsKey(r.Id)))
            {
                var key = Key(field.FromHubSpot(record[field.HubSpot.Name]))!;
                if (!index._byKey.TryGetValue(key, out var list))
                {
                    index._byKey[key] = list = new List<HubSpotRecord>();
                }

                list.Add(record);
            }
        }

        return index;
    }

    /// <summary>
    /// The HubSpot record this Salesforce record matches, claimed so no other record links to it; or every candidate
    /// when several HubSpot records share the value (nothing is claimed then); or nothing.
    /// </summary>
    public (HubSpotRecord? Match, IReadOnlyList<HubSpotRecord> Ambiguous) Claim(SalesforceRecord record)
    {
        var key = Key(_field.FromSalesforce(record[_field.Salesforce.Name]));
        if (key is null || !_byKey.TryGetValue(key, out var list))
        {
            return (null, Array.Empty<HubSpotRecord>());
        }

        if (list.Count > 1)
        {
            return (null, list);
        }

        _byKey.Remove(key);
        return (list[0], Array.Empty<HubSpotRecord>());
    }

    private static string? Key(string? canonical) => string.IsNullOrWhiteSpace(canonical) ? null : canonical.Trim();
}
