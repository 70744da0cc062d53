using System.Net;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Tests.Salesforce;

/// <summary>
/// <c>query?columns=true</c>, which the Salesforce CLI's <c>sf data query</c> asks before it prints a table: the
/// query's columns, not its records.
/// </summary>
public sealed class SalesforceQueryColumnsTests
{
    private static async Task<JsonNode> Columns(SalesforceTestOrg sf, string soql)
    {
        var (status, body, _) = await sf.GetAsync($"query?q={Uri.EscapeDataString(soql)}&columns=true");
        Assert.Equal(HttpStatusCode.OK, status);
        return body!;
    }

    [Fact]
    public async Task Fields_and_parent_fields_are_listed_with_their_types_and_the_relationship_as_one_column()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();

        var body = await Columns(sf, "SELECT Id, Name, Amount__c, Paid__c, Account__r.Name, Account__r.Industry FROM Invoice__c LIMIT 1");

        Assert.Equal("Invoice__c", (string?)body["entityName"]);
        Assert.Equal("a0X", (string?)body["keyPrefix"]);
        Assert.True((bool)body["idSelected"]!);
        Assert.False((bool)body["groupBy"]!);
        Assert.Null(body["records"]);
        var columns = body["columnMetadata"]!.AsArray();
        Assert.Equal(["Id", "Name", "Amount__c", "Paid__c", "Account__r"], columns.Select(c => (string)c!["columnName"]!));
        Assert.Equal(["Id", "String", "Decimal", "Boolean", "Account"], columns.Select(c => (string)c!["apexType"]!));
        Assert.True((bool)columns[2]!["numberType"]! && (bool)columns[2]!["custom"]!);
        Assert.Equal(["Name", "Industry"], columns[4]!["joinColumns"]!.AsArray().Select(c => (string)c!["columnName"]!));
    }

    [Fact]
    public async Task Functions_are_aggregate_columns_named_by_their_alias()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();

        var body = await Columns(sf, "SELECT Status__c, COUNT(Id) n, MAX(Amount__c) FROM Invoice__c GROUP BY Status__c");

        var columns = body["columnMetadata"]!.AsArray();
        Assert.Equal(["Status__c", "n", "expr0"], columns.Select(c => (string)c!["columnName"]!));
        Assert.Equal([false, true, true], columns.Select(c => (bool)c!["aggregate"]!));
        Assert.Equal("COUNT(Id)", (string?)columns[1]!["displayName"]);
        Assert.True((bool)body["groupBy"]!);
        Assert.False((bool)body["idSelected"]!);
    }

    [Fact]
    public async Task A_malformed_query_is_refused_as_the_records_query_would_be()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();

        var (status, body, _) = await sf.GetAsync($"query?q={Uri.EscapeDataString("SELECT Nope__c FROM Invoice__c")}&columns=true");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_FIELD", SalesforceTestOrg.ErrorCode(body));
    }
}
