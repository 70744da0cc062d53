using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Sync.Associations;

/// <summary>A record found on the other side, or why it was not.</summary>
internal sealed record TargetMatch(string? Id, string? Reason)
{
    public static TargetMatch Found(string id) => new(id, null);

    public static TargetMatch Missing(string reason) => new(null, reason);
}

/// <summary>
/// Finds the records a lookup points at on the other side, both ways: through the links of the mapping named by Via
/// (state only, no API call), or through the HubSpot property that holds the Salesforce Id (a search per 100 Ids;
/// a batch read per 100 HubSpot ids the other way). Answers are kept for the pass, so an Id is looked up once.
/// </summary>
internal sealed class AssociationTargets
{
    private readonly HubSpotClient _hubSpot;
    private readonly IStateStore _state;
    private readonly Dictionary<(string Field, string Id), TargetMatch> _toHubSpot = new();
    private readonly Dictionary<(string Field, string Id), TargetMatch> _toSalesforce = new();

    public AssociationTargets(HubSpotClient hubSpot, IStateStore state)
    {
        _hubSpot = hubSpot;
        _state = state;
    }

    /// <summary>The HubSpot record each Salesforce target Id syncs with.</summary>
    public async Task<IReadOnlyDictionary<string, TargetMatch>> ToHubSpotAsync(AssociationRuntime association, IEnumerable<string> salesforceIds, CancellationToken cancellationToken)
    {
        var field = association.Field;
        var wanted = salesforceIds.Distinct(StringComparer.Ordinal).ToList();
        var missing = wanted.Where(id => !_toHubSpot.ContainsKey((field, id))).ToList();
        if (missing.Count > 0)
        {
            var target = $"{association.Lookup.ReferenceTo.FirstOrDefault() ?? "record"}";
            if (association.Mapping.Via is { } via)
            {
                var links = await _state.GetLinksBySalesforceIdAsync(via, missing, cancellationToken).ConfigureAwait(false);
                foreach (var id in missing)
                {
                    _toHubSpot[(field, id)] = links.TryGetValue(id, out var link)
                        ? TargetMatch.Found(link.HubSpotId)
                        : TargetMatch.Missing($"waiting for the related record to sync: {target} {id} is not linked by mapping '{via}' yet");
                }
            }
            else
            {
                var property = association.Mapping.TargetIdProperty!;
                var found = await _hubSpot.FindByPropertyValuesAsync(association.ToObjectType, property, missing, Array.Empty<string>(), cancellationToken).ConfigureAwait(false);
                var byValue = found.Where(r => r[property] is { Length: > 0 }).GroupBy(r => r[property]!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
                foreach (var id in missing)
                {
                    _toHubSpot[(field, id)] = byValue.TryGetValue(id, out var records)
                        ? records.Count == 1
                            ? TargetMatch.Found(records[0].Id)
                            : TargetMatch.Missing($"{records.Count} HubSpot {association.Target.Name} records ({string.Join(", ", records.Select(r => r.Id))}) carry {property} = {id}; none was chosen")
                        : TargetMatch.Missing($"waiting for the related record to sync: no HubSpot {association.Target.Name} record carries {property} = {id} yet");
                }
            }
        }

        return wanted.ToDictionary(id => id, id => _toHubSpot[(field, id)], StringComparer.Ordinal);
    }

    /// <summary>The Salesforce record each HubSpot target id syncs with (two-way associations).</summary>
    public async Task<IReadOnlyDictionary<string, TargetMatch>> ToSalesforceAsync(AssociationRuntime association, IEnumerable<string> hubSpotIds, CancellationToken cancellationToken)
    {
        var field = association.Field;
        var wanted = hubSpotIds.Distinct(StringComparer.Ordinal).ToList();
        var missing = wanted.Where(id => !_toSalesforce.ContainsKey((field, id))).ToList();
        if (missing.Count > 0)
        {
            if (association.Mapping.Via is { } via)
            {
                var links = await _state.GetLinksByHubSpotIdAsync(via, missing, cancellationToken).ConfigureAwait(false);
                foreach (var id in missing)
                {
                    _toSalesforce[(field, id)] = links.TryGetValue(id, out var link)
                        ? TargetMatch.Found(link.SalesforceId)
                        : TargetMatch.Missing($"HubSpot {association.Target.Name} {id} is not linked by mapping '{via}' to a Salesforce record yet");
                }
            }
            else
            {
                var property = association.Mapping.TargetIdProperty!;
                var read = await _hubSpot.BatchReadAsync(association.ToObjectType, missing, new[] { property }, null, cancellationToken).ConfigureAwait(false);
                foreach (var result in read)
                {
                    var id = missing[result.Index];
                    _toSalesforce[(field, id)] = result.Record?[property] is { Length: > 0 } salesforceId
                        ? TargetMatch.Found(salesforceId)
                        : TargetMatch.Missing($"HubSpot {association.Target.Name} {id} has no {property}, so it names no Salesforce record");
                }
            }
        }

        return wanted.ToDictionary(id => id, id => _toSalesforce[(field, id)], StringComparer.Ordinal);
    }

    /// <summary>Forgets what was found, so a later retry in the same pass asks again (the target may have synced since).</summary>
    public void Forget() => _toHubSpot.Clear();
}
