using System.Net;
using System.Text.Json.Nodes;
using SfHsSync.Sandbox.Salesforce;

namespace SfHsSync.Sandbox.Tests.Salesforce;

public sealed class SalesforceRecordTests
{
    private static readonly HttpMethod Patch = HttpMethod.Patch;

    private static readonly string MissingInvoiceId = SfHsSync.Sandbox.Salesforce.Schema.SalesforceId.Create("a0X", 999_999);

    [Fact]
    public async Task Create_read_update_delete_answer_201_200_204_204_and_stamp_every_write()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var account = sf.Org.Records("Account")[0].Id;

        var (status, body, _) = await sf.SendAsync(HttpMethod.Post, "sobjects/Invoice__c", new { Name = "INV-7000", Amount__c = 100.456, Tax_Rate__c = 10, Status__c = "Draft", Account__c = account, Channels__c = "Email; Mail", Due_Date__c = "2025-03-01" });
        Assert.Equal(HttpStatusCode.Created, status);
        SalesforceContracts.AssertOpenApiValid("SaveResult", body);
        Assert.True((bool)body!["success"]!);
        Assert.Empty(body["errors"]!.AsArray());
        var id = (string)body["id"]!;

        var created = sf.Org.Find(id)!;
        Assert.Equal(100.46m, created["Amount__c"]);
        Assert.Equal(110.51m, created["Total_With_Tax__c"]);
        Assert.Equal("Email;Mail", created["Channels__c"]);
        Assert.Equal(false, created["Paid__c"]);
        Assert.Equal(sf.Org.UserId, created["OwnerId"]);
        Assert.Equal("SEQ-000041", created["Invoice_Seq__c"]);
        var firstStamp = created.SystemModstamp;
        Assert.Equal(firstStamp, created["CreatedDate"]);
        Assert.Equal(firstStamp, created["LastModifiedDate"]);

        var read = await sf.GetAsync($"sobjects/Invoice__c/{id}?fields=Name,Amount__c,Account__c");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("INV-7000", (string)read.Body!["Name"]!);
        Assert.Equal(account, (string)read.Body["Account__c"]!);
        Assert.Null(read.Body["Paid__c"]);

        sf.Org.Clock.Advance(TimeSpan.FromSeconds(2));
        (status, body, _) = await sf.SendAsync(Patch, $"sobjects/Invoice__c/{id}", new { Status__c = "Sent", Notes__c = (string?)null });
        Assert.Equal(HttpStatusCode.NoContent, status);
        var updated = sf.Org.Find(id)!;
        Assert.Equal("Sent", updated["Status__c"]);
        Assert.True(updated.SystemModstamp >= firstStamp.AddSeconds(2));
        Assert.Equal(firstStamp, updated["CreatedDate"]);

        (status, _, _) = await sf.SendAsync(HttpMethod.Delete, $"sobjects/Invoice__c/{id}");
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.True(sf.Org.Find(id)!.IsDeleted);
        Assert.True(sf.Org.Find(id)!.SystemModstamp > updated.SystemModstamp || sf.Org.Find(id)!.SystemModstamp == updated.SystemModstamp);

        (status, body, _) = await sf.SendAsync(Patch, $"sobjects/Invoice__c/{id}", new { Status__c = "Paid" });
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("ENTITY_IS_DELETED", SalesforceTestOrg.ErrorCode(body));
        (status, body, _) = await sf.SendAsync(HttpMethod.Delete, $"sobjects/Invoice__c/{id}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("ENTITY_IS_DELETED", SalesforceTestOrg.ErrorCode(body));
        (status, body, _) = await sf.SendAsync(Patch, $"sobjects/Invoice__c/{MissingInvoiceId}", new { Status__c = "Paid" });
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NOT_FOUND", SalesforceTestOrg.ErrorCode(body));
    }

    [Theory]
    [InlineData("{\"Amount__c\": 5}", "REQUIRED_FIELD_MISSING", "Name")]
    [InlineData("{\"Name\": \"X\", \"Status__c\": \"Overdue\"}", "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "Status__c")]
    [InlineData("{\"Name\": \"X\", \"Billing_Email__c\": \"not an email\"}", "INVALID_EMAIL_ADDRESS", "Billing_Email__c")]
    [InlineData("{\"Name\": \"X\", \"Total_With_Tax__c\": 5}", "INVALID_FIELD_FOR_INSERT_UPDATE", "Total_With_Tax__c")]
    [InlineData("{\"Name\": \"X\", \"Invoice_Seq__c\": \"SEQ-1\"}", "INVALID_FIELD_FOR_INSERT_UPDATE", "Invoice_Seq__c")]
    [InlineData("{\"Name\": \"X\", \"SystemModstamp\": \"2025-01-01T00:00:00Z\"}", "INVALID_FIELD_FOR_INSERT_UPDATE", "SystemModstamp")]
    [InlineData("{\"Name\": \"X\", \"Amount__c\": \"lots\"}", "INVALID_TYPE_ON_FIELD_IN_RECORD", "Amount__c")]
    [InlineData("{\"Name\": \"X\", \"Due_Date__c\": \"01/03/2025\"}", "INVALID_TYPE_ON_FIELD_IN_RECORD", "Due_Date__c")]
    [InlineData("{\"Name\": \"X\", \"Paid__c\": \"perhaps\"}", "INVALID_TYPE_ON_FIELD_IN_RECORD", "Paid__c")]
    [InlineData("{\"Name\": \"X\", \"Amount__c\": 12345678901234567}", "NUMBER_OUTSIDE_VALID_RANGE", "Amount__c")]
    [InlineData("{\"Name\": \"X\", \"Amount__c\": -1}", "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Amount__c")]
    [InlineData("{\"Name\": \"X\", \"Account__c\": \"nope\"}", "MALFORMED_ID", "Account__c")]
    [InlineData("{\"Name\": \"X\", \"Account__c\": \"0035g0000000001AAA\"}", "FIELD_INTEGRITY_EXCEPTION", "Account__c")]
    [InlineData("{\"Name\": \"X\", \"Account__c\": \"0015g00000000zzAAA\"}", "INVALID_CROSS_REFERENCE_KEY", "Account__c")]
    [InlineData("{\"Name\": \"X\", \"Colour__c\": \"red\"}", "INVALID_FIELD", "Colour__c")]
    public async Task Writes_are_checked_and_refused_with_salesforce_error_codes(string json, string errorCode, string field)
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var (status, body, _) = await sf.SendAsync(HttpMethod.Post, "sobjects/Invoice__c", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        SalesforceContracts.AssertOpenApiValid("ErrorInfo", body![0]);
        Assert.Equal(errorCode, SalesforceTestOrg.ErrorCode(body));
        Assert.Contains(field, body[0]!["fields"]!.AsArray().Select(f => (string)f!));
        Assert.Equal(40, sf.Org.Count("Invoice__c"));
    }

    [Fact]
    public async Task Too_long_text_and_duplicate_unique_values_are_refused()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var (status, body, _) = await sf.SendAsync(HttpMethod.Post, "sobjects/Invoice__c", new { Name = new string('N', 81) });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("STRING_TOO_LONG", SalesforceTestOrg.ErrorCode(body));
        Assert.Contains("max length=80", (string)body![0]!["message"]!, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Created, (await sf.SendAsync(HttpMethod.Post, "sobjects/Invoice__c", new { Name = "A", HubSpot_Id__c = "hs-1" })).Status);
        (status, body, _) = await sf.SendAsync(HttpMethod.Post, "sobjects/Invoice__c", new { Name = "B", HubSpot_Id__c = "HS-1" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("DUPLICATE_VALUE", SalesforceTestOrg.ErrorCode(body));

        var first = sf.Org.Records("Invoice__c")[0].Id;
        (status, body, _) = await sf.SendAsync(Patch, $"sobjects/Invoice__c/{first}", new { Name = (string?)null });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("REQUIRED_FIELD_MISSING", SalesforceTestOrg.ErrorCode(body));
        (status, body, _) = await sf.SendAsync(HttpMethod.Post, "sobjects/RecordType", new { Name = "New" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_TYPE_FOR_OPERATION", SalesforceTestOrg.ErrorCode(body));
    }

    [Fact]
    public async Task Upsert_by_external_id_answers_201_then_200_then_300_and_404_for_an_unknown_field()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var (status, body, _) = await sf.SendAsync(Patch, "sobjects/Invoice__c/HubSpot_Id__c/987", new { Name = "INV-HS-987", Amount__c = 5 });
        Assert.Equal(HttpStatusCode.Created, status);
        SalesforceContracts.AssertOpenApiValid("SaveResult", body);
        Assert.True((bool)body!["created"]!);
        var id = (string)body["id"]!;
        Assert.Equal("987", sf.Org.Find(id)!["HubSpot_Id__c"]);

        (status, body, _) = await sf.SendAsync(Patch, "sobjects/Invoice__c/HubSpot_Id__c/987", new { Amount__c = 6 });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False((bool)body!["created"]!);
        Assert.Equal(id, (string)body["id"]!);
        Assert.Equal(6m, sf.Org.Find(id)!["Amount__c"]);
        Assert.Equal(41, sf.Org.Count("Invoice__c"));

        // Legacy_Id__c is an external ID without uniqueness: two accounts sharing a value make the upsert ambiguous.
        var accounts = sf.Org.Records("Account");
        sf.Org.Update("Account", accounts[1].Id, new Dictionary<string, object?> { ["Legacy_Id__c"] = "L-001" });
        (status, body, _) = await sf.SendAsync(Patch, "sobjects/Account/Legacy_Id__c/L-001", new { Website = "https://x.example.com" });
        Assert.Equal(HttpStatusCode.MultipleChoices, status);
        var urls = body!.AsArray().Select(u => (string)u!).Order().ToArray();
        Assert.Equal(new[] { accounts[0].Id, accounts[1].Id }.Select(i => $"/services/data/v62.0/sobjects/Account/{i}").Order(), urls);

        (status, body, _) = await sf.SendAsync(Patch, "sobjects/Invoice__c/Name/INV-0001", new { Amount__c = 1 });
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NOT_FOUND", SalesforceTestOrg.ErrorCode(body));
        (status, body, _) = await sf.SendAsync(Patch, "sobjects/Invoice__c/Nope__c/1", new { Amount__c = 1 });
        Assert.Equal(HttpStatusCode.NotFound, status);

        var byKey = await sf.GetAsync("sobjects/Invoice__c/HubSpot_Id__c/987?fields=Id,Amount__c");
        Assert.Equal(id, (string)byKey.Body!["Id"]!);
    }

    [Fact]
    public async Task Get_updated_and_get_deleted_report_the_window_and_refuse_old_starts()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var org = sf.Org;
        var now = org.Clock.Now();
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(2);
        org.Clock.Freeze(start.AddSeconds(10));
        var invoices = org.Records("Invoice__c");
        org.Update("Invoice__c", invoices[0].Id, new Dictionary<string, object?> { ["Amount__c"] = 1m });
        org.Delete("Invoice__c", invoices[1].Id);
        org.Clock.Advance(TimeSpan.FromMinutes(3));

        string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture));
        var (status, body, _) = await sf.GetAsync($"sobjects/Invoice__c/updated/?start={Iso(start)}&end={Iso(start.AddMinutes(1))}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([invoices[0].Id], body!["ids"]!.AsArray().Select(i => (string)i!));
        Assert.Equal(SfHsSync.Sandbox.Salesforce.Schema.FieldValues.FormatDateTime(start.AddMinutes(1)), (string)body["latestDateCovered"]!);

        (status, body, _) = await sf.GetAsync($"sobjects/Invoice__c/deleted/?start={Iso(start)}&end={Iso(start.AddMinutes(1))}");
        Assert.Equal(HttpStatusCode.OK, status);
        SalesforceContracts.AssertOpenApiValid("GetDeletedResult", body);
        var deleted = Assert.Single(body!["deletedRecords"]!.AsArray());
        Assert.Equal(invoices[1].Id, (string)deleted!["id"]!);
        Assert.Equal(SfHsSync.Sandbox.Salesforce.Schema.FieldValues.FormatDateTime(start.AddSeconds(10)), (string)deleted["deletedDate"]!);

        (status, body, _) = await sf.GetAsync($"sobjects/Invoice__c/updated/?start={Iso(start.AddMinutes(1))}&end={Iso(start.AddMinutes(2))}");
        Assert.Empty(body!["ids"]!.AsArray());

        (status, body, _) = await sf.GetAsync($"sobjects/Invoice__c/updated/?start={Iso(start.AddDays(-31))}&end={Iso(start)}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_REPLICATION_DATE", SalesforceTestOrg.ErrorCode(body));
        Assert.Equal(HttpStatusCode.OK, (await sf.GetAsync($"sobjects/Invoice__c/updated/?start={Iso(start.AddDays(-29))}&end={Iso(start)}")).Status);
        (status, body, _) = await sf.GetAsync($"sobjects/Invoice__c/deleted/?start={Iso(start.AddDays(-16))}&end={Iso(start)}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_REPLICATION_DATE", SalesforceTestOrg.ErrorCode(body));
        Assert.Equal(HttpStatusCode.OK, (await sf.GetAsync($"sobjects/Invoice__c/deleted/?start={Iso(start.AddDays(-14))}&end={Iso(start)}")).Status);
        (status, body, _) = await sf.GetAsync($"sobjects/Invoice__c/deleted/?start={Iso(start)}&end={Iso(start.AddMinutes(-5))}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_REPLICATION_DATE", SalesforceTestOrg.ErrorCode(body));
    }

    [Fact]
    public async Task Unsupported_methods_and_paths_answer_salesforce_error_arrays()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var (status, body, _) = await sf.SendAsync(HttpMethod.Put, "sobjects/Invoice__c", new { Name = "x" });
        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Equal("METHOD_NOT_ALLOWED", SalesforceTestOrg.ErrorCode(body));
        (status, body, _) = await sf.GetAsync("nothing/here");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NOT_FOUND", SalesforceTestOrg.ErrorCode(body));
        (status, body, _) = await sf.SendAsync(HttpMethod.Post, "sobjects/Invoice__c", "{ not json");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("JSON_PARSER_ERROR", SalesforceTestOrg.ErrorCode(body));
    }

    [Fact]
    public async Task Direct_writes_are_checked_like_api_writes()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var refused = Assert.Throws<SalesforceWriteException>(() => sf.Org.InsertMany("Invoice__c", [
            new Dictionary<string, object?> { ["Name"] = "ok" },
            new Dictionary<string, object?> { ["Name"] = "bad", ["Status__c"] = "Overdue" },
        ]));
        Assert.Equal("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", refused.Error.StatusCode);
        Assert.Equal(1, refused.Index);
        Assert.Equal(40, sf.Org.Count("Invoice__c"));
        Assert.Throws<ArgumentException>(() => sf.Org.Count("Nope__c"));
        Assert.Equal("INVALID_FIELD_FOR_INSERT_UPDATE", Assert.Throws<SalesforceWriteException>(() => sf.Org.Insert("Invoice__c", new Dictionary<string, object?> { ["Name"] = "x", ["Total_With_Tax__c"] = 1m })).Error.StatusCode);
    }

    [Fact]
    public async Task Record_types_are_read_only_to_the_api_but_an_administrator_can_delete_one()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var recordType = sf.Org.Records("RecordType")[0].Id;
        var (status, body, _) = await sf.SendAsync(HttpMethod.Delete, $"sobjects/RecordType/{recordType}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_TYPE_FOR_OPERATION", SalesforceTestOrg.ErrorCode(body));
        (status, body, _) = await sf.SendAsync(Patch, $"sobjects/RecordType/{recordType}", new { Name = "Renamed" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_TYPE_FOR_OPERATION", SalesforceTestOrg.ErrorCode(body));

        sf.Org.Update("RecordType", recordType, new Dictionary<string, object?> { ["Name"] = "Renamed" });
        sf.Org.Delete("RecordType", recordType);
        var all = await sf.QueryAsync($"SELECT Id, Name, IsDeleted FROM RecordType WHERE Id = '{recordType}'", all: true);
        Assert.True((bool)all.Body!["records"]![0]!["IsDeleted"]!);
        Assert.Equal("Renamed", (string)all.Body["records"]![0]!["Name"]!);
    }
}
