using System.Globalization;
using System.Runtime.CompilerServices;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.HubSpot;

/// <summary>
/// Reads every record whose hs_lastmodifieddate is at or after a watermark through search, past search's cap on how
/// far one query may page (10,000 results), each record exactly once, and always to an end.
/// </summary>
/// <remarks>
/// Two kinds of query take turns. "Later" asks for hs_lastmodifieddate &gt; W (&gt;= W on the first turn, which so
/// needs no "At" query before it) sorted by that date; once it reaches the
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
        var first = true;
        while (true)
        {
            // The first turn asks for "at or later" in one query: a pass with fewer changes than the cap costs one
            // search page per 200 changes and nothing more. Later turns start where a capped query stopped.
            if (!first)
            {
                await foreach (var record in ReadAtAsync(window, wanted, cancellationToken).ConfigureAwait(false))
                {
                    yield return record;
                }
            }

            // Held: the records at the latest timestamp seen, which a later page may still add to.
            var held = new Dictionary<string, HubSpotRecord>(StringComparer.Ordinal);
            var heldAt = window;
            var reachedCap = false;
            await foreach (var page in PagesAsync(Since(window, inclusive: first), HubSpotRecord.LastModifiedProperty, wanted, cancellationToken).ConfigureAwait(false))
            {
                foreach (var record in page.Records)
                {
                    var modified = TruncateToMilliseconds(record.LastModified);
                    if (modified < heldAt)
                    {
                        throw OrderBroken($"record {record.Id} modified at {HubSpotValues.ToIso(modified)} came after one modified at {HubSpotValues.ToIso(heldAt)}");
                    }

                    if (modified > heldAt)
                    {
                        foreach (var earlier in held.Values)
                        {
                            yield return earlier;
                        }

                        held.Clear();
                        heldAt = modified;
                    }

                    held[record.Id] = record;
                }

                reachedCap = page.MoreBeyondCap;
            }

            if (!reachedCap)
            {
                foreach (var last in held.Values)
                {
                    yield return last;
                }

                yield break;
            }

            // The records at the last timestamp may go on past the cap: the next "At" query reads them all by id.
            window = heldAt;
            first = false;
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
            await foreach (var page in PagesAsync(filters, HubSpotRecord.ObjectIdProperty, properties, cancellationToken).ConfigureAwait(false))
            {
                foreach (var record in page.Records)
                {
                    var id = record.NumericId;
                    if (afterId is not null && id <= afterId)
                    {
                        throw OrderBroken($"record {record.Id} came after record {afterId} in a search sorted by {HubSpotRecord.ObjectIdProperty}");
                    }

                    afterId = id;
                    yield return record;
                }

                reachedCap = page.MoreBeyondCap;
            }

            if (!reachedCap)
            {
                yield break;
            }
        }
    }

    private static List<WireFilter> Since(DateTimeOffset after, bool inclusive)
        => new() { new(HubSpotRecord.LastModifiedProperty, inclusive ? "GTE" : "GT", HubSpotValues.ToEpochMilliseconds(after)) };

    /// <summary>
    /// The pages of one query, as far as one query may page; the last says whether results remain beyond the cap.
    /// </summary>
    private async IAsyncEnumerable<SearchPage> PagesAsync(List<WireFilter> filters, string sort, List<string> properties, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var offset = 0;
        var after = "0";
        while (true)
        {
            var request = new WireSearch(new List<WireFilterGroup> { new(filters) }, new List<string> { sort }, properties, _pageSize, after);
            var answer = await _search(request, cancellationToken).ConfigureAwait(false);
            offset += answer.Results.Count;
            var next = answer.Paging?.Next?.After;
            var more = !string.IsNullOrEmpty(next) && answer.Results.Count > 0;
            var capped = more && offset + _pageSize > _cap;
            yield return new SearchPage(answer.Results.Select(r => r.ToRecord()).ToList(), capped);
            if (!more || capped)
            {
                yield break;
            }

            after = next!;
        }
    }

    private SyncException OrderBroken(string what)
        => new("HubSpotSearchOrderInvalid", SyncErrorKind.ReadError,
            $"HubSpot search on '{_objectType}' returned results out of the requested order ({what}); reading changes would risk losing records, so it stops.",
            _objectType);

    private sealed record SearchPage(IReadOnlyList<HubSpotRecord> Records, bool MoreBeyondCap);

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value)
        => DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());
}
