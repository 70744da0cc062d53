using System.Net;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Tests.HubSpot;

/// <summary>Values are checked as HubSpot checks them, and refused with its VALIDATION_ERROR shape.</summary>
public sealed class HubSpotValueTests
{
    private const string Invoices = "/crm/v3/objects/p12345678_invoices";

    [Theory]
    [InlineData("amount", "12,5", "INVALID_DECIMAL")]
    [InlineData("amount", "ten", "INVALID_DECIMAL")]
    [InlineData("amount", " 12", "LEADING_TRAILING_WHITESPACE")]
    [InlineData("due_date", "1740790800000", "INVALID_DATE")]
    [InlineData("due_date", "2025-03-01T10:00:00Z", "INVALID_DATE")]
    [InlineData("due_date", "March 1st", "INVALID_DATE")]
    [InlineData("sent_at", "yesterday", "INVALID_DATETIME")]
    [InlineData("paid", "yes", "INVALID_BOOLEAN")]
    [InlineData("status", "Void", "INVALID_OPTION")]
    [InlineData("status", "draft", "INVALID_OPTION")]
    [InlineData("channels", "Email;Fax", "INVALID_OPTION")]
    [InlineData("total_with_tax", "10", "READ_ONLY_VALUE")]
    [InlineData("hs_lastmodifieddate", "1740787200000", "READ_ONLY_VALUE")]
    [InlineData("no_such_property", "x", "PROPERTY_DOESNT_EXIST")]
    public async Task A_bad_value_is_a_400_naming_the_property_and_the_problem(string property, string value, string code)
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var answer = (await hs.PostAsync(Invoices, new { properties = new Dictionary<string, string> { ["invoice_number"] = "INV-1", [property] = value } }))
            .Expect(HttpStatusCode.BadRequest);

        OpenApiContract.AssertValid("objects.json", "Error", answer.Body);
        Assert.Equal("error", answer.Json["status"]!.GetValue<string>());
        Assert.Equal("VALIDATION_ERROR", answer.Json["category"]!.GetValue<string>());
        var message = answer.Json["message"]!.GetValue<string>();
        Assert.StartsWith("Property values were not valid: [", message, StringComparison.Ordinal);
        var inner = JsonNode.Parse(message["Property values were not valid: ".Length..])!.AsArray();
        Assert.Equal(code, inner[0]!["error"]!.GetValue<string>());
        Assert.Equal(property, inner[0]!["name"]!.GetValue<string>());
        Assert.Equal(code, answer.Json["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(property, answer.Json["errors"]![0]!["context"]!["propertyName"]![0]!.GetValue<string>());
        Assert.Equal(0, hs.Account.CountRecords("invoices"));
    }

    [Theory]
    [InlineData("due_date", "1740787200000", "2025-03-01")]
    [InlineData("due_date", "2025-03-01", "2025-03-01")]
    [InlineData("due_date", "2025-03-01T00:00:00.000Z", "2025-03-01")]
    [InlineData("sent_at", "1740787200123", "2025-03-01T00:00:00.123Z")]
    [InlineData("amount", "1e3", "1000")]
    [InlineData("amount", "-0.250", "-0.25")]
    [InlineData("paid", "False", "false")]
    [InlineData("channels", "Portal", "Portal")]
    [InlineData("notes", "  spaces kept in strings ", "  spaces kept in strings ")]
    public async Task A_good_value_is_stored_in_HubSpots_form(string property, string value, string stored)
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var answer = (await hs.PostAsync(Invoices, new { properties = new Dictionary<string, string> { ["invoice_number"] = "INV-1", [property] = value } }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal(stored, hs.Account.FindRecord("invoices", answer.Json["id"]!.GetValue<string>())!.Properties[property]);
    }

    [Fact]
    public async Task Every_value_must_be_a_string()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var answer = (await hs.PostAsync(Invoices, """{"properties":{"invoice_number":"INV-1","amount":12.5}}""")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal("INVALID_TYPE", answer.Json["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Contains("amount", answer.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_required_property_is_needed_on_create_and_cannot_be_cleared()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var missing = (await hs.PostAsync(Invoices, new { properties = new { amount = "1" } })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal("REQUIRED_PROPERTY", missing.Json["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("invoice_number", missing.Json["errors"]![0]!["context"]!["propertyName"]![0]!.GetValue<string>());

        var id = hs.SeedInvoices(1)[0];
        var cleared = (await hs.PatchAsync($"{Invoices}/{id}", new { properties = new { invoice_number = "" } })).Expect(HttpStatusCode.BadRequest);
        Assert.Equal("REQUIRED_PROPERTY", cleared.Json["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("INV-00001", hs.Account.FindRecord("invoices", id)!.Properties["invoice_number"]);
    }

    [Fact]
    public async Task A_unique_value_held_by_another_record_is_a_409_conflict_naming_it()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var ids = hs.SeedInvoices(2);
        var answer = (await hs.PatchAsync($"{Invoices}/{ids[1]}", new { properties = new { salesforce_id = "a01000000000001AAA" } }))
            .Expect(HttpStatusCode.Conflict);
        OpenApiContract.AssertValid("objects.json", "Error", answer.Body);
        Assert.Equal("CONFLICT", answer.Json["category"]!.GetValue<string>());
        Assert.Contains($"Existing ID: {ids[0]}", answer.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);

        // Writing a record's own unique value back is no conflict.
        (await hs.PatchAsync($"{Invoices}/{ids[0]}", new { properties = new { salesforce_id = "a01000000000001AAA" } })).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_malformed_body_names_the_problem()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var answer = (await hs.PostAsync(Invoices, "{\"properties\": {")).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("Invalid input JSON", answer.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_calculated_total_follows_its_formula_on_every_write()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var created = (await hs.PostAsync(Invoices, new { properties = new { invoice_number = "INV-1", amount = "200", tax_rate = "7.5" } }))
            .Expect(HttpStatusCode.Created);
        var id = created.Json["id"]!.GetValue<string>();
        Assert.Equal("215", hs.Account.FindRecord("invoices", id)!.Properties["total_with_tax"]);

        (await hs.PatchAsync($"{Invoices}/{id}", new { properties = new { amount = "10" } })).Expect(HttpStatusCode.OK);
        Assert.Equal("10.75", hs.Account.FindRecord("invoices", id)!.Properties["total_with_tax"]);

        (await hs.PatchAsync($"{Invoices}/{id}", new { properties = new { tax_rate = "" } })).Expect(HttpStatusCode.OK);
        Assert.False(hs.Account.FindRecord("invoices", id)!.Properties.ContainsKey("total_with_tax"));
    }

    [Fact]
    public async Task A_formula_must_read_number_properties()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var answer = (await hs.PostAsync("/crm/v3/properties/p12345678_invoices", new
        {
            name = "bad_total", label = "Bad", type = "number", fieldType = "calculation_equation", groupName = "g", calculationFormula = "amount * notes",
        })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("'notes'", answer.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var syntax = (await hs.PostAsync("/crm/v3/properties/p12345678_invoices", new
        {
            name = "bad_total", label = "Bad", type = "number", fieldType = "calculation_equation", groupName = "g", calculationFormula = "amount * (1 +",
        })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("calculationFormula", syntax.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
