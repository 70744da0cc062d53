using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>Search: POST /crm/v3/objects/{objectType}/search, with HubSpot's page size, 10,000-result cap and index lag.</summary>
public sealed partial class HubSpotAccount
{
    private readonly Dictionary<string, SearchResult> _searchCache = new(StringComparer.Ordinal);

    internal JsonObject SearchJson(string objectType, JsonElement body)
    {
        lock (_gate)
        {
            var type = TypeOrThrow(objectType);
            var query = HubSpotSearchQuery.Parse(body, type);
            var matches = Matches(type, query);
            var end = Math.Min(Math.Min(query.After + query.Limit, matches.Count), HubSpotSearchQuery.MaxResults);
            var results = new JsonArray();
            for (var i = query.After; i < end; i++)
            {
                results.Add(RecordJson(type, matches[i], query.Properties));
            }

            var answer = new JsonObject { ["total"] = matches.Count, ["results"] = results };
            if (end < matches.Count)
            {
                // Past 10,000 HubSpot still hands out the token; using it is what fails.
                answer["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = end.ToString(CultureInfo.InvariantCulture) } };
            }

            return answer;
        }
    }

    private List<HubSpotRecord> Matches(HubSpotObjectType type, HubSpotSearchQuery query)
    {
        var now = DateTimeOffset.UtcNow;
        if (_searchCache.TryGetValue(query.CacheKey, out var cached) && cached.Version == type.Version && now < cached.ValidUntil)
        {
            return cached.Records;
        }

        var visibleFrom = DateTimeOffset.MaxValue;
        var visible = new List<HubSpotRecord>(type.RecordsInIdOrder.Count);
        foreach (var record in type.RecordsInIdOrder)
        {
            if (record.Archived)
            {
                continue;
            }

            if (record.SearchableAt > now)
            {
                visibleFrom = record.SearchableAt < visibleFrom ? record.SearchableAt : visibleFrom;
                continue;
            }

            visible.Add(record);
        }

        var matches = query.Run(visible);
        if (_searchCache.Count >= 16)
        {
            _searchCache.Clear();
        }

        _searchCache[query.CacheKey] = new SearchResult(type.Version, visibleFrom, matches);
        return matches;
    }

    /// <summary>A computed match list, good while the type is unchanged and no pending write has become searchable.</summary>
    private sealed record SearchResult(long Version, DateTimeOffset ValidUntil, List<HubSpotRecord> Records);
}
