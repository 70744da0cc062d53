using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Salesforce;
using static SfHsSync.Engine.Tests.Salesforce.SalesforceClientSandbox;

namespace SfHsSync.Engine.Tests.Salesforce;

public sealed class SalesforceClientWriteTests
{
    [Fact]
    public async Task Create_Sends200RecordsACall_AndMapsEachResultToItsInput()
    {
        await using var server = await StartAsync();
        using var client = Client(server);
        await client.DescribeAsync("Invoice__c");
        var records = Enumerable.Range(0, 450).Select(i => Invoice($"NEW-{i:D4}", ("Amount__c", "10.25"), ("Paid__c", "true"), ("Due_Date__c", "2025-04-30"))).ToList();
        records[3] = Invoice(null, ("Amount__c", "1"));
        records[250] = Invoice("NEW-BAD-STATUS", ("Status__c", "Lost"));
        records[251] = Invoice(new string('x', 81));
        records[449] = Invoice("NEW-READONLY", ("Total_With_Tax__c", "5"));
        server.Salesforce.ResetRequests();
        var before = client.ApiCallCount;

        var results = await client.CreateAsync("Invoice__c", records);

        Assert.Equal(3, client.ApiCallCount - before);
        Assert.Equal(3, server.Salesforce.Requests.Count("POST", "/composite/sobjects"));
        Assert.Equal(Enumerable.Range(0, 450), results.Select(r => r.Index));
        Assert.Equal([3, 250, 251, 449], results.Where(r => !r.Success).Select(r => r.Index));
        Assert.Equal("REQUIRED_FIELD_MISSING", results[3].Errors.Single().StatusCode);
        Assert.Contains("Name", results[3].Errors.Single().Fields);
        Assert.Equal("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", results[250].Errors.Single().StatusCode);
        Assert.Equal("STRING_TOO_LONG", results[251].Errors.Single().StatusCode);
        Assert.Equal("INVALID_FIELD_FOR_INSERT_UPDATE", results[449].Errors.Single().StatusCode);
        Assert.All(results.Where(r => r.Success), r => Assert.True(r.Created));
        var stored = server.Salesforce.Find(results[100].Id!)!;
        Assert.Equal("NEW-0100", stored["Name"]);
        Assert.Equal(10.25m, stored["Amount__c"]);
        Assert.Equal(true, stored["Paid__c"]);
        Assert.Equal(new DateOnly(2025, 4, 30), stored["Due_Date__c"]);
        Assert.Equal(446, server.Salesforce.Count("Invoice__c") - 40);
    }

    [Fact]
    public async Task Update_WritesOnlyTheGivenFields_AndReportsADeletedRecord()
    {
        await using var server = await StartAsync();
        var ids = SeedInvoices(server, 3, "UPD-");
        server.Salesforce.Delete("Invoice__c", ids[2]);
        using var client = Client(server);

        var results = await client.UpdateAsync("Invoice__c",
        [
            SalesforceRecord.ForUpdate("Invoice__c", ids[0], [new("Amount__c", "99.99"), new("Notes__c", null)]),
            SalesforceRecord.ForUpdate("Invoice__c", ids[1], [new("Status__c", "Paid")]),
            SalesforceRecord.ForUpdate("Invoice__c", ids[2], [new("Status__c", "Paid")]),
        ]);

        Assert.True(results[0].Success);
        Assert.True(results[1].Success);
        Assert.False(results[2].Success);
        Assert.Equal("ENTITY_IS_DELETED", results[2].Errors.Single().StatusCode);
        Assert.Equal(99.99m, server.Salesforce.Find(ids[0])!["Amount__c"]);
        Assert.Equal("UPD-00001", server.Salesforce.Find(ids[0])!["Name"]);
        Assert.Equal("Paid", server.Salesforce.Find(ids[1])!["Status__c"]);
        Assert.Equal("SalesforceRecordIdMissing",
            (await Assert.ThrowsAsync<SyncException>(() => client.UpdateAsync("Invoice__c", [Invoice("no id")]))).ErrorId);
    }

    [Fact]
    public async Task Upsert_CreatesOrUpdatesOnTheExternalId_AndSaysWhich()
    {
        await using var server = await StartAsync();
        using var client = Client(server);
        var first = await client.UpsertAsync("Invoice__c", "HubSpot_Id__c",
            [Invoice("HS-1", ("HubSpot_Id__c", "9001")), Invoice("HS-2", ("HubSpot_Id__c", "9002"))]);

        var second = await client.UpsertAsync("Invoice__c", "HubSpot_Id__c",
            [Invoice("HS-2 renamed", ("HubSpot_Id__c", "9002")), Invoice("HS-3", ("HubSpot_Id__c", "9003"))]);

        Assert.All(first, r => Assert.True(r.Success && r.Created == true));
        Assert.False(second[0].Created);
        Assert.Equal(first[1].Id, second[0].Id);
        Assert.True(second[1].Created);
        Assert.Equal("HS-2 renamed", server.Salesforce.Find(first[1].Id!)!["Name"]);
        var notExternal = await Assert.ThrowsAsync<SyncException>(() => client.UpsertAsync("Invoice__c", "Notes__c", [Invoice("x", ("Notes__c", "n"))]));
        Assert.Equal("SalesforceExternalIdFieldInvalid", notExternal.ErrorId);
        var noValue = await Assert.ThrowsAsync<SyncException>(() => client.UpsertAsync("Invoice__c", "HubSpot_Id__c", [Invoice("HS-4")]));
        Assert.Equal("SalesforceExternalIdMissing", noValue.ErrorId);
    }

    [Fact]
    public async Task Delete_Sends200IdsACall_InInputOrder()
    {
        await using var server = await StartAsync();
        var ids = SeedInvoices(server, 230, "DEL-").ToList();
        server.Salesforce.Delete("Invoice__c", ids[5]);
        using var client = Client(server);

        var results = await client.DeleteAsync(ids);

        Assert.Equal(2, client.ApiCallCount);
        Assert.Equal(ids, results.Select(r => r.Id));
        Assert.Equal([5], results.Where(r => !r.Success).Select(r => r.Index));
        Assert.Equal("ENTITY_IS_DELETED", results[5].Errors.Single().StatusCode);
        Assert.Equal(40, server.Salesforce.Count("Invoice__c"));
    }

    [Fact]
    public async Task AFieldMissingFromDescribe_IsRefusedBeforeAnyWrite()
    {
        await using var server = await StartAsync();
        using var client = Client(server);

        var ex = await Assert.ThrowsAsync<SyncException>(() => client.CreateAsync("Invoice__c", [Invoice("ok"), Invoice("bad", ("Amount", "1"))]));

        Assert.Equal("SalesforceFieldNotFound", ex.ErrorId);
        Assert.Contains("position 1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, client.ApiCallCount);
    }

    [Fact]
    public async Task BulkIngest_MapsSuccessfulAndFailedRowsBackToTheInputs()
    {
        await using var server = await StartAsync(o => o.BulkPollsBeforeComplete = 1);
        using var client = Client(server);
        var records = Enumerable.Range(0, 30).Select(i => Invoice($"BULK-{i:D3}", ("Amount__c", (i * 1.5m).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Notes__c", i == 4 ? "line one\nline \"two\", with comma" : null))).ToList();
        records[7] = Invoice("BULK-BAD", ("Status__c", "Lost"));
        records[20] = Invoice(null, ("Amount__c", "3"));
        // Two identical rows still get one result each.
        records[21] = Invoice("BULK-TWIN", ("Amount__c", "1"));
        records[22] = Invoice("BULK-TWIN", ("Amount__c", "1"));
        await client.DescribeAsync("Invoice__c");
        var before = client.ApiCallCount;

        var results = await client.BulkIngestAsync("Invoice__c", SalesforceBulkOperation.Insert, records);

        Assert.Equal(Enumerable.Range(0, 30), results.Select(r => r.Index));
        Assert.Equal([7, 20], results.Where(r => !r.Success).Select(r => r.Index));
        Assert.Equal("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", results[7].Errors.Single().StatusCode);
        Assert.Equal("REQUIRED_FIELD_MISSING", results[20].Errors.Single().StatusCode);
        Assert.NotEqual(results[21].Id, results[22].Id);
        foreach (var result in results.Where(r => r.Success))
        {
            Assert.True(result.Created);
            Assert.Equal(records[result.Index]["Name"], server.Salesforce.Find(result.Id!)!["Name"]);
        }

        Assert.Equal("line one\nline \"two\", with comma", server.Salesforce.Find(results[4].Id!)!["Notes__c"]);
        // Create, upload, close, two state reads, three result files.
        Assert.Equal(8, client.ApiCallCount - before);
    }

    [Fact]
    public async Task BulkIngest_UpdatesUpsertsAndDeletes()
    {
        await using var server = await StartAsync();
        var ids = SeedInvoices(server, 3, "BLK-");
        using var client = Client(server);

        var updated = await client.BulkIngestAsync("Invoice__c", SalesforceBulkOperation.Update,
            [SalesforceRecord.ForUpdate("Invoice__c", ids[0], [new("Amount__c", "7"), new("Notes__c", null)]),
             SalesforceRecord.ForUpdate("Invoice__c", ids[1], [new("HubSpot_Id__c", "777")])]);
        var upserted = await client.BulkIngestAsync("Invoice__c", SalesforceBulkOperation.Upsert,
            [Invoice("BLK-renamed", ("HubSpot_Id__c", "777")), Invoice("BLK-new", ("HubSpot_Id__c", "778"))], "HubSpot_Id__c");
        var deleted = await client.BulkIngestAsync("Invoice__c", SalesforceBulkOperation.Delete,
            [SalesforceRecord.ForUpdate("Invoice__c", ids[2], []), SalesforceRecord.ForUpdate("Invoice__c", "a0X5g0000000000AAA", [])]);

        Assert.All(updated, r => Assert.True(r.Success));
        Assert.Equal(7m, server.Salesforce.Find(ids[0])!["Amount__c"]);
        Assert.Equal("BLK-00001", server.Salesforce.Find(ids[0])!["Name"]);
        Assert.Equal([false, true], upserted.Select(r => r.Created == true));
        Assert.Equal(ids[1], upserted[0].Id);
        Assert.Equal("BLK-renamed", server.Salesforce.Find(ids[1])!["Name"]);
        Assert.True(deleted[0].Success);
        Assert.False(deleted[1].Success);
        Assert.True(server.Salesforce.Find(ids[2])!.IsDeleted);
    }

    private static SalesforceRecord Invoice(string? name, params (string Field, string? Value)[] values)
        => SalesforceRecord.ForCreate("Invoice__c",
            (name is null ? [] : new[] { new KeyValuePair<string, string?>("Name", name) })
            .Concat(values.Select(v => new KeyValuePair<string, string?>(v.Field, v.Value))));
}
