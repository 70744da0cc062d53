using System.Net;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Tests.Salesforce;

/// <summary>SOQL aggregate queries (COUNT(field), MAX, GROUP BY) answered with AggregateResult records, as Salesforce answers them.</summary>
public sealed class SalesforceAggregateTests
{
    private static async Task<JsonArray> RecordsAsync(SalesforceTestOrg sf, string soql)
    {
        var (status, body, _) = await sf.QueryAsync(soql);
        Assert.True(status == HttpStatusCode.OK, $"{soql} answered {status}: {body?.ToJsonString()}");
        Assert.True((bool)body!["done"]!);
        Assert.Equal(body["records"]!.AsArray().Count, (int)body["totalSize"]!);
        return body["records"]!.AsArray();
    }

    [Fact]
    public async Task Count_and_max_without_group_by_are_one_AggregateResult_with_expr_names()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();

        var row = Assert.Single(await RecordsAsync(sf, "SELECT COUNT(Id), MAX(Amount__c), MAX(SystemModstamp) latest FROM Invoice__c WHERE Status__c != 'Void'"))!;

        Assert.Equal("AggregateResult", (string?)row["attributes"]!["type"]);
        Assert.Null(row["attributes"]!["url"]);
        Assert.Equal(32, (int)row["expr0"]!);
        var amounts = sf.Org.Records("Invoice__c").Where(r => (string?)r["Status__c"] != "Void").Select(r => Convert.ToDecimal(r["Amount__c"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(amounts.Max(), (decimal)row["expr1"]!);
        Assert.NotNull((string?)row["latest"]);
    }

    [Fact]
    public async Task Group_by_answers_one_row_per_value_with_its_count()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();

        var rows = await RecordsAsync(sf, "SELECT Status__c, COUNT(Id) n FROM Invoice__c GROUP BY Status__c ORDER BY Status__c");

        Assert.Equal(new[] { "Draft", "Paid", "Sent", "Void" }, rows.Select(r => (string?)r!["Status__c"]));
        Assert.Equal(new[] { 8, 15, 9, 8 }, rows.Select(r => (int)r!["n"]!));
        Assert.Equal(2, (await RecordsAsync(sf, "SELECT Status__c, COUNT(Id) FROM Invoice__c GROUP BY Status__c ORDER BY Status__c LIMIT 2")).Count);
    }

    [Fact]
    public async Task A_field_neither_grouped_nor_aggregated_is_refused_as_Salesforce_refuses_it()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();

        var (status, body, _) = await sf.QueryAsync("SELECT Name, COUNT(Id) FROM Invoice__c GROUP BY Status__c");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MALFORMED_QUERY", (string?)body![0]!["errorCode"]);
        Assert.Contains("Field must be grouped or aggregated: Name", (string?)body[0]!["message"], StringComparison.Ordinal);
    }
}
