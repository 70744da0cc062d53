namespace SfHsSync.Engine.HubSpot;

public sealed partial class HubSpotClient
{
    /// <summary>How many values one search IN filter carries.</summary>
    public const int SearchInValues = 100;

    /// <summary>
    /// The live records of <paramref name="objectType"/> whose <paramref name="property"/> holds one of
    /// <paramref name="values"/>: one search per 100 values (an IN filter, sorted by id), every page. For a property
    /// that is not unique-valued, where batch read by idProperty cannot be used. Search may not show a write of the
    /// last few seconds yet.
    /// </summary>
    public async Task<IReadOnlyList<HubSpotRecord>> FindByPropertyValuesAsync(
        string objectType,
        string property,
        IReadOnlyCollection<string> values,
        IEnumerable<string> properties,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectType);
        ArgumentException.ThrowIfNullOrEmpty(property);
        ArgumentNullException.ThrowIfNull(values);
        var wanted = properties.Append(property).Distinct(StringComparer.Ordinal).ToList();
        var found = new List<HubSpotRecord>();
        foreach (var chunk in values.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal).Chunk(SearchInValues))
        {
            var filters = new List<WireFilter> { new(property, "IN", Values: chunk.ToList()) };
            var after = "0";
            while (true)
            {
                var search = new WireSearch(new List<WireFilterGroup> { new(filters) }, new List<string> { HubSpotRecord.ObjectIdProperty }, wanted, Options.SearchPageSize, after);
                var page = await SearchAsync(objectType, search, cancellationToken).ConfigureAwait(false);
                found.AddRange(page.Results.Select(r => r.ToRecord()));
                var next = page.Paging?.Next?.After;
                if (string.IsNullOrEmpty(next) || page.Results.Count == 0)
                {
                    break;
                }

                after = next;
            }
        }

        return found;
    }
}
