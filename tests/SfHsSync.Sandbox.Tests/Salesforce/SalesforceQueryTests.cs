using System.Net;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Tests.Salesforce;

public sealed class SalesforceQueryTests
{
    private static async Task<JsonNode> Ok(SalesforceTestOrg sf, string soql, bool all = false)
    {
        var (status, body, _) = await sf.QueryAsync(soql, all);
        Assert.True(status == HttpStatusCode.OK, $"{soql} answered {status}: {body?.ToJsonString()}");
        return body!;
    }

    private static async Task<string> Refused(SalesforceTestOrg sf, string soql)
    {
        var (status, body, _) = await sf.QueryAsync(soql);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        SalesforceContracts.AssertOpenApiValid("ErrorInfo", body![0]);
        return SalesforceTestOrg.ErrorCode(body);
    }

    private static string[] Names(JsonNode body) => body["records"]!.AsArray().Select(r => (string)r!["Name"]!).ToArray();

    [Fact]
    public async Task Records_carry_attributes_typed_values_and_the_wire_formats()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var body = await Ok(sf, "SELECT Id, Name, Amount__c, Tax_Rate__c, Total_With_Tax__c, Paid__c, Due_Date__c, Sent_At__c, Channels__c, Invoice_Seq__c, SystemModstamp FROM Invoice__c WHERE Name = 'INV-0002'");

        Assert.Equal(1, (int)body["totalSize"]!);
        Assert.True((bool)body["done"]!);
        var r = body["records"]![0]!;
        var id = (string)r["Id"]!;
        Assert.Equal(18, id.Length);
        Assert.StartsWith("a0X", id, StringComparison.Ordinal);
        Assert.Equal("Invoice__c", (string)r["attributes"]!["type"]!);
        Assert.Equal($"/services/data/v62.0/sobjects/Invoice__c/{id}", (string)r["attributes"]!["url"]!);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, r["Amount__c"]!.GetValueKind());
        Assert.True(r["Paid__c"]!.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False);
        var amount = (decimal)r["Amount__c"]!;
        var rate = (decimal)r["Tax_Rate__c"]!;
        Assert.Equal(Math.Round(amount * (1 + (rate / 100)), 2, MidpointRounding.AwayFromZero), (decimal)r["Total_With_Tax__c"]!);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", (string)r["Due_Date__c"]!);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$", (string)r["Sent_At__c"]!);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$", (string)r["SystemModstamp"]!);
        Assert.Equal("SEQ-000002", (string)r["Invoice_Seq__c"]!);
    }

    [Fact]
    public async Task Standard_object_records_match_their_openapi_schemas()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var queries = new Dictionary<string, string>
        {
            ["Account"] = "SELECT Id, IsDeleted, Name, Industry, AnnualRevenue, Website, Phone, OwnerId, CreatedDate, SystemModstamp FROM Account",
            ["Contact"] = "SELECT Id, FirstName, LastName, Name, Email, AccountId, OwnerId FROM Contact",
            ["Lead"] = "SELECT Id, FirstName, LastName, Company, Email, Status FROM Lead",
            ["Campaign"] = "SELECT Id, Name, Type, Status, StartDate, IsActive FROM Campaign",
            ["CampaignMember"] = "SELECT Id, CampaignId, ContactId, LeadId, Status FROM CampaignMember",
            ["Product2"] = "SELECT Id, Name, ProductCode, Family, IsActive FROM Product2",
            ["Order"] = "SELECT Id, OrderNumber, AccountId, EffectiveDate, Status FROM Order",
            ["RecordType"] = "SELECT Id, Name, DeveloperName, SobjectType, IsActive FROM RecordType",
        };
        foreach (var (name, soql) in queries)
        {
            var body = await Ok(sf, soql);
            Assert.True((int)body["totalSize"]! >= 3, name);
            foreach (var record in body["records"]!.AsArray())
            {
                SalesforceContracts.AssertOpenApiValid(name + "SObject", record);
            }
        }

        Assert.Equal(5, (int)(await Ok(sf, "SELECT COUNT() FROM Account"))["totalSize"]!);
        Assert.Equal(40, (int)(await Ok(sf, "SELECT COUNT() FROM Invoice__c"))["totalSize"]!);
    }

    [Fact]
    public async Task Where_combines_and_or_not_in_like_and_typed_literals()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var all = sf.Org.Records("Invoice__c");
        async Task Expect(string where, Func<SfHsSync.Sandbox.Salesforce.Data.SObjectRecord, bool> predicate)
        {
            var body = await Ok(sf, $"SELECT Name FROM Invoice__c WHERE {where} ORDER BY Name");
            var expected = all.Where(predicate).Select(r => (string)r["Name"]!).Order(StringComparer.Ordinal).ToArray();
            Assert.True(expected.Length > 0, $"the Demo has no invoice for {where}: the test proves nothing");
            Assert.True(expected.Length < all.Count, $"every invoice matches {where}: the test proves nothing");
            Assert.Equal(expected, Names(body));
        }

        await Expect("Status__c = 'Paid'", r => (string?)r["Status__c"] == "Paid");
        await Expect("status__c = 'paid'", r => (string?)r["Status__c"] == "Paid");
        await Expect("Amount__c > 10000 AND Paid__c = true", r => (decimal)r["Amount__c"]! > 10000 && (bool)r["Paid__c"]!);
        await Expect("(Status__c = 'Void' OR Status__c = 'Draft') AND Amount__c <= 5000.5", r => (string?)r["Status__c"] is "Void" or "Draft" && (decimal)r["Amount__c"]! <= 5000.5m);
        await Expect("NOT Status__c IN ('Paid', 'Sent')", r => (string?)r["Status__c"] is not ("Paid" or "Sent"));
        await Expect("Status__c NOT IN ('Paid')", r => (string?)r["Status__c"] != "Paid");
        await Expect("Due_Date__c >= 2025-06-01 AND Due_Date__c < 2025-09-01", r => (DateOnly)r["Due_Date__c"]! >= new DateOnly(2025, 6, 1) && (DateOnly)r["Due_Date__c"]! < new DateOnly(2025, 9, 1));
        await Expect("Sent_At__c > 2025-06-01T00:00:00Z", r => r["Sent_At__c"] is DateTimeOffset d && d > new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero));
        await Expect("Sent_At__c = null", r => r["Sent_At__c"] is null);
        await Expect("Sent_At__c < TODAY", r => r["Sent_At__c"] is DateTimeOffset d && d < new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero));
        await Expect("Sent_At__c != null AND Paid__c = false", r => r["Sent_At__c"] is not null && !(bool)r["Paid__c"]!);
        await Expect("Name LIKE 'INV-001%'", r => ((string)r["Name"]!).StartsWith("INV-001", StringComparison.Ordinal));
        var firstId = all[3].Id;
        await Expect($"Id = '{firstId[..15]}'", r => r.Id == firstId);
        await Expect($"Id IN ('{all[0].Id}', '{all[1].Id}')", r => r.Id == all[0].Id || r.Id == all[1].Id);
        await Expect($"Account__c = '{all[0]["Account__c"]}'", r => Equals(r["Account__c"], all[0]["Account__c"]));
    }

    [Fact]
    public async Task Order_by_limit_offset_and_parent_fields()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var body = await Ok(sf, "SELECT Name, Amount__c, Account__r.Name, Account__r.Industry FROM Invoice__c ORDER BY Amount__c DESC NULLS LAST, Name LIMIT 5 OFFSET 2");
        var expected = sf.Org.Records("Invoice__c").OrderByDescending(r => (decimal)r["Amount__c"]!).Skip(2).Take(5).ToArray();
        Assert.Equal(expected.Select(r => (string)r["Name"]!), Names(body));
        Assert.Equal(5, (int)body["totalSize"]!);
        var first = body["records"]![0]!;
        var account = sf.Org.Find((string)expected[0]["Account__c"]!)!;
        Assert.Equal((string)account["Name"]!, (string)first["Account__r"]!["Name"]!);
        Assert.Equal((string)account["Industry"]!, (string)first["Account__r"]!["Industry"]!);
        Assert.Equal("Account", (string)first["Account__r"]!["attributes"]!["type"]!);
    }

    [Fact]
    public async Task Injection_attempts_stay_inside_the_literal()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        sf.Org.Insert("Invoice__c", new Dictionary<string, object?> { ["Name"] = "x' OR Name != '" });

        var escaped = await Ok(sf, @"SELECT Name FROM Invoice__c WHERE Name = 'x\' OR Name != \''");
        Assert.Equal(["x' OR Name != '"], Names(escaped));

        var unescaped = await Ok(sf, "SELECT Name FROM Invoice__c WHERE Name = 'nobody' OR Name = 'INV-0001\\' OR Name != \\'x'");
        Assert.Empty(Names(unescaped));
        Assert.Equal("MALFORMED_QUERY", await Refused(sf, "SELECT Name FROM Invoice__c WHERE Name = 'x' OR Name != 'y' AND Paid__c = true"));
        Assert.Equal("MALFORMED_QUERY", await Refused(sf, "SELECT Name FROM Invoice__c WHERE Name = 'x'; DELETE FROM Invoice__c"));
        Assert.Equal(41, sf.Org.Count("Invoice__c"));
    }

    [Theory]
    [InlineData("SELECT Nope__c FROM Invoice__c", "INVALID_FIELD")]
    [InlineData("SELECT Name FROM Invoice__c WHERE Nope__c = 'x'", "INVALID_FIELD")]
    [InlineData("SELECT Name FROM Invoice__c ORDER BY Nope__c", "INVALID_FIELD")]
    [InlineData("SELECT Name, Name FROM Invoice__c", "INVALID_FIELD")]
    [InlineData("SELECT Name FROM Invoice__c WHERE Amount__c = '10'", "INVALID_FIELD")]
    [InlineData("SELECT Name FROM Invoice__c WHERE Name = 10", "INVALID_FIELD")]
    [InlineData("SELECT Name FROM Invoice__c WHERE Due_Date__c = '2025-01-01'", "INVALID_FIELD")]
    [InlineData("SELECT Name FROM Invoice__c WHERE Sent_At__c > 2025-01-01", "INVALID_FIELD")]
    [InlineData("SELECT Name FROM Invoice__c WHERE Paid__c = 'true'", "INVALID_FIELD")]
    [InlineData("SELECT Name FROM Invoice__c WHERE Notes__c = 'x'", "INVALID_FIELD")]
    [InlineData("SELECT Name FROM Invoice__c ORDER BY Notes__c", "INVALID_FIELD")]
    [InlineData("SELECT Nope__r.Name FROM Invoice__c", "INVALID_FIELD")]
    [InlineData("SELECT Id FROM Invoices__c", "INVALID_TYPE")]
    [InlineData("SELECT Id FROM Invoice", "INVALID_TYPE")]
    [InlineData("SELECT FROM Invoice__c", "MALFORMED_QUERY")]
    [InlineData("SELECT Id Invoice__c", "MALFORMED_QUERY")]
    [InlineData("SELECT Id FROM Invoice__c WHERE", "MALFORMED_QUERY")]
    [InlineData("SELECT Id FROM Invoice__c WHERE Name = 'open", "MALFORMED_QUERY")]
    [InlineData("SELECT Id FROM Invoice__c LIMIT ten", "MALFORMED_QUERY")]
    [InlineData("SELECT Id FROM Invoice__c GROUP BY Name", "MALFORMED_QUERY")]
    [InlineData("SELECT Status__c, MAX(Amount__c) FROM Invoice__c GROUP BY Status__c HAVING MAX(Amount__c) > 10", "MALFORMED_QUERY")]
    [InlineData("SELECT Id, (SELECT Id FROM Contacts) FROM Account", "MALFORMED_QUERY")]
    [InlineData("DELETE FROM Invoice__c", "MALFORMED_QUERY")]
    [InlineData("SELECT Id FROM Invoice__c WHERE Account__c IN (SELECT Id FROM Account)", "MALFORMED_QUERY")]
    [InlineData("SELECT Id FROM Invoice__c LIMIT 5 ORDER BY Name", "MALFORMED_QUERY")]
    [InlineData("SELECT Id FROM Invoice__c FOR UPDATE", "MALFORMED_QUERY")]
    [InlineData("", "MALFORMED_QUERY")]
    [InlineData("SELECT Id FROM Invoice__c WHERE Id = 'not-an-id'", "INVALID_QUERY_FILTER_OPERATOR")]
    public async Task Refusals_carry_salesforce_error_codes(string soql, string errorCode)
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        Assert.Equal(errorCode, await Refused(sf, soql));
    }

    [Fact]
    public async Task Query_more_pages_by_batch_size_and_stays_stable_while_records_change()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var ids = SeedInvoices(sf, 450);
        sf.Org.ResetRequests();

        var seen = new List<string>();
        var request = new HttpRequestMessage(HttpMethod.Get, "query?q=" + Uri.EscapeDataString("SELECT Id, Name FROM Invoice__c WHERE Name LIKE 'PAGE-%' ORDER BY Name"));
        request.Headers.Add("Sforce-Query-Options", "batchSize=200");
        var response = await sf.Http.SendAsync(request);
        var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var pages = 1;
        Assert.Equal(450, (int)page["totalSize"]!);
        seen.AddRange(page["records"]!.AsArray().Select(r => (string)r!["Id"]!));

        // A record deleted after the query ran still shows on later pages: the cursor is a snapshot.
        sf.Org.Delete("Invoice__c", ids[449]);
        while (!(bool)page["done"]!)
        {
            var next = (string)page["nextRecordsUrl"]!;
            Assert.Matches(@"^/services/data/v62\.0/query/01g[0-9A-Za-z]+-\d+$", next);
            page = (await sf.GetAsync(next)).Body!;
            pages++;
            seen.AddRange(page["records"]!.AsArray().Select(r => (string)r!["Id"]!));
        }

        Assert.Equal(3, pages);
        Assert.Equal(3, sf.Org.Requests.Count("GET", "/query"));
        Assert.Equal(ids, seen);
    }

    [Fact]
    public async Task Default_page_is_2000_and_batch_size_is_clamped_to_200_2000()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        SeedInvoices(sf, 2100);
        var first = await Ok(sf, "SELECT Id FROM Invoice__c");
        Assert.Equal(2000, first["records"]!.AsArray().Count);
        Assert.False((bool)first["done"]!);

        var request = new HttpRequestMessage(HttpMethod.Get, "query?q=" + Uri.EscapeDataString("SELECT Id FROM Invoice__c"));
        request.Headers.Add("Sforce-Query-Options", "batchSize=5");
        var small = JsonNode.Parse(await (await sf.Http.SendAsync(request)).Content.ReadAsStringAsync())!;
        Assert.Equal(200, small["records"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_bad_locator_is_invalid_query_locator()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var (status, body, _) = await sf.GetAsync("query/01gNOPE-2000");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_QUERY_LOCATOR", SalesforceTestOrg.ErrorCode(body));
    }

    [Fact]
    public async Task Query_all_sees_soft_deleted_records_and_query_does_not()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var victim = sf.Org.Records("Invoice__c")[0];
        sf.Org.Delete("Invoice__c", victim.Id);

        var live = await Ok(sf, $"SELECT Id, IsDeleted FROM Invoice__c WHERE Id = '{victim.Id}'");
        Assert.Equal(0, (int)live["totalSize"]!);
        var all = await Ok(sf, $"SELECT Id, IsDeleted FROM Invoice__c WHERE Id = '{victim.Id}'", all: true);
        Assert.Equal(1, (int)all["totalSize"]!);
        Assert.True((bool)all["records"]![0]!["IsDeleted"]!);
        Assert.Equal(40, (int)(await Ok(sf, "SELECT COUNT() FROM Invoice__c", all: true))["totalSize"]!);
        Assert.Equal(39, (int)(await Ok(sf, "SELECT COUNT() FROM Invoice__c"))["totalSize"]!);
        Assert.Equal(1, (int)(await Ok(sf, "SELECT COUNT() FROM Invoice__c WHERE IsDeleted = true", all: true))["totalSize"]!);
    }

    [Fact]
    public async Task Records_sharing_one_system_modstamp_page_by_modstamp_and_id_without_loss()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var now = sf.Org.Clock.Now();
        var stamp = new DateTimeOffset(now.Year + 1, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => sf.Org.Clock.Freeze(now.AddSeconds(-1)));
        sf.Org.Clock.Freeze(stamp);
        var ids = SeedInvoices(sf, 300);
        var literal = $"{stamp.Year}-01-02T03:04:05.678Z";
        var body = await Ok(sf, $"SELECT Id, SystemModstamp FROM Invoice__c WHERE SystemModstamp >= {literal} ORDER BY SystemModstamp, Id");
        Assert.Equal(300, (int)body["totalSize"]!);
        Assert.All(body["records"]!.AsArray(), r => Assert.Equal($"{stamp.Year}-01-02T03:04:05.678+0000", (string)r!["SystemModstamp"]!));
        Assert.Equal(ids.Order(StringComparer.Ordinal), body["records"]!.AsArray().Select(r => (string)r!["Id"]!));
        Assert.Equal(0, (int)(await Ok(sf, $"SELECT COUNT() FROM Invoice__c WHERE SystemModstamp > {literal}"))["totalSize"]!);

        sf.Org.Clock.Advance(TimeSpan.FromMilliseconds(1));
        sf.Org.Update("Invoice__c", ids[0], new Dictionary<string, object?> { ["Amount__c"] = 1m });
        var after = await Ok(sf, $"SELECT Id, SystemModstamp FROM Invoice__c WHERE SystemModstamp > {literal}");
        Assert.Equal(ids[0], (string)after["records"]![0]!["Id"]!);
        Assert.Equal($"{stamp.Year}-01-02T03:04:05.679+0000", (string)after["records"]![0]!["SystemModstamp"]!);
    }

    internal static IReadOnlyList<string> SeedInvoices(SalesforceTestOrg sf, int count, string prefix = "PAGE-")
        => sf.Org.InsertMany("Invoice__c", Enumerable.Range(1, count).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Name"] = $"{prefix}{i:D5}",
            ["Amount__c"] = 10m + i,
            ["Status__c"] = "Sent",
        }));
}
