namespace SfHsSync.Engine.State;

/// <summary>
/// One linked pair as Get-SyncRecord shows it: the link, and per synced field its value, the side that last changed
/// it, when, in which run and by which rule; with history, every decision kept for each field, newest first.
/// </summary>
public sealed record SyncRecordState
{
    public required string Mapping { get; init; }

    public required string SalesforceId { get; init; }

    public required string HubSpotId { get; init; }

    /// <summary>Each field's current origin (the last decision), by field name.</summary>
    public IReadOnlyList<FieldOrigin> Fields { get; init; } = Array.Empty<FieldOrigin>();

    /// <summary>With -History: every decision kept, newest first (each field's current one included).</summary>
    public IReadOnlyList<FieldOrigin> History { get; init; } = Array.Empty<FieldOrigin>();

    /// <summary>
    /// The linked records named by either side's id, in every mapping given (or every mapping the state holds); a record
    /// that is not linked in any of them is left out.
    /// </summary>
    public static async Task<IReadOnlyList<SyncRecordState>> ReadAsync(IStateStore store, IReadOnlyCollection<string> mappings, SyncSide side, IReadOnlyCollection<string> ids,
        bool history, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(mappings);
        var names = mappings.Count > 0 ? mappings : await store.GetMappingsAsync(cancellationToken).ConfigureAwait(false);
        var found = new List<SyncRecordState>();
        foreach (var mapping in names)
        {
            var links = side == SyncSide.Salesforce
                ? await store.GetLinksBySalesforceIdAsync(mapping, ids, cancellationToken).ConfigureAwait(false)
                : await store.GetLinksByHubSpotIdAsync(mapping, ids, cancellationToken).ConfigureAwait(false);
            foreach (var id in ids.Where(links.ContainsKey))
            {
                var link = links[id];
                var story = await store.GetFieldOriginsAsync(mapping, link.SalesforceId, history, cancellationToken).ConfigureAwait(false);
                found.Add(new SyncRecordState
                {
                    Mapping = mapping,
                    SalesforceId = link.SalesforceId,
                    HubSpotId = link.HubSpotId,
                    Fields = story.GroupBy(o => o.Field, StringComparer.Ordinal).Select(g => g.First()).OrderBy(o => o.Field, StringComparer.Ordinal).ToList(),
                    History = history ? story : Array.Empty<FieldOrigin>(),
                });
            }
        }

        return found;
    }

    public override string ToString() => $"{Mapping}: {SalesforceId} <-> {HubSpotId} ({Fields.Count} field(s) with a story)";
}
