using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Tests.Salesforce;

/// <summary>
/// Object-level describe flags of a seed (queryable, replicateable, createable, updateable, deletable, systemFields):
/// describe reports them and the API refuses what they forbid, with Salesforce's INVALID_TYPE_FOR_OPERATION.
/// </summary>
public sealed class SalesforceObjectFlagTests : IAsyncLifetime
{
    private const string Seed = """
    { "salesforce": { "objects": [
      { "name": "Parent__c", "keyPrefix": "a10", "fields": [ { "name": "Name", "type": "string", "nameField": true } ],
        "records": [ { "Id": "a10000000000001AAA", "Name": "P1" }, { "Id": "a10000000000002AAA", "Name": "P2" } ] },
      { "name": "Hidden__c", "keyPrefix": "a11", "queryable": false, "fields": [ { "name": "Name", "type": "string" } ], "records": [ { "Name": "h" } ] },
      { "name": "Unreplicated__c", "keyPrefix": "a12", "replicateable": false,
        "systemFields": [ "IsDeleted", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById" ],
        "fields": [ { "name": "Name", "type": "string" } ], "records": [ { "Name": "u" } ] },
      { "name": "Status__c", "label": "Status", "keyPrefix": "a13", "createable": false, "updateable": false, "deletable": false,
        "fields": [ { "name": "MasterLabel", "type": "string" } ], "records": [ { "MasterLabel": "Open" } ] },
      { "name": "Link__c", "keyPrefix": "a14", "updateable": false,
        "fields": [ { "name": "Parent__c", "type": "reference", "referenceTo": "Parent__c", "required": true } ] },
      { "name": "Kept__c", "keyPrefix": "a15", "deletable": false, "fields": [ { "name": "Name", "type": "string" } ], "records": [ { "Name": "k" } ] },
      { "name": "NoBin__c", "keyPrefix": "a16", "systemFields": [ "CreatedDate", "CreatedById" ],
        "fields": [ { "name": "Name", "type": "string" } ], "records": [ { "Name": "n" } ] },
      { "name": "Member__c", "keyPrefix": "a17",
        "fields": [ { "name": "Parent__c", "type": "reference", "referenceTo": "Parent__c", "createOnly": true }, { "name": "Status__c", "type": "string" } ] }
    ] } }
    """;

    private string _path = string.Empty;
    private SalesforceTestOrg _sf = null!;

    public async Task InitializeAsync()
    {
        _path = Path.Combine(Path.GetTempPath(), $"sfhssync-flags-{Guid.NewGuid():N}.seed.json");
        await File.WriteAllTextAsync(_path, Seed);
        _sf = await SalesforceTestOrg.StartAsync(seed: _path);
    }

    public async Task DisposeAsync()
    {
        await _sf.DisposeAsync();
        File.Delete(_path);
    }

    [Theory]
    [InlineData("Hidden__c", false, true, true, true, true)]
    [InlineData("Unreplicated__c", true, false, true, true, true)]
    [InlineData("Status__c", true, true, false, false, false)]
    [InlineData("Link__c", true, true, true, false, true)]
    [InlineData("Kept__c", true, true, true, true, false)]
    [InlineData("Member__c", true, true, true, true, true)]
    public async Task Describe_reports_the_object_flags_in_global_object_and_basic_info(string name, bool queryable, bool replicateable, bool createable, bool updateable, bool deletable)
    {
        var (_, global, _) = await _sf.GetAsync("sobjects");
        var listed = global!["sobjects"]!.AsArray().Single(o => (string)o!["name"]! == name)!;
        var (status, describe, _) = await _sf.GetAsync($"sobjects/{name}/describe");
        Assert.Equal(HttpStatusCode.OK, status);
        SalesforceContracts.AssertDescribeValid(describe);
        var basic = (await _sf.GetAsync($"sobjects/{name}")).Body!["objectDescribe"]!;
        foreach (var shape in new[] { listed, describe!, basic })
        {
            Assert.Equal(queryable, (bool)shape["queryable"]!);
            Assert.Equal(replicateable, (bool)shape["replicateable"]!);
            Assert.Equal(createable, (bool)shape["createable"]!);
            Assert.Equal(updateable, (bool)shape["updateable"]!);
            Assert.Equal(deletable, (bool)shape["deletable"]!);
        }

        Assert.Equal(deletable, (bool)describe!["undeletable"]!);
        var declared = describe["fields"]!.AsArray().Where(f => ((string)f!["name"]!).EndsWith("__c", StringComparison.Ordinal) || (string)f!["name"]! is "Name" or "MasterLabel").ToArray();
        Assert.All(declared, f => Assert.Equal(createable, (bool)f!["createable"]!));
        Assert.All(declared.Where(f => (string)f!["name"]! != "Parent__c" || name != "Member__c"), f => Assert.Equal(updateable, (bool)f!["updateable"]!));
    }

    [Fact]
    public async Task A_query_of_an_object_that_is_not_queryable_is_refused_with_invalid_type_for_operation()
    {
        foreach (var all in new[] { false, true })
        {
            var (status, body, _) = await _sf.QueryAsync("SELECT Id, Name FROM Hidden__c", all);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("INVALID_TYPE_FOR_OPERATION", SalesforceTestOrg.ErrorCode(body));
            Assert.Equal("entity type Hidden__c does not support query", (string)body![0]!["message"]!);
        }

        var (bulkStatus, bulk, _) = await _sf.SendAsync(HttpMethod.Post, "jobs/query", new { operation = "query", query = "SELECT Id FROM Hidden__c" });
        Assert.Equal(HttpStatusCode.BadRequest, bulkStatus);
        Assert.Equal("INVALID_TYPE_FOR_OPERATION", SalesforceTestOrg.ErrorCode(bulk));
        Assert.Equal(HttpStatusCode.OK, (await _sf.QueryAsync("SELECT Id FROM Parent__c")).Status);
    }

    [Fact]
    public async Task Get_updated_and_get_deleted_of_an_object_that_is_not_replicateable_are_refused()
    {
        var now = _sf.Org.Clock.Now();
        var window = $"?start={Iso(now.AddHours(-1))}&end={Iso(now.AddMinutes(1))}";
        foreach (var feed in new[] { "updated", "deleted" })
        {
            var (status, body, _) = await _sf.GetAsync($"sobjects/Unreplicated__c/{feed}/{window}");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("INVALID_TYPE_FOR_OPERATION", SalesforceTestOrg.ErrorCode(body));
            Assert.Contains("does not support replication", (string)body![0]!["message"]!, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await _sf.GetAsync($"sobjects/Member__c/{feed}/{window}")).Status);
        }
    }

    [Fact]
    public async Task Creates_updates_and_deletes_the_object_does_not_allow_are_refused_with_the_objects_label()
    {
        var status = _sf.Org.Records("Status__c")[0].Id;
        var (code, body, _) = await _sf.SendAsync(HttpMethod.Post, "sobjects/Status__c", new { MasterLabel = "New" });
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("INVALID_TYPE_FOR_OPERATION", SalesforceTestOrg.ErrorCode(body));
        Assert.Equal("entity type cannot be inserted: Status", (string)body![0]!["message"]!);
        (code, body, _) = await _sf.SendAsync(HttpMethod.Patch, $"sobjects/Status__c/{status}", new { MasterLabel = "Renamed" });
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("entity type cannot be updated: Status", (string)body![0]!["message"]!);
        (code, body, _) = await _sf.SendAsync(HttpMethod.Delete, $"sobjects/Status__c/{status}");
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("entity type cannot be deleted: Status", (string)body![0]!["message"]!);
        Assert.Equal("Open", _sf.Org.Find(status)!["MasterLabel"]);

        var kept = _sf.Org.Records("Kept__c")[0].Id;
        Assert.Equal(HttpStatusCode.NoContent, (await _sf.SendAsync(HttpMethod.Patch, $"sobjects/Kept__c/{kept}", new { Name = "k2" })).Status);
        (code, body, _) = await _sf.SendAsync(HttpMethod.Delete, $"sobjects/Kept__c/{kept}");
        Assert.Equal("INVALID_TYPE_FOR_OPERATION", SalesforceTestOrg.ErrorCode(body));
        Assert.False(_sf.Org.Find(kept)!.IsDeleted);
    }

    [Fact]
    public async Task A_junction_that_is_not_updateable_is_created_and_deleted_but_never_updated()
    {
        var (code, body, _) = await _sf.SendAsync(HttpMethod.Post, "sobjects/Link__c", new { Parent__c = "a10000000000001AAA" });
        Assert.Equal(HttpStatusCode.Created, code);
        var id = (string)body!["id"]!;
        (code, body, _) = await _sf.SendAsync(HttpMethod.Patch, $"sobjects/Link__c/{id}", new { Parent__c = "a10000000000002AAA" });
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("INVALID_TYPE_FOR_OPERATION", SalesforceTestOrg.ErrorCode(body));

        var collection = new JsonObject
        {
            ["allOrNone"] = false,
            ["records"] = new JsonArray(new JsonObject { ["attributes"] = new JsonObject { ["type"] = "Link__c" }, ["Id"] = id, ["Parent__c"] = "a10000000000002AAA" }),
        };
        (code, body, _) = await _sf.SendAsync(HttpMethod.Patch, "composite/sobjects", collection);
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("INVALID_TYPE_FOR_OPERATION", (string)body![0]!["errors"]![0]!["statusCode"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await _sf.SendAsync(HttpMethod.Delete, $"sobjects/Link__c/{id}")).Status);
    }

    [Fact]
    public async Task A_create_only_field_is_refused_on_update_and_a_deleted_member_shows_in_get_deleted_and_query_all()
    {
        var now = _sf.Org.Clock.Now();
        var (_, created, _) = await _sf.SendAsync(HttpMethod.Post, "sobjects/Member__c", new { Parent__c = "a10000000000001AAA", Status__c = "Sent" });
        var id = (string)created!["id"]!;
        var (code, body, _) = await _sf.SendAsync(HttpMethod.Patch, $"sobjects/Member__c/{id}", new { Parent__c = "a10000000000002AAA" });
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("INVALID_FIELD_FOR_INSERT_UPDATE", SalesforceTestOrg.ErrorCode(body));
        Assert.Equal(HttpStatusCode.NoContent, (await _sf.SendAsync(HttpMethod.Patch, $"sobjects/Member__c/{id}", new { Status__c = "Responded" })).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await _sf.SendAsync(HttpMethod.Delete, $"sobjects/Member__c/{id}")).Status);

        var (_, deleted, _) = await _sf.GetAsync($"sobjects/Member__c/deleted/?start={Iso(now.AddMinutes(-1))}&end={Iso(now.AddMinutes(2))}");
        Assert.Equal(id, (string)Assert.Single(deleted!["deletedRecords"]!.AsArray())!["id"]!);
        var (_, all, _) = await _sf.QueryAsync($"SELECT Id, IsDeleted FROM Member__c WHERE Id = '{id}'", all: true);
        Assert.True((bool)Assert.Single(all!["records"]!.AsArray())!["IsDeleted"]!);
        Assert.Equal(0, (int)(await _sf.QueryAsync($"SELECT Id FROM Member__c WHERE Id = '{id}'")).Body!["totalSize"]!);
    }

    [Fact]
    public async Task System_fields_are_the_ones_the_seed_names_and_getupdated_still_sees_changes()
    {
        var (_, describe, _) = await _sf.GetAsync("sobjects/Unreplicated__c/describe");
        var names = describe!["fields"]!.AsArray().Select(f => (string)f!["name"]!).ToArray();
        Assert.Contains("LastModifiedDate", names);
        Assert.DoesNotContain("SystemModstamp", names);
        var (code, body, _) = await _sf.QueryAsync("SELECT Id, SystemModstamp FROM Unreplicated__c");
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("INVALID_FIELD", SalesforceTestOrg.ErrorCode(body));
        Assert.Equal(HttpStatusCode.OK, (await _sf.QueryAsync("SELECT Id, LastModifiedDate FROM Unreplicated__c")).Status);

        var (_, noBin, _) = await _sf.GetAsync("sobjects/NoBin__c/describe");
        Assert.Equal(["Id", "CreatedDate", "CreatedById", "Name"], noBin!["fields"]!.AsArray().Select(f => (string)f!["name"]!));
        var now = _sf.Org.Clock.Now();
        var id = _sf.Org.Records("NoBin__c")[0].Id;
        Assert.Equal(HttpStatusCode.NoContent, (await _sf.SendAsync(HttpMethod.Patch, $"sobjects/NoBin__c/{id}", new { Name = "n2" })).Status);
        var (_, updated, _) = await _sf.GetAsync($"sobjects/NoBin__c/updated/?start={Iso(now.AddMinutes(-1))}&end={Iso(now.AddMinutes(2))}");
        Assert.Contains(id, updated!["ids"]!.AsArray().Select(i => (string)i!));

        // Without IsDeleted an object keeps no recycle bin: queryAll does not find the deleted record.
        Assert.Equal(HttpStatusCode.NoContent, (await _sf.SendAsync(HttpMethod.Delete, $"sobjects/NoBin__c/{id}")).Status);
        Assert.Equal(0, (int)(await _sf.QueryAsync("SELECT Id FROM NoBin__c", all: true)).Body!["totalSize"]!);
        Assert.Equal("INVALID_FIELD", SalesforceTestOrg.ErrorCode((await _sf.QueryAsync("SELECT Id, IsDeleted FROM NoBin__c")).Body));
    }

    private static string Iso(DateTimeOffset t)
        => Uri.EscapeDataString(t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture));
}
