using System.Net;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Tests.Salesforce;

public sealed class SalesforceCollectionTests
{
    private static readonly string MissingInvoiceId = SfHsSync.Sandbox.Salesforce.Schema.SalesforceId.Create("a0X", 999_999);

    private static JsonObject Invoice(string name, object? status = null)
    {
        var record = new JsonObject { ["attributes"] = new JsonObject { ["type"] = "Invoice__c" }, ["Name"] = name };
        if (status is not null)
        {
            record["Status__c"] = JsonValue.Create(status);
        }

        return record;
    }

    private static JsonObject Body(bool allOrNone, params JsonObject[] records)
        => new() { ["allOrNone"] = allOrNone, ["records"] = new JsonArray(records) };

    private static JsonNode[] Results(JsonNode? body)
    {
        var array = Assert.IsType<JsonArray>(body);
        foreach (var r in array)
        {
            SalesforceContracts.AssertOpenApiValid("SaveResult", r);
        }

        return array.Select(r => r!).ToArray();
    }

    private static string StatusCode(JsonNode result) => (string)result["errors"]![0]!["statusCode"]!;

    [Fact]
    public async Task Create_without_all_or_none_keeps_the_good_records_and_reports_status_codes_in_order()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var (status, body, _) = await sf.SendAsync(HttpMethod.Post, "composite/sobjects", Body(false, Invoice("C-1"), Invoice("C-2", "Overdue"), Invoice("C-3")));

        Assert.Equal(HttpStatusCode.OK, status);
        var results = Results(body);
        Assert.True((bool)results[0]["success"]!);
        Assert.False((bool)results[1]["success"]!);
        Assert.Equal("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", StatusCode(results[1]));
        Assert.Null(results[1]["errors"]![0]!["errorCode"]);
        Assert.Equal(["Status__c"], results[1]["errors"]![0]!["fields"]!.AsArray().Select(f => (string)f!));
        Assert.True((bool)results[2]["success"]!);
        Assert.Equal(42, sf.Org.Count("Invoice__c"));
        Assert.Equal("C-3", sf.Org.Find((string)results[2]["id"]!)!["Name"]);
    }

    [Fact]
    public async Task Create_with_all_or_none_rolls_everything_back_when_one_record_fails()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var (status, body, _) = await sf.SendAsync(HttpMethod.Post, "composite/sobjects", Body(true, Invoice("C-1"), Invoice("C-2", "Overdue"), Invoice("C-3")));

        Assert.Equal(HttpStatusCode.OK, status);
        var results = Results(body);
        Assert.All(results, r => Assert.False((bool)r["success"]!));
        Assert.Equal("ALL_OR_NONE_OPERATION_ROLLED_BACK", StatusCode(results[0]));
        Assert.Equal("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", StatusCode(results[1]));
        Assert.Equal("ALL_OR_NONE_OPERATION_ROLLED_BACK", StatusCode(results[2]));
        Assert.Equal(40, sf.Org.Count("Invoice__c", includeDeleted: true));

        (status, body, _) = await sf.SendAsync(HttpMethod.Post, "composite/sobjects", Body(true, Invoice("C-1"), Invoice("C-3")));
        Assert.All(Results(body), r => Assert.True((bool)r["success"]!));
        Assert.Equal(42, sf.Org.Count("Invoice__c"));
    }

    [Fact]
    public async Task Update_and_delete_honour_all_or_none_both_ways()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var ids = sf.Org.Records("Invoice__c").Take(3).Select(r => r.Id).ToArray();
        JsonObject Change(string id, string status) => new() { ["attributes"] = new JsonObject { ["type"] = "Invoice__c" }, ["id"] = id, ["Status__c"] = status };

        var before = sf.Org.Find(ids[0])!;
        Assert.NotEqual("Void", before["Status__c"]);
        var (_, body, _) = await sf.SendAsync(HttpMethod.Patch, "composite/sobjects", Body(true, Change(ids[0], "Void"), Change(ids[1], "Nope")));
        var results = Results(body);
        Assert.Equal("ALL_OR_NONE_OPERATION_ROLLED_BACK", StatusCode(results[0]));
        Assert.Equal(ids[0], (string)results[0]["id"]!);
        Assert.Same(before, sf.Org.Find(ids[0]));

        (_, body, _) = await sf.SendAsync(HttpMethod.Patch, "composite/sobjects", Body(false, Change(ids[0], "Void"), Change(ids[1], "Nope")));
        results = Results(body);
        Assert.True((bool)results[0]["success"]!);
        Assert.Equal("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", StatusCode(results[1]));
        Assert.Equal("Void", sf.Org.Find(ids[0])!["Status__c"]);

        var (status, deleteBody, _) = await sf.SendAsync(HttpMethod.Delete, $"composite/sobjects?ids={ids[1]},{ids[2]},{MissingInvoiceId}&allOrNone=true");
        Assert.Equal(HttpStatusCode.OK, status);
        results = Results(deleteBody);
        Assert.Equal("ALL_OR_NONE_OPERATION_ROLLED_BACK", StatusCode(results[0]));
        Assert.Equal("INVALID_CROSS_REFERENCE_KEY", StatusCode(results[2]));
        Assert.False(sf.Org.Find(ids[1])!.IsDeleted);

        (_, deleteBody, _) = await sf.SendAsync(HttpMethod.Delete, $"composite/sobjects?ids={ids[1]},{ids[2]},{MissingInvoiceId}");
        results = Results(deleteBody);
        Assert.True((bool)results[0]["success"]!);
        Assert.True((bool)results[1]["success"]!);
        Assert.True(sf.Org.Find(ids[1])!.IsDeleted);
        (_, deleteBody, _) = await sf.SendAsync(HttpMethod.Delete, $"composite/sobjects?ids={ids[1]}");
        Assert.Equal("ENTITY_IS_DELETED", StatusCode(Results(deleteBody)[0]));
    }

    [Fact]
    public async Task Upsert_collection_reports_created_per_record()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        sf.Org.Insert("Invoice__c", new Dictionary<string, object?> { ["Name"] = "existing", ["HubSpot_Id__c"] = "h-1" });
        JsonObject Keyed(string key, string name) => new() { ["attributes"] = new JsonObject { ["type"] = "Invoice__c" }, ["HubSpot_Id__c"] = key, ["Name"] = name };

        var (status, body, _) = await sf.SendAsync(HttpMethod.Patch, "composite/sobjects/Invoice__c/HubSpot_Id__c", Body(false, Keyed("h-1", "renamed"), Keyed("h-2", "new")));
        Assert.Equal(HttpStatusCode.OK, status);
        var results = Results(body);
        Assert.False((bool)results[0]["created"]!);
        Assert.True((bool)results[1]["created"]!);
        Assert.Equal("renamed", sf.Org.Find((string)results[0]["id"]!)!["Name"]);
        Assert.Equal("h-2", sf.Org.Find((string)results[1]["id"]!)!["HubSpot_Id__c"]);

        (status, body, _) = await sf.SendAsync(HttpMethod.Patch, "composite/sobjects/Invoice__c/Name", Body(false, Keyed("h-3", "x")));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NOT_FOUND", SalesforceTestOrg.ErrorCode(body));
    }

    [Fact]
    public async Task More_than_200_records_are_refused_whole()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var records = Enumerable.Range(0, 201).Select(i => Invoice($"X-{i}")).ToArray();
        var (status, body, _) = await sf.SendAsync(HttpMethod.Post, "composite/sobjects", Body(false, records));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("EXCEEDED_ID_LIMIT", SalesforceTestOrg.ErrorCode(body));
        Assert.Equal(40, sf.Org.Count("Invoice__c"));

        var ids = string.Join(',', Enumerable.Range(0, 201).Select(i => MissingInvoiceId));
        (status, body, _) = await sf.SendAsync(HttpMethod.Delete, $"composite/sobjects?ids={ids}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("EXCEEDED_ID_LIMIT", SalesforceTestOrg.ErrorCode(body));

        (status, body, _) = await sf.SendAsync(HttpMethod.Post, "composite/sobjects", Body(false, Enumerable.Range(0, 200).Select(i => Invoice($"X-{i}")).ToArray()));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(200, body!.AsArray().Count);
        Assert.Equal(240, sf.Org.Count("Invoice__c"));
    }

    [Fact]
    public async Task Retrieve_returns_records_in_request_order_with_null_for_missing_ones()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var invoices = sf.Org.Records("Invoice__c");
        sf.Org.Delete("Invoice__c", invoices[2].Id);
        var ids = new JsonArray(invoices[1].Id, MissingInvoiceId, invoices[0].Id, invoices[2].Id);

        var (status, body, _) = await sf.SendAsync(HttpMethod.Post, "composite/sobjects/Invoice__c", new JsonObject { ["ids"] = ids, ["fields"] = new JsonArray("Id", "Name", "Amount__c") });
        Assert.Equal(HttpStatusCode.OK, status);
        var records = body!.AsArray();
        Assert.Equal(4, records.Count);
        Assert.Equal(invoices[1].Id, (string)records[0]!["Id"]!);
        Assert.Null(records[1]);
        Assert.Equal((string)invoices[0]["Name"]!, (string)records[2]!["Name"]!);
        Assert.Null(records[3]);

        var get = await sf.GetAsync($"composite/sobjects/Invoice__c?ids={invoices[0].Id}&fields=Name");
        Assert.Equal((string)invoices[0]["Name"]!, (string)get.Body![0]!["Name"]!);
        var bad = await sf.GetAsync($"composite/sobjects/Invoice__c?ids={invoices[0].Id}&fields=Nope__c");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("INVALID_FIELD", SalesforceTestOrg.ErrorCode(bad.Body));
    }

    [Fact]
    public async Task One_call_gives_every_record_the_same_system_modstamp()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var (_, body, _) = await sf.SendAsync(HttpMethod.Post, "composite/sobjects", Body(false, Enumerable.Range(0, 50).Select(i => Invoice($"S-{i}")).ToArray()));
        var stamps = body!.AsArray().Select(r => sf.Org.Find((string)r!["id"]!)!.SystemModstamp).Distinct().ToArray();
        Assert.Single(stamps);
    }
}
