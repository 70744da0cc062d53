using System.Globalization;
using System.Runtime.CompilerServices;
using RestSharp;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.HubSpot;

public sealed partial class HubSpotClient
{
    /// <summary>HubSpot's cap on records per page of the list endpoint.</summary>
    public const int ListPageSize = 100;

    /// <summary>Every record of <paramref name="objectType"/>, a page of 100 at a time, as the pages arrive.</summary>
    public async IAsyncEnumerable<HubSpotRecord> ListAsync(
        string objectType,
        IEnumerable<string> properties,
        bool archived = false,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectType);
        var wanted = properties.ToList();
        string? after = null;
        do
        {
            var request = new RestRequest(_routes.Objects.List(objectType));
            request.AddQueryParameter("limit", ListPageSize.ToString(CultureInfo.InvariantCulture));
            if (after is not null)
            {
                request.AddQueryParameter("after", after);
            }

            foreach (var property in wanted)
            {
                request.AddQueryParameter("properties", property);
            }

            request.AddQueryParameter("archived", archived ? "true" : "false");
            var page = await _transport.SendAsync<WireObjectPage>(request, HubSpotCallKind.Standard, objectType, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Results)
            {
                yield return item.ToRecord();
            }

            after = page.Paging?.Next?.After;
        }
        while (!string.IsNullOrEmpty(after));
    }

    /// <summary>One record by id (or by the value of <paramref name="idProperty"/>), or null when HubSpot has none.</summary>
    public async Task<HubSpotRecord?> GetAsync(
        string objectType,
        string id,
        IEnumerable<string> properties,
        string? idProperty = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectType);
        ArgumentException.ThrowIfNullOrEmpty(id);
        var request = new RestRequest(_routes.Objects.Record(objectType, id));
        foreach (var property in properties)
        {
            request.AddQueryParameter("properties", property);
        }

        if (idProperty is not null)
        {
            request.AddQueryParameter("idProperty", idProperty);
        }

        try
        {
            var record = await _transport.SendAsync<WireObject>(request, HubSpotCallKind.Standard, id, cancellationToken).ConfigureAwait(false);
            return record.ToRecord();
        }
        catch (SyncException ex) when (ex.ErrorId == "HubSpotObjectNotFound")
        {
            return null;
        }
    }

    /// <summary>
    /// Every record of <paramref name="objectType"/> modified at or after <paramref name="watermark"/>, oldest first,
    /// each exactly once, however many there are and however many share one timestamp. Records at exactly the
    /// watermark are included: a reader that resumes from the last timestamp it saw loses nothing.
    /// </summary>
    public IAsyncEnumerable<HubSpotRecord> ReadChangedSinceAsync(
        string objectType,
        IEnumerable<string> properties,
        DateTimeOffset watermark,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectType);
        ArgumentNullException.ThrowIfNull(properties);
        var reader = new HubSpotChangeReader(objectType, (search, token) => SearchAsync(objectType, search, token), Options.SearchPageSize, Options.SearchResultCap);
        return reader.ReadAsync(properties, watermark, cancellationToken);
    }

    /// <summary>How many records of <paramref name="objectType"/> search counts as modified at or after <paramref name="watermark"/>.</summary>
    public async Task<int> CountChangedSinceAsync(string objectType, DateTimeOffset watermark, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectType);
        var request = new WireSearch(
            new List<WireFilterGroup> { new(new List<WireFilter> { new(HubSpotRecord.LastModifiedProperty, "GTE", HubSpotValues.ToEpochMilliseconds(watermark)) }) },
            new List<string> { HubSpotRecord.LastModifiedProperty },
            new List<string> { HubSpotRecord.ObjectIdProperty },
            1,
            "0");
        var page = await SearchAsync(objectType, request, cancellationToken).ConfigureAwait(false);
        return page.Total ?? page.Results.Count;
    }

    private Task<WireObjectPage> SearchAsync(string objectType, WireSearch search, CancellationToken cancellationToken)
        => _transport.SendAsync<WireObjectPage>(
            HubSpotTransport.Json(_routes.Objects.Search(objectType), Method.Post, search),
            HubSpotCallKind.Search,
            objectType,
            cancellationToken);
}
