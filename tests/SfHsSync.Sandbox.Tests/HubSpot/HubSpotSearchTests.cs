using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Tests.HubSpot;

public sealed class HubSpotSearchTests
{
    private const string Search = "/crm/v3/objects/p12345678_invoices/search";

    private static Dictionary<string, string> Invoice(int i) => new()
    {
        ["invoice_number"] = $"INV-{i:D5}",
        ["salesforce_id"] = $"a01{i:D12}AAA",
        ["amount"] = (i * 10).ToString(CultureInfo.InvariantCulture),
        ["status"] = (i % 3) switch { 0 => "Draft", 1 => "Sent", _ => "Paid" },
        ["channels"] = i % 2 == 0 ? "Email;Portal" : "Mail",
        ["notes"] = i == 7 ? "Customer asked for a refund quickly" : $"note {i}",
        ["due_date"] = new DateTime(2025, 1, 1).AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static async Task<List<string>> NumbersAsync(HubSpotTestServer hs, object body)
    {
        var answer = (await hs.PostAsync(Search, body)).Expect(HttpStatusCode.OK);
        OpenApiContract.AssertValid("objects.json", "CollectionResponseWithTotalSimplePublicObject", answer.Body);
        return answer.Json["results"]!.AsArray().Select(r => r!["properties"]!["invoice_number"]!.GetValue<string>()).ToList();
    }

    private static object Filter(string property, string op, object? value = null, object? highValue = null, object? values = null) => new
    {
        filterGroups = new[] { new { filters = new[] { new { propertyName = property, @operator = op, value, highValue, values } } } },
        properties = new[] { "invoice_number" },
        limit = 100,
        sorts = new[] { new { propertyName = "hs_object_id", direction = "ASCENDING" } },
    };

    [Fact]
    public async Task Each_filter_operator_selects_what_HubSpot_would()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        hs.Account.CreateRecords("invoices", Enumerable.Range(1, 12).Select(i => (IReadOnlyDictionary<string, string>)Invoice(i)));
        static string N(int i) => $"INV-{i:D5}";

        Assert.Equal([N(3)], await NumbersAsync(hs, Filter("amount", "EQ", "30")));
        Assert.Equal(11, (await NumbersAsync(hs, Filter("amount", "NEQ", "30"))).Count);
        Assert.Equal([N(1), N(2)], await NumbersAsync(hs, Filter("amount", "LT", "30")));
        Assert.Equal([N(1), N(2), N(3)], await NumbersAsync(hs, Filter("amount", "LTE", "30")));
        Assert.Equal([N(11), N(12)], await NumbersAsync(hs, Filter("amount", "GT", "100")));
        Assert.Equal([N(10), N(11), N(12)], await NumbersAsync(hs, Filter("amount", "GTE", "100")));
        Assert.Equal([N(4), N(5), N(6)], await NumbersAsync(hs, Filter("amount", "BETWEEN", "40", "60")));
        Assert.Equal([N(1), N(2)], await NumbersAsync(hs, Filter("due_date", "BETWEEN", "2025-01-01", "1735862400000")));
        Assert.Equal([N(3), N(6), N(9), N(12)], await NumbersAsync(hs, Filter("status", "IN", values: new[] { "draft" })));
        Assert.Equal(8, (await NumbersAsync(hs, Filter("status", "NOT_IN", values: new[] { "Draft" }))).Count);
        Assert.Equal([N(2), N(4), N(6), N(8), N(10), N(12)], await NumbersAsync(hs, Filter("channels", "EQ", "Portal")));
        Assert.Equal([N(7)], await NumbersAsync(hs, Filter("notes", "CONTAINS_TOKEN", "refund")));
        Assert.Equal([N(7)], await NumbersAsync(hs, Filter("notes", "CONTAINS_TOKEN", "ref*")));
        Assert.Equal(11, (await NumbersAsync(hs, Filter("notes", "NOT_CONTAINS_TOKEN", "refund"))).Count);
        Assert.Equal(12, (await NumbersAsync(hs, Filter("amount", "HAS_PROPERTY"))).Count);
        Assert.Empty(await NumbersAsync(hs, Filter("billing_email", "HAS_PROPERTY")));
        Assert.Equal(12, (await NumbersAsync(hs, Filter("billing_email", "NOT_HAS_PROPERTY"))).Count);
    }

    [Fact]
    public async Task Groups_are_ORed_filters_ANDed_and_one_sort_orders_with_ties_by_id()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        hs.Account.CreateRecords("invoices", Enumerable.Range(1, 12).Select(i => (IReadOnlyDictionary<string, string>)Invoice(i)));
        var answer = (await hs.PostAsync(Search, new
        {
            filterGroups = new object[]
            {
                new { filters = new object[] { new { propertyName = "status", @operator = "EQ", value = "Sent" }, new { propertyName = "amount", @operator = "GT", value = "50" } } },
                new { filters = new object[] { new { propertyName = "invoice_number", @operator = "EQ", value = "INV-00002" } } },
            },
            sorts = new[] { new { propertyName = "status", direction = "DESCENDING" } },
            properties = new[] { "invoice_number", "status" },
            limit = 10,
        })).Expect(HttpStatusCode.OK);

        Assert.Equal(3, answer.Json["total"]!.GetValue<int>());
        Assert.Equal(
            ["INV-00007", "INV-00010", "INV-00002"],
            answer.Json["results"]!.AsArray().Select(r => r!["properties"]!["invoice_number"]!.GetValue<string>()).Take(3));
    }

    [Fact]
    public async Task Pages_hold_at_most_200_and_page_on_with_after()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        hs.SeedInvoices(450);
        var seen = new HashSet<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = (await hs.PostAsync(Search, new { limit = 200, after, sorts = new[] { "hs_object_id" } })).Expect(HttpStatusCode.OK);
            Assert.Equal(450, page.Json["total"]!.GetValue<int>());
            foreach (var r in page.Json["results"]!.AsArray())
            {
                Assert.True(seen.Add(r!["id"]!.GetValue<string>()));
            }

            after = page.Json["paging"]?["next"]?["after"]?.GetValue<string>();
            pages++;
        }
        while (after is not null);

        Assert.Equal(3, pages);
        Assert.Equal(450, seen.Count);

        var tooBig = (await hs.PostAsync(Search, new { limit = 201 })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("limit", tooBig.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paging_past_10000_results_is_a_400_and_a_window_on_time_and_id_reads_everything()
    {
        await using var hs = await HubSpotTestServer.StartAsync();

        // 12,000 records share one hs_lastmodifieddate, as after a bulk update.
        hs.Account.Clock.Freeze(new DateTimeOffset(2040, 5, 1, 12, 0, 0, TimeSpan.Zero));
        hs.SeedInvoices(12_000);
        Assert.Single(hs.Account.Records("invoices").Select(r => r.Properties["hs_lastmodifieddate"]).Distinct());

        var nearEnd = (await hs.PostAsync(Search, new { limit = 200, after = "9800" })).Expect(HttpStatusCode.OK);
        Assert.Equal(12_000, nearEnd.Json["total"]!.GetValue<int>());
        Assert.Equal("10000", nearEnd.Json["paging"]!["next"]!["after"]!.GetValue<string>());
        var past = (await hs.PostAsync(Search, new { limit = 200, after = "10000" })).Expect(HttpStatusCode.BadRequest);
        OpenApiContract.AssertValid("objects.json", "Error", past.Body);
        Assert.Contains("10,000", past.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);

        // The reader HubSpot's docs call for: restart the window at the last timestamp, break ties on hs_object_id.
        var read = new HashSet<string>();
        var lastId = "0";
        var calls = 0;
        while (true)
        {
            string? after = null;
            var got = 0;
            var windowStart = lastId;
            do
            {
                var page = (await hs.PostAsync(Search, new
                {
                    filterGroups = new[]
                    {
                        new
                        {
                            filters = new object[]
                            {
                                new { propertyName = "hs_lastmodifieddate", @operator = "GTE", value = "2040-05-01T12:00:00Z" },
                                new { propertyName = "hs_object_id", @operator = "GT", value = windowStart },
                            },
                        },
                    },
                    sorts = new[] { new { propertyName = "hs_object_id", direction = "ASCENDING" } },
                    limit = 200,
                    after,
                })).Expect(HttpStatusCode.OK);
                calls++;
                foreach (var r in page.Json["results"]!.AsArray())
                {
                    Assert.True(read.Add(r!["id"]!.GetValue<string>()));
                    lastId = r["id"]!.GetValue<string>();
                    got++;
                }

                after = page.Json["paging"]?["next"]?["after"]?.GetValue<string>();
            }
            while (after is not null && after != "10000");

            if (got == 0 || after is null)
            {
                break;
            }
        }

        Assert.Equal(12_000, read.Count);
        Assert.Equal(60, calls);
        Assert.Equal(60 + 2, hs.Account.CountRequests("POST", "/crm/v3/objects/{objectType}/search"));
    }

    [Fact]
    public async Task Archived_records_are_never_returned_and_fresh_writes_wait_for_the_index()
    {
        await using var hs = await HubSpotTestServer.StartAsync(configure: o => o.SearchableDelay = TimeSpan.FromMilliseconds(700));
        var ids = hs.SeedInvoices(3);
        await Task.Delay(800);
        hs.Account.ArchiveRecord("invoices", ids[0]);
        var created = (await hs.PostAsync("/crm/v3/objects/p12345678_invoices", new { properties = new { invoice_number = "FRESH" } })).Expect(HttpStatusCode.Created);

        var now = await NumbersAsync(hs, new { properties = new[] { "invoice_number" } });
        Assert.Equal(["INV-00002", "INV-00003"], now);

        var visible = false;
        for (var i = 0; i < 50 && !visible; i++)
        {
            await Task.Delay(100);
            visible = (await NumbersAsync(hs, new { properties = new[] { "invoice_number" } })).Contains("FRESH");
        }

        Assert.True(visible, $"Record {created.Json["id"]} never became searchable.");
    }

    [Fact]
    public async Task Bad_requests_name_what_is_wrong()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        async Task<string> Problem(object body) => (await hs.PostAsync(Search, body)).Expect(HttpStatusCode.BadRequest).Json["message"]!.GetValue<string>();

        Assert.Contains("'colour'", await Problem(Filter("colour", "EQ", "red")), StringComparison.Ordinal);
        Assert.Contains("'LIKE'", await Problem(Filter("amount", "LIKE", "1")), StringComparison.Ordinal);
        Assert.Contains("'abc'", await Problem(Filter("amount", "GT", "abc")), StringComparison.Ordinal);
        Assert.Contains("highValue", await Problem(Filter("amount", "BETWEEN", "1")), StringComparison.Ordinal);
        Assert.Contains("one sort", await Problem(new { sorts = new[] { "amount", "status" } }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_free_text_query_looks_in_searchable_properties()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        hs.Account.CreateRecords("invoices", Enumerable.Range(1, 12).Select(i => (IReadOnlyDictionary<string, string>)Invoice(i)));
        Assert.Equal(["INV-00011"], await NumbersAsync(hs, new { query = "inv-00011", properties = new[] { "invoice_number" } }));
    }
}
