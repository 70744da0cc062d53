using System.Net;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Tests.Salesforce;

/// <summary>Salesforce stores dates from 1700-01-01 to 4000-12-31 (GMT): outside, a write is refused FIELD_INTEGRITY_EXCEPTION, singly and in a collection.</summary>
public sealed class SalesforceDateRangeTests
{
    [Theory]
    [InlineData("Due_Date__c", "1699-12-31", "Due Date: invalid date: Thu Dec 31 00:00:00 GMT 1699")]
    [InlineData("Due_Date__c", "4001-01-01", "Due Date: invalid date: Mon Jan 01 00:00:00 GMT 4001")]
    [InlineData("Sent_At__c", "1650-06-01T12:00:00.000Z", "Sent At: invalid date: Wed Jun 01 12:00:00 GMT 1650")]
    public async Task A_date_outside_the_range_is_refused_naming_the_field_and_date(string field, string value, string message)
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var (status, body, _) = await sf.SendAsync(HttpMethod.Post, "sobjects/Invoice__c", new JsonObject { ["Name"] = "X", [field] = value });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        SalesforceContracts.AssertOpenApiValid("ErrorInfo", body![0]);
        Assert.Equal("FIELD_INTEGRITY_EXCEPTION", SalesforceTestOrg.ErrorCode(body));
        Assert.Equal(message, (string)body[0]!["message"]!);
        Assert.Equal([field], body[0]!["fields"]!.AsArray().Select(f => (string)f!));
        Assert.Equal(40, sf.Org.Count("Invoice__c"));
    }

    [Fact]
    public async Task The_first_and_last_days_are_stored_and_a_collection_refuses_only_the_record_out_of_range()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        JsonObject Invoice(string name, string due) => new() { ["attributes"] = new JsonObject { ["type"] = "Invoice__c" }, ["Name"] = name, ["Due_Date__c"] = due };
        var body = new JsonObject { ["allOrNone"] = false, ["records"] = new JsonArray(Invoice("D-1", "1700-01-01"), Invoice("D-2", "1600-01-01"), Invoice("D-3", "4000-12-31")) };
        var (status, answer, _) = await sf.SendAsync(HttpMethod.Post, "composite/sobjects", body);

        Assert.Equal(HttpStatusCode.OK, status);
        var results = answer!.AsArray();
        Assert.Equal([true, false, true], results.Select(r => (bool)r!["success"]!));
        var error = results[1]!["errors"]![0]!;
        Assert.Equal("FIELD_INTEGRITY_EXCEPTION", (string)error["statusCode"]!);
        Assert.Equal("Due Date: invalid date: Sat Jan 01 00:00:00 GMT 1600", (string)error["message"]!);
        Assert.Equal(42, sf.Org.Count("Invoice__c"));
        Assert.Equal(new DateOnly(1700, 1, 1), sf.Org.Find((string)results[0]!["id"]!)!["Due_Date__c"]);
    }
}
