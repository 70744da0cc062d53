using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Salesforce;
using static SfHsSync.Engine.Tests.Salesforce.SalesforceClientSandbox;

namespace SfHsSync.Engine.Tests.Salesforce;

public sealed class SalesforceClientReadTests
{
    [Fact]
    public async Task Describe_MapsTheInvoiceObject_AndIsReadOncePerClient()
    {
        await using var server = await StartAsync();
        using var client = Client(server);

        var invoice = await client.DescribeAsync("Invoice__c");
        var again = await client.DescribeAsync("invoice__c");
        var objects = await client.DescribeGlobalAsync();

        Assert.Same(invoice, again);
        Assert.True(invoice.Custom);
        Assert.Equal("currency", invoice.FindField("Amount__c")!.Type);
        var status = invoice.FindField("Status__c")!;
        Assert.True(status.RestrictedPicklist);
        Assert.Equal(["Draft", "Sent", "Paid", "Void"], status.PicklistValues.Select(v => v.Value));
        Assert.True(invoice.FindField("HubSpot_Id__c")!.ExternalId);
        Assert.True(invoice.FindField("Total_With_Tax__c")!.Calculated);
        Assert.Equal(["Account"], invoice.FindField("Account__c")!.ReferenceTo);
        Assert.Contains(objects, o => o.Name == "Invoice__c" && o.Custom && o.Queryable);
        Assert.Contains(objects, o => o.Name == "CampaignMember");
        Assert.Equal(2, client.ApiCallCount);
        Assert.Equal(2, server.Salesforce.Requests.Count());
    }

    [Fact]
    public async Task Describe_OfAnUnknownObject_IsObjectNotFound_AndAPathCannotBeSmuggledIn()
    {
        await using var server = await StartAsync();
        using var client = Client(server);

        var missing = await Assert.ThrowsAsync<SyncException>(() => client.DescribeAsync("Nope__c"));
        var smuggled = await Assert.ThrowsAsync<SyncException>(() => client.DescribeAsync("Account/../../limits"));

        Assert.Equal("SalesforceObjectNotFound", missing.ErrorId);
        Assert.Contains("Nope__c", missing.Message, StringComparison.Ordinal);
        Assert.Equal("SalesforceNameInvalid", smuggled.ErrorId);
        Assert.Equal(1, client.ApiCallCount);
    }

    [Fact]
    public async Task Query_Reads5000RecordsInPagesOf2000_WithThreeCalls()
    {
        await using var server = await StartAsync();
        SeedInvoices(server, 4960);
        using var client = Client(server);
        var invoice = await client.DescribeAsync("Invoice__c");
        server.Salesforce.ResetRequests();
        var before = client.ApiCallCount;

        var pages = await client.QueryPagesAsync(SoqlQuery.Select(invoice, "Name", "Amount__c")).ToListAsync();

        Assert.Equal([2000, 2000, 1000], pages.Select(p => p.Count));
        Assert.Equal(5000, pages.SelectMany(p => p).Select(r => r.Id).Distinct().Count());
        Assert.Equal(3, client.ApiCallCount - before);
        Assert.Equal(3, server.Salesforce.Requests.Count("GET", "/query"));
    }

    [Fact]
    public async Task Query_HonoursTheBatchSize_AndStreamsPageByPage()
    {
        await using var server = await StartAsync();
        SeedInvoices(server, 960);
        using var client = Client(server, Fast with { QueryBatchSize = 200 });
        var invoice = await client.DescribeAsync("Invoice__c");
        server.Salesforce.ResetRequests();

        var seen = 0;
        await foreach (var record in client.QueryAsync(SoqlQuery.Select(invoice, "Name")))
        {
            seen++;
            if (seen == 200)
            {
                // Only the first page has been fetched when its last record is handed out.
                Assert.Equal(1, server.Salesforce.Requests.Count("GET", "/query"));
            }
        }

        Assert.Equal(1000, seen);
        Assert.Equal(5, server.Salesforce.Requests.Count("GET", "/query"));
    }

    [Fact]
    public async Task Query_ValuesAreNormalizedWireText()
    {
        await using var server = await StartAsync();
        using var client = Client(server);
        var invoice = await client.DescribeAsync("Invoice__c");

        var first = await client.QueryAsync(SoqlQuery.Select(invoice, "Name", "Amount__c", "Units__c", "Paid__c", "Due_Date__c", "Sent_At__c", "Account__c", "Notes__c")
            .Where(SoqlCondition.Equal("Name", "INV-0001"))).ToListAsync();

        var record = Assert.Single(first);
        Assert.Equal("Invoice__c", record.ObjectType);
        Assert.StartsWith(invoice.KeyPrefix!, record.Id!, StringComparison.Ordinal);
        Assert.Equal("12466.29", record["Amount__c"]);
        Assert.Equal("22", record["Units__c"]);
        Assert.Equal("true", record["Paid__c"]);
        Assert.Equal("2025-01-01", record["Due_Date__c"]);
        Assert.Equal("2025-01-01T08:00:00.000Z", record["Sent_At__c"]);
        Assert.Equal("0015g0000000001AAA", record["Account__c"]);
        Assert.Equal("Invoice 1 for Acme Corporation.\nPayment terms: net 30.", record["Notes__c"]);
    }

    [Fact]
    public async Task Query_ALiteralCarryingSoqlMatchesOnlyItself()
    {
        await using var server = await StartAsync();
        server.Salesforce.Insert("Invoice__c", new Dictionary<string, object?> { ["Name"] = "x' OR Name != '" });
        using var client = Client(server);
        var invoice = await client.DescribeAsync("Invoice__c");

        var hits = await client.QueryAsync(SoqlQuery.Select(invoice, "Name").Where(SoqlCondition.Equal("Name", "x' OR Name != '"))).ToListAsync();
        var none = await client.QueryAsync(SoqlQuery.Select(invoice, "Name").Where(SoqlCondition.Equal("Name", "INV-0001\\' OR Name != \\'"))).ToListAsync();

        Assert.Equal("x' OR Name != '", Assert.Single(hits)["Name"]);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Count_IsOneCall()
    {
        await using var server = await StartAsync();
        using var client = Client(server);
        var invoice = await client.DescribeAsync("Invoice__c");
        var before = client.ApiCallCount;

        var all = await client.CountAsync(SoqlQuery.Count(invoice));
        var paid = await client.CountAsync(SoqlQuery.Count(invoice).Where(SoqlCondition.Equal("Paid__c", true)));

        Assert.Equal(40, all);
        Assert.Equal(server.Salesforce.Records("Invoice__c").Count(r => Equals(r["Paid__c"], true)), paid);
        Assert.InRange(paid, 1, 39);
        Assert.Equal(2, client.ApiCallCount - before);
    }

    [Fact]
    public async Task ReadChangedSince_LosesNoRecordStampedExactlyAtTheWatermark_AndReturnsNoneForever()
    {
        await using var server = await StartAsync();
        var org = server.Salesforce;
        var t0 = WholeSecond(org.Clock.Now()).AddHours(1);
        org.Clock.Freeze(t0);
        var early = SeedInvoices(server, 10, "EARLY-");
        org.Clock.Advance(TimeSpan.FromSeconds(1));
        var sameInstant = SeedInvoices(server, 450, "SAME-");
        using var client = Client(server, Fast with { QueryBatchSize = 200 });
        var fields = new[] { "Name" };

        // First run: everything since t0, but the run stops after 300 records (a crash, a page budget).
        var firstRun = new List<SalesforceRecord>();
        await foreach (var record in client.ReadChangedSinceAsync("Invoice__c", fields, new SalesforceWatermark(t0)))
        {
            firstRun.Add(record);
            if (firstRun.Count == 300)
            {
                break;
            }
        }

        var watermark = SalesforceWatermark.After(firstRun[^1]);
        Assert.Equal(t0.AddSeconds(1), watermark.SystemModstamp);

        // More writes land just after, while nobody reads.
        org.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var late = SeedInvoices(server, 5, "LATE-");
        var secondRun = await client.ReadChangedSinceAsync("Invoice__c", fields, watermark).ToListAsync();
        var thirdRun = await client.ReadChangedSinceAsync("Invoice__c", fields, SalesforceWatermark.After(secondRun[^1])).ToListAsync();

        var expected = early.Concat(sameInstant).Concat(late).ToHashSet();
        var read = firstRun.Concat(secondRun).Select(r => r.Id!).ToList();
        Assert.Equal(read.Count, read.Distinct().Count());
        Assert.Superset(expected, read.ToHashSet());
        Assert.Equal(expected.Count, read.Intersect(expected).Count());
        Assert.Empty(thirdRun);
        Assert.Equal(165, secondRun.Count);
        Assert.All(secondRun.Take(160), r => Assert.Equal(SalesforceWireValue.FormatDateTime(t0.AddSeconds(1)), r["SystemModstamp"]));
        Assert.Equal(late, secondRun.Skip(160).Select(r => r.Id));
    }

    [Fact]
    public async Task ReadChangedSince_WithoutLastId_ReadsEveryRowAtTheWatermark_OrderedByStampThenId()
    {
        await using var server = await StartAsync();
        var org = server.Salesforce;
        var t0 = WholeSecond(org.Clock.Now()).AddHours(1);
        org.Clock.Freeze(t0);
        SeedInvoices(server, 3, "OLD-");
        org.Clock.Advance(TimeSpan.FromMilliseconds(250));
        var atMark = SeedInvoices(server, 4, "MARK-");
        org.Clock.Advance(TimeSpan.FromSeconds(3));
        var after = SeedInvoices(server, 2, "NEW-");
        using var client = Client(server);

        var read = await client.ReadChangedSinceAsync("Invoice__c", ["Name"], new SalesforceWatermark(t0.AddMilliseconds(250))).ToListAsync();

        Assert.Equal(atMark.Order(StringComparer.Ordinal).Concat(after.Order(StringComparer.Ordinal)), read.Select(r => r.Id));
    }

    [Fact]
    public async Task ReadDeletedSince_SeesDeletesThroughQueryAllAndGetDeleted()
    {
        await using var server = await StartAsync();
        var org = server.Salesforce;
        var start = org.Clock.Now();
        var ids = SeedInvoices(server, 5, "DEL-");
        org.Clock.Advance(TimeSpan.FromMinutes(1));
        var since = org.Clock.Now();
        org.Delete("Invoice__c", ids[1]);
        org.Delete("Invoice__c", ids[3]);
        using var client = Client(server);

        var fromQueryAll = await client.ReadDeletedSinceAsync("Invoice__c", since).ToListAsync();
        var fromGetDeleted = await client.ReadDeletedSinceAsync("Invoice__c", since, SalesforceDeleteSource.GetDeleted, org.Clock.Now().AddMinutes(2)).ToListAsync();
        var beforeDeletes = await client.ReadDeletedSinceAsync("Invoice__c", start, SalesforceDeleteSource.QueryAll, since.AddMilliseconds(-1)).ToListAsync();

        Assert.Equal(new[] { ids[1], ids[3] }.Order(StringComparer.Ordinal), fromQueryAll.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { ids[1], ids[3] }.Order(StringComparer.Ordinal), fromGetDeleted.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(fromQueryAll.Concat(fromGetDeleted), d => Assert.InRange(d.DeletedAt, since, org.Clock.Now()));
        Assert.Empty(beforeDeletes);
    }

    [Fact]
    public async Task ReadDeletedSince_OutsideGetDeletedsWindow_SaysSo()
    {
        await using var server = await StartAsync();
        using var client = Client(server);
        var now = server.Salesforce.Clock.Now();

        var ex = await Assert.ThrowsAsync<SyncException>(() => client.ReadDeletedSinceAsync("Invoice__c", now.AddDays(-20), SalesforceDeleteSource.GetDeleted, now).ToListAsync());

        Assert.Equal("SalesforceDeletedWindowInvalid", ex.ErrorId);
        Assert.Contains("15 days", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrieve_AnswersInIdOrder_WithNullForAMissingRecord_200IdsACall()
    {
        await using var server = await StartAsync();
        var ids = SeedInvoices(server, 250, "GET-");
        using var client = Client(server);
        await client.DescribeAsync("Invoice__c");
        var before = client.ApiCallCount;
        var wanted = ids.Reverse().ToList();
        wanted.Insert(7, "a0X5g0000000000AAA");

        var records = await client.RetrieveAsync("Invoice__c", wanted, ["Name", "Amount__c"]);

        Assert.Equal(251, records.Count);
        Assert.Null(records[7]);
        Assert.Equal(wanted.Where((_, i) => i != 7), records.Where(r => r is not null).Select(r => r!.Id));
        Assert.Equal("GET-00250", records[0]!["Name"]);
        Assert.Equal(2, client.ApiCallCount - before);
    }

    [Fact]
    public async Task BulkQuery_FollowsTheLocatorToNull_AndReadsTheSameRecordsAsRest()
    {
        await using var server = await StartAsync(o => o.BulkPollsBeforeComplete = 2);
        SeedInvoices(server, 4960);
        using var client = Client(server, Fast with { BulkPageSize = 2000 });
        var invoice = await client.DescribeAsync("Invoice__c");
        var query = SoqlQuery.Select(invoice, "Name", "Amount__c", "Tax_Rate__c", "Units__c", "Due_Date__c", "Sent_At__c", "Paid__c", "Status__c",
            "Channels__c", "Notes__c", "Billing_Email__c", "Total_With_Tax__c", "Account__c", "HubSpot_Id__c", "SystemModstamp").OrderBy("Id");
        server.Salesforce.ResetRequests();
        var before = client.ApiCallCount;

        var bulk = await client.BulkQueryAsync(query).ToListAsync();
        var bulkCalls = client.ApiCallCount - before;
        var rest = await client.QueryAsync(query).ToListAsync();

        Assert.Equal(5000, bulk.Count);
        Assert.Equal(rest, bulk);
        // Create the job, three state reads (two in progress, then complete), three result pages.
        Assert.Equal(7, bulkCalls);
        Assert.Equal(3, server.Salesforce.Requests.Count("GET", "/results"));
    }

    [Fact]
    public async Task AQueryTheOrgRefuses_IsSalesforceQueryInvalid_WithTheQuery()
    {
        await using var server = await StartAsync();
        using var client = Client(server);
        var invoice = await client.DescribeAsync("Invoice__c");
        // A describe from elsewhere can name a field this org does not have: the org's answer is the judge.
        var stale = invoice with { Fields = [.. invoice.Fields, new Metadata.SalesforceFieldDescription { Name = "Gone__c", Type = "string" }] };

        var ex = await Assert.ThrowsAsync<SyncException>(() => client.QueryAsync(SoqlQuery.Select(stale, "Gone__c")).ToListAsync());

        Assert.Equal("SalesforceQueryInvalid", ex.ErrorId);
        Assert.Contains("INVALID_FIELD", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Gone__c", ex.Message, StringComparison.Ordinal);
    }

    private static DateTimeOffset WholeSecond(DateTimeOffset value) => new(value.UtcDateTime.Year, value.UtcDateTime.Month, value.UtcDateTime.Day, value.UtcDateTime.Hour, value.UtcDateTime.Minute, value.UtcDateTime.Second, TimeSpan.Zero);
}
