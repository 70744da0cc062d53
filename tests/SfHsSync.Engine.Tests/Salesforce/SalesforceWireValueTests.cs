using System.Text;
using System.Text.Json;
using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Engine.Tests.Salesforce;

public sealed class SalesforceWireValueTests
{
    [Theory]
    [InlineData("2013-05-20T20:49:32.000+0000", "2013-05-20T20:49:32.000Z")]
    [InlineData("2013-05-20T22:49:32.000+0200", "2013-05-20T20:49:32.000Z")]
    [InlineData("2013-05-20T20:49:32.123Z", "2013-05-20T20:49:32.123Z")]
    [InlineData("2013-05-20T20:49:32Z", "2013-05-20T20:49:32.000Z")]
    [InlineData("2013-05-20T15:49:32.000-05:00", "2013-05-20T20:49:32.000Z")]
    public void Datetimes_FromRestAndBulk_NormalizeToOneUtcText(string wire, string expected)
    {
        Assert.Equal(expected, SalesforceWireValue.FromJson(Json($"\"{wire}\""), "datetime"));
        Assert.Equal(expected, SalesforceWireValue.FromCsv(wire, "datetime"));
    }

    [Theory]
    [InlineData("1234.50", "1234.5")]
    [InlineData("1234", "1234")]
    [InlineData("1.5E3", "1500")]
    [InlineData("0.0", "0")]
    [InlineData("-0.10", "-0.1")]
    [InlineData("100.00", "100")]
    public void Numbers_FromJsonNumbersAndCsvText_NormalizeAlike(string text, string expected)
    {
        Assert.Equal(expected, SalesforceWireValue.FromJson(Json(text), "currency"));
        Assert.Equal(expected, SalesforceWireValue.FromCsv(text, "double"));
    }

    [Fact]
    public void BooleansNullsAndText_NormalizeAlike()
    {
        Assert.Equal("true", SalesforceWireValue.FromJson(Json("true"), "boolean"));
        Assert.Equal("true", SalesforceWireValue.FromCsv("True", "boolean"));
        Assert.Equal("false", SalesforceWireValue.FromCsv("false", "boolean"));
        Assert.Null(SalesforceWireValue.FromJson(Json("null"), "string"));
        Assert.Null(SalesforceWireValue.FromCsv(string.Empty, "string"));
        Assert.Equal("2025-03-01", SalesforceWireValue.FromCsv("2025-03-01", "date"));
        Assert.Equal("Email;Portal", SalesforceWireValue.FromJson(Json("\"Email;Portal\""), "multipicklist"));
        // A text field keeps text that merely looks like a number or a date.
        Assert.Equal("007.50", SalesforceWireValue.FromCsv("007.50", "string"));
    }

    [Fact]
    public void WriteJson_TypesNumbersAndBooleans_AndLeavesUnparsableTextForSalesforceToRefuse()
    {
        var json = Write(w =>
        {
            w.WriteStartArray();
            SalesforceWireValue.WriteJson(w, "1234.5", "currency");
            SalesforceWireValue.WriteJson(w, "true", "boolean");
            SalesforceWireValue.WriteJson(w, null, "string");
            SalesforceWireValue.WriteJson(w, "12abc", "double");
            SalesforceWireValue.WriteJson(w, "2025-03-01", "date");
            SalesforceWireValue.WriteJson(w, "42", "string");
            w.WriteEndArray();
        });

        Assert.Equal("[1234.5,true,null,\"12abc\",\"2025-03-01\",\"42\"]", json);
    }

    [Fact]
    public void ToCsv_WritesNullAsNA()
    {
        Assert.Equal("#N/A", SalesforceWireValue.ToCsv(null));
        Assert.Equal("x", SalesforceWireValue.ToCsv("x"));
    }

    [Fact]
    public void Records_AreEqualByTypeIdAndValues_WithFieldNamesInAnyCase()
    {
        var a = new SalesforceRecord("Invoice__c", "a0X000000000001AAA", [new("Name", "INV-1"), new("Amount__c", "10.5")]);
        var b = new SalesforceRecord("Invoice__c", null, [new("amount__c", "10.5"), new("NAME", "INV-1"), new("Id", "a0X000000000001AAA")]);
        var c = new SalesforceRecord("Invoice__c", "a0X000000000001AAA", [new("Name", "INV-1"), new("Amount__c", "10.50")]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.Equal("INV-1", b["name"]);
        Assert.Equal("a0X000000000001AAA", b["Id"]);
        Assert.False(b.Fields.ContainsKey("Id"));
    }

    [Fact]
    public void ApiUsage_ReadsTheLimitInfoHeader()
    {
        Assert.Equal(new SalesforceApiUsage(25, 15000), SalesforceApiUsage.Parse("api-usage=25/15000"));
        Assert.Equal(new SalesforceApiUsage(7, 100), SalesforceApiUsage.Parse("api-usage=7/100; per-app-api-usage=2/50(appName=x)"));
        Assert.Null(SalesforceApiUsage.Parse(null));
        Assert.Null(SalesforceApiUsage.Parse("nothing"));
        Assert.Equal(0.25, new SalesforceApiUsage(25, 100).Share);
    }

    [Theory]
    [InlineData("REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --", "REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", "Name")]
    [InlineData("STRING_TOO_LONG:Name: data value too large:Name,Notes__c --", "STRING_TOO_LONG", "Name: data value too large", "Name,Notes__c")]
    [InlineData("ENTITY_IS_DELETED:entity is deleted:--", "ENTITY_IS_DELETED", "entity is deleted", "")]
    [InlineData("UNABLE_TO_LOCK_ROW", "UNABLE_TO_LOCK_ROW", "", "")]
    public void BulkErrors_SplitIntoCodeMessageAndFields(string text, string code, string message, string fields)
    {
        var error = SalesforceBulkCsv.ParseError(text);

        Assert.Equal(code, error.StatusCode);
        Assert.Equal(message, error.Message);
        Assert.Equal(fields, string.Join(",", error.Fields));
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
