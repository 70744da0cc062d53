using System.Globalization;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.HubSpot;

namespace SfHsSync.Engine.Tests.HubSpot;

/// <summary>
/// Unit tests of the search windowing against an in-memory search that behaves as HubSpot's does where it matters:
/// one sort, a cap on how far one query may page (400 beyond it), and ties in a date sort in no useful order.
/// </summary>
public sealed class HubSpotChangeReaderTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadsEachRecordOnceWhenMoreRecordsThanTheCapShareOneTimestamp()
    {
        // 30 distinct, then 250 at one timestamp, then 40 distinct; the cap is 100 results a query.
        var records = Distinct(1, 30, Start).Concat(Same(31, 250, Start.AddSeconds(1))).Concat(Distinct(281, 40, Start.AddSeconds(2))).ToList();
        var search = new CappedSearch(records, cap: 100);

        var read = await Read(search, Start.AddMilliseconds(-1), pageSize: 10, cap: 100);

        Assert.Equal(records.Select(r => r.Id).Order(), read.Select(r => r.Id).Order());
        Assert.Equal(read.Count, read.Select(r => r.Id).Distinct().Count());
        Assert.Equal(0, search.Refused);

        // From(w0) 10 pages to the cap (30 distinct + 70 held at T), with no At(w0) query before it;
        // At(T) 10 pages to the cap, 10 more, then 5 for the last 50; Later(T) 4 pages for the last 40.
        Assert.Equal(10 + 10 + 10 + 5 + 4, search.Calls);
    }

    [Fact]
    public async Task IncludesRecordsAtExactlyTheWatermarkAndSkipsOlderOnes()
    {
        var records = Distinct(1, 5, Start).ToList();
        var search = new CappedSearch(records, cap: 100);

        var read = await Read(search, Start.AddMilliseconds(2), pageSize: 10, cap: 100);

        Assert.Equal(new[] { "3", "4", "5" }, read.Select(r => r.Id));
    }

    [Fact]
    public async Task YieldsOldestFirst()
    {
        var rng = new Random(7);
        var records = Enumerable.Range(1, 300).Select(i => Record(i, Start.AddMilliseconds(rng.Next(0, 40)))).ToList();
        var search = new CappedSearch(records, cap: 50);

        var read = await Read(search, Start, pageSize: 7, cap: 50);

        Assert.Equal(300, read.Count);
        Assert.Equal(300, read.Select(r => r.Id).Distinct().Count());
        Assert.True(read.Zip(read.Skip(1)).All(p => p.First.LastModified <= p.Second.LastModified));
        Assert.Equal(0, search.Refused);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task ReadsEveryRandomLayoutCompletelyAndOnce(int seed)
    {
        var rng = new Random(seed);
        var count = rng.Next(1, 600);
        var spread = rng.Next(1, 30);
        var records = Enumerable.Range(1, count).Select(i => Record(i, Start.AddMilliseconds(rng.Next(0, spread)))).ToList();
        var cap = rng.Next(2, 60);
        var pageSize = rng.Next(1, cap + 1);
        var search = new CappedSearch(records, cap);

        var read = await Read(search, Start, pageSize, cap);

        Assert.Equal(records.Select(r => r.Id).Order(), read.Select(r => r.Id).Order());
        Assert.Equal(0, search.Refused);
    }

    [Fact]
    public async Task StopsWithAnErrorWhenSearchIgnoresTheSort()
    {
        var records = Distinct(1, 20, Start).ToList();
        var search = new CappedSearch(records, cap: 100) { IgnoreSort = true };

        var ex = await Assert.ThrowsAsync<SyncException>(() => Read(search, Start, pageSize: 5, cap: 100));

        Assert.Equal("HubSpotSearchOrderInvalid", ex.ErrorId);
        Assert.Contains("invoices", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<List<HubSpotRecord>> Read(CappedSearch search, DateTimeOffset watermark, int pageSize, int cap)
    {
        var reader = new HubSpotChangeReader("invoices", search.SearchAsync, pageSize, cap);
        var read = new List<HubSpotRecord>();
        await foreach (var record in reader.ReadAsync(new[] { "amount" }, watermark, CancellationToken.None))
        {
            read.Add(record);
        }

        return read;
    }

    private static IEnumerable<WireObject> Distinct(int firstId, int count, DateTimeOffset from)
        => Enumerable.Range(0, count).Select(i => Record(firstId + i, from.AddMilliseconds(i)));

    private static IEnumerable<WireObject> Same(int firstId, int count, DateTimeOffset at)
        => Enumerable.Range(0, count).Select(i => Record(firstId + i, at));

    private static WireObject Record(int id, DateTimeOffset modified)
    {
        var text = id.ToString(CultureInfo.InvariantCulture);
        return new WireObject(text, new Dictionary<string, string?>
        {
            ["hs_object_id"] = text,
            ["hs_lastmodifieddate"] = HubSpotValues.ToIso(modified),
        }, modified, modified, false);
    }

    /// <summary>An in-memory search: EQ/GT filters, one sort, offset paging, and a 400 past the cap.</summary>
    private sealed class CappedSearch
    {
        private readonly List<WireObject> _records;
        private readonly int _cap;

        public CappedSearch(List<WireObject> records, int cap)
        {
            _records = records;
            _cap = cap;
        }

        public int Calls { get; private set; }

        public int Refused { get; private set; }

        public bool IgnoreSort { get; init; }

        public Task<WireObjectPage> SearchAsync(WireSearch request, CancellationToken cancellationToken)
        {
            Calls++;
            var offset = int.Parse(request.After, CultureInfo.InvariantCulture);
            if (offset + request.Limit > _cap)
            {
                Refused++;
                throw new InvalidOperationException("400: paging past the cap");
            }

            IEnumerable<WireObject> matching = _records.Where(r => request.FilterGroups.Any(g => g.Filters.All(f => Matches(r, f))));
            var sort = request.Sorts.Single();
            if (!IgnoreSort)
            {
                // Ties in a date sort come back in descending id order, so nothing may rely on them being ordered by id.
                matching = sort == "hs_object_id"
                    ? matching.OrderBy(Id)
                    : matching.OrderBy(Modified).ThenByDescending(Id);
            }
            else
            {
                matching = matching.OrderByDescending(Id);
            }

            var all = matching.ToList();
            var page = all.Skip(offset).Take(request.Limit).ToList();
            var next = offset + page.Count < all.Count ? new WirePaging(new WireNextPage((offset + page.Count).ToString(CultureInfo.InvariantCulture), null)) : null;
            return Task.FromResult(new WireObjectPage(page, next, all.Count));
        }

        private static long Id(WireObject r) => long.Parse(r.Id, CultureInfo.InvariantCulture);

        private static long Modified(WireObject r) => r.UpdatedAt.ToUnixTimeMilliseconds();

        private static bool Matches(WireObject r, WireFilter f)
        {
            var actual = f.PropertyName == "hs_object_id" ? Id(r) : Modified(r);
            var value = long.Parse(f.Value!, CultureInfo.InvariantCulture);
            return f.Operator switch
            {
                "EQ" => actual == value,
                "GT" => actual > value,
                "GTE" => actual >= value,
                _ => throw new NotSupportedException(f.Operator),
            };
        }
    }
}
