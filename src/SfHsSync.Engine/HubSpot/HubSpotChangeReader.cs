using System.Globalization;
using System.Runtime.CompilerServices;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.HubSpot;

/// <summary>
/// Reads every record whose hs_lastmodifieddate is at or after a watermark through search, past search's cap on how
/// far one query may page (10,000 results), each record exactly once, and always to an end.
/// </summary>
/// <remarks>
/// Two kinds of query take turns. "Later" asks for hs_lastmodifieddate &gt; W sorted by that date; once it reaches the
/// cap, the records at the last timestamp seen (M) may continue past the cap, so they are held back and W moves to M.
/// "At" then asks for hs_lastmodifieddate = W sorted by hs_object_id, restarting after the last id whenever it reaches
/// the cap, so any number of records sharing one timestamp is read once each. Every turn moves W forward or the last id
/// up, so the read ends. Search honours one sort only, which is why ties are never left to the date sort.
/// </remarks>
internal sealed class HubSpotChangeReader
{
    private readonly Func<WireSearch, CancellationToken, Task<WireObjectPage>> _search;
    private readonly int _pageSize;
    private readonly int _cap;
    private readonly string _objectType;

    public HubSpotChangeReader(string objectType, Func<WireSearch, CancellationToken, Task<WireObjectPage>> search, int pageSize, int cap)
    {
        _objectType = objectType;
        _search = search;
        _pageSize = pageSize;
        _cap = cap;
    }

    public async IAsyncEnumerable<HubSpotRecord> ReadAsync(IEnumerable<string> properties, DateTimeOffset watermark, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var wanted = properties.Append(HubSpotRecord.LastModifiedProperty).Append(HubSpotRecord.ObjectIdProperty).Distinct(StringComparer.Ordinal).ToList();
        var window = TruncateToMilliseconds(watermark);
        while (true)
        {
            await foreach (var record in ReadAtAsync(window, wanted, cancellationToken).ConfigureAwait(false))
            {
                yield return record;
            }

            var held = new List<HubSpotRecord>();
            var heldAt = window;
            var reachedCap = false;
            await foreach (var (record, capped) in ReadLaterAsync(window, wanted, cancellationToken).ConfigureAwait(false))
            {
                if (capped)
                {
                    reachedCap = true;
                    break;
                }

                var modified = TruncateToMilliseconds(record.LastModified);
                if (modified < heldAt)
                {
                    throw OrderBroken($"record {record.Id} modified at {HubSpotValues.ToIso(modified)} came after one modified at {HubSpotValues.ToIso(heldAt)}");
                }

                if (modified > heldAt)
                {
                    foreach (var earlier in held)
                    {
                        yield return earlier;
                    }

                    held.Clear();
                    heldAt = modified;
                }

                held.Add(record);
            }

            if (!reachedCap)
            {
                foreach (var last in held)
                {
                    yield return last;
                }

                yield break;
            }

            // The records at the last timestamp may go on past the cap: the next "At" query reads them all by id.
            window = heldAt;
        }
    }

    /// <summary>Records modified exactly at <paramref name="at"/>, by ascending id, restarting after the last id at the cap.</summary>
    private async IAsyncEnumerable<HubSpotRecord> ReadAtAsync(DateTimeOffset at, List<string> properties, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long? afterId = null;
        while (true)
        {
            var filters = new List<WireFilter> { new(HubSpotRecord.LastModifiedProperty, "EQ", HubSpotValues.ToEpochMilliseconds(at)) };
            if (afterId is not null)
            {
                filters.Add(new WireFilter(HubSpotRecord.ObjectIdProperty, "GT", afterId.Value.ToString(CultureInfo.InvariantCulture)));
            }

            var reachedCap = false;
            await foreach (var (record, capped) in PageAsync(filters, HubSpotRecord.ObjectIdProperty, properties, cancellationToken).ConfigureAwait(false))
            {
                if (capped)
                {
                    reachedCap = true;
                    break;
                }

                var id = record.NumericId;
                if (afterId is not null && id <= afterId)
                {
                    throw OrderBroken($"record {record.Id} came after record {afterId} in a search sorted by {HubSpotRecord.ObjectIdProperty}");
                }

                afterId = id;
                yield return record;
            }

            if (!reachedCap)
            {
                yield break;
            }
        }
    }

    private IAsyncEnumerable<(HubSpotRecord Record, bool Capped)> ReadLaterAsync(DateTimeOffset after, List<string> properties, CancellationToken cancellationToken)
        => PageAsync(
            new List<WireFilter> { new(HubSpotRecord.LastModifiedProperty, "GT", HubSpotValues.ToEpochMilliseconds(after)) },
            HubSpotRecord.LastModifiedProperty,
            properties,
            cancellationToken);

    /// <summary>
    /// Pages one query; the last element has Capped set when more results remain beyond what one query may page.
    /// </summary>
    private async IAsyncEnumerable<(HubSpotRecord Record, bool Capped)> PageAsync(List<WireFilter> filters, string sort, List<string> properties, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var offset = 0;
        var after = "0";
        while (true)
        {
            var request = new WireSearch(new List<WireFilterGroup> { new(filters) }, new List<string> { sort }, properties, _pageSize, after);
            var page = await _search(request, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Results)
            {
                yield return (item.ToRecord(), false);
            }

            offset += page.Results.Count;
            var next = page.Paging?.Next?.After;
            if (string.IsNullOrEmpty(next) || page.Results.Count == 0)
            {
                yield break;
            }

            if (offset + _pageSize > _cap)
            {
                yield return (null!, true);
                yield break;
            }

            after = next;
        }
    }

    private SyncException OrderBroken(string what)
        => new("HubSpotSearchOrderInvalid", SyncErrorKind.ReadError,
            $"HubSpot search on '{_objectType}' returned results out of the requested order ({what}); reading changes would risk losing records, so it stops.",
            _objectType);

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value)
        => DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());
}
