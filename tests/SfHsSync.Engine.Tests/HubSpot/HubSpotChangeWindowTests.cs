using System.Globalization;
using SfHsSync.Engine.HubSpot;

namespace SfHsSync.Engine.Tests.HubSpot;

/// <summary>The windowed change read against the sandbox's search, with its real 10,000-result cap.</summary>
public sealed class HubSpotChangeWindowTests
{
    private static readonly DateTimeOffset Start = new(2030, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Reads25000ChangesOf12000ShareOneTimestampEachExactlyOnce()
    {
        // Search is paced as in production but faster on both sides, so the test does not take 40 seconds.
        await using var sandbox = await HubSpotSandbox.StartAsync(o => o.SearchRequestsPerSecond = 60);
        var clock = Start;
        sandbox.Account.Clock.SetSource(() => clock);
        var bulkAt = Start.AddMinutes(1);
        Seed(sandbox, 1, 6_000, i => clock = Start.AddMilliseconds(i));
        clock = bulkAt;
        Seed(sandbox, 6_001, 12_000, _ => { });
        Seed(sandbox, 18_001, 7_000, i => clock = bulkAt.AddMilliseconds(1 + i));
        Assert.Equal(25_000, sandbox.Account.CountRecords(HubSpotSandbox.Invoices));
        using var client = sandbox.Client(HubSpotSandbox.Fast with { SearchRequestsPerSecond = 40, InitialRequestsPerInterval = 2_000 });

        var seen = new Dictionary<string, int>();
        var previous = DateTimeOffset.MinValue;
        var inOrder = true;
        await foreach (var record in client.ReadChangedSinceAsync(HubSpotSandbox.Invoices, new[] { "invoice_number" }, Start))
        {
            seen[record.Id] = seen.GetValueOrDefault(record.Id) + 1;
            inOrder &= record.LastModified >= previous;
            previous = record.LastModified;
        }

        Assert.Equal(25_000, seen.Count);
        Assert.All(seen.Values, count => Assert.Equal(1, count));
        Assert.True(inOrder);
        Assert.Equal(12_000, sandbox.Account.Records(HubSpotSandbox.Invoices).Count(r => r.UpdatedAt == bulkAt));

        // From(start), at or after it: 50 pages to the cap: the record at exactly the watermark, 5,999 distinct and
        // 4,000 held at the bulk time. At(bulk): 50 pages to the cap, then 10 for the last 2,000. Later(bulk): 35 for 7,000.
        const int expected = 50 + 50 + 10 + 35;
        Assert.Equal(expected, client.ApiCallCount);
        Assert.Equal(expected, sandbox.Calls("POST", "/crm/objects/2026-09/{objectType}/search"));
        Assert.Equal(0, client.RateLimitHitCount);
        Assert.Equal(0, sandbox.Account.SecondlyRefusals);
    }

    [Fact]
    public async Task CountsChangesSinceAWatermark()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync();
        var clock = Start;
        sandbox.Account.Clock.SetSource(() => clock);
        Seed(sandbox, 1, 30, i => clock = Start.AddSeconds(i));
        using var client = sandbox.Client();

        Assert.Equal(20, await client.CountChangedSinceAsync(HubSpotSandbox.Invoices, Start.AddSeconds(10)));
        Assert.Equal(1, client.ApiCallCount);
    }

    private static void Seed(HubSpotSandbox sandbox, int first, int count, Action<int> beforeEach)
    {
        var batch = new List<IReadOnlyDictionary<string, string>>(count);
        for (var i = 0; i < count; i++)
        {
            batch.Add(new Dictionary<string, string> { ["invoice_number"] = "INV-" + (first + i).ToString(CultureInfo.InvariantCulture) });
        }

        // CreateRecords stamps each record as it goes, so the clock callback runs lazily inside the enumeration.
        sandbox.Account.CreateRecords(HubSpotSandbox.Invoices, batch.Select((values, i) =>
        {
            beforeEach(i);
            return values;
        }));
    }
}
