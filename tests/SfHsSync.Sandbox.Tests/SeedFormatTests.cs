using System.Text.Json;
using SfHsSync.Sandbox.HubSpot;
using SfHsSync.Sandbox.Salesforce;

namespace SfHsSync.Sandbox.Tests;

/// <summary>The seed format: checked against its JSON Schema on load, with the first problem named by its JSON path.</summary>
public sealed class SeedFormatTests
{
    private static string Write(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sfhssync-format-{Guid.NewGuid():N}.seed.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static SeedInvalidException Refused(string json)
    {
        var path = Write(json);
        try
        {
            return Assert.Throws<SeedInvalidException>(() => SandboxSeed.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_demo_seed_fits_the_schema_and_keeps_both_halves()
    {
        var (salesforce, hubspot) = SandboxSeed.Load("Demo");
        Assert.Equal(9, salesforce!.Value.GetProperty("objects").GetArrayLength());
        Assert.Equal(12345678, hubspot!.Value.GetProperty("portalId").GetInt64());
        SeedSchema.Check(JsonDocument.Parse(SandboxSeed.DemoText(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }).RootElement, "Demo");
    }

    [Fact]
    public void The_standard_seed_fits_the_schema_and_describes_129_objects()
    {
        var (salesforce, hubspot) = SandboxSeed.Load("Standard");
        Assert.Equal(129, salesforce!.Value.GetProperty("objects").GetArrayLength());
        Assert.Equal(13, hubspot!.Value.GetProperty("schemas").GetArrayLength());
        SeedSchema.Check(JsonDocument.Parse(SandboxSeed.BuiltInText("Standard")).RootElement, "Standard");
    }

    [Theory]
    [InlineData("""{ "salesforce": { "objects": [ { "name": "A__c", "keyPrefix": "a01", "systemFields": [ "CreatedDate", "ModifiedDate" ] } ] } }""", "$.salesforce.objects[0].systemFields[1]")]
    [InlineData("""{ "salesforce": { "objects": [ { "name": "A__c", "keyPrefix": "a01", "replicateable": "no" } ] } }""", "$.salesforce.objects[0].replicateable")]
    [InlineData("""{ "salesforce": { "objects": [ { "name": "A__c", "keyPrefix": "a01", "fields": [ { "name": "X__c", "type": "string", "lenght": 5 } ] } ] } }""", "$.salesforce.objects[0].fields[0].lenght")]
    [InlineData("""{ "salesforce": { "objects": [ { "name": "A__c", "keyPrefix": "a01", "fields": [ { "name": "X__c", "type": "text" } ] } ] } }""", "$.salesforce.objects[0].fields[0].type")]
    [InlineData("""{ "salesforce": { "objects": [ { "name": "A__c" } ] } }""", "$.salesforce.objects[0]")]
    [InlineData("""{ "salesforce": { "objects": [ { "name": "A__c", "keyPrefix": "a01", "records": [ { "Id": "nope" } ] } ] } }""", "$.salesforce.objects[0].records[0].Id")]
    [InlineData("""{ "hubspot": { "schemas": [ { "name": "things", "labels": { "singular": "Thing" } } ] } }""", "$.hubspot.schemas[0].labels")]
    [InlineData("""{ "hubspot": { "properties": { "companies": [ { "name": "x", "label": "X", "type": "string", "fieldType": "text", "unique": true } ] } } }""", "$.hubspot.properties.companies[0].unique")]
    [InlineData("""{ "hubspot": { "associations": [ { "from": "contacts", "to": "companies", "toValue": "1" } ] } }""", "$.hubspot.associations[0]")]
    [InlineData("""{ "formatVersion": 2 }""", "$.formatVersion")]
    public void A_seed_off_the_format_is_refused_at_its_first_problem(string json, string path)
    {
        var e = Refused(json);
        Assert.Equal(path, e.JsonPath);
        Assert.Contains($"is not valid at {path}:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_seed_that_is_not_json_names_its_line()
    {
        var e = Refused("{\n  \"salesforce\": {\n    \"objects\": [ }\n}");
        Assert.Contains("not valid JSON at line 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Members_the_schema_does_not_name_are_allowed_at_the_extension_points()
    {
        var path = Write("""{ "formatVersion": 1, "scopes": ["crm.objects.contacts.read"], "salesforce": { "later": 1, "objects": [] }, "hubspot": { "validationRules": [] } }""");
        try
        {
            var (salesforce, hubspot) = SandboxSeed.Load(path);
            Assert.NotNull(salesforce);
            Assert.NotNull(hubspot);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_orgs_formula_is_computed_when_the_sandbox_reads_it_and_otherwise_leaves_the_field_read_only_and_empty()
    {
        var seed = JsonDocument.Parse("""
        { "objects": [ { "name": "A__c", "keyPrefix": "a01",
            "recordTypes": [ { "name": "Master", "developerName": "Master", "master": true }, { "name": "Big", "developerName": "Big", "recordTypeId": "0125g0000000001AAA" } ],
            "fields": [
              { "name": "N__c", "type": "double" },
              { "name": "Twice__c", "type": "double", "calculatedFormula": "N__c * 2" },
              { "name": "Owner_Name__c", "type": "string", "calculatedFormula": "Owner.Name" },
              { "name": "Odd__c", "type": "string", "calculatedFormula": "IF(ISPICKVAL(Status__c, 'x'), 'a', 'b')" } ],
            "records": [ { "N__c": 4 } ] } ] }
        """).RootElement;
        var org = SalesforceOrg.Create(seed, new SalesforceSandboxOptions());
        var schema = org.FindObject("A__c")!;
        var record = org.Records("A__c").Single();
        Assert.Equal(8m, Convert.ToDecimal(record["Twice__c"], System.Globalization.CultureInfo.InvariantCulture));
        foreach (var name in new[] { "Owner_Name__c", "Odd__c" })
        {
            var field = schema.FindField(name)!;
            Assert.True(field.Calculated);
            Assert.False(field.Createable);
            Assert.Null(field.Formula);
            Assert.Null(record[name]);
        }

        Assert.Equal("Owner.Name", schema.FindField("Owner_Name__c")!.CalculatedFormula);
        Assert.Equal(["Master", "Big"], schema.RecordTypes.Select(t => t.DeveloperName));
    }

    [Fact]
    public void A_formula_the_seed_asks_to_compute_must_be_readable()
    {
        var seed = JsonDocument.Parse("""{ "objects": [ { "name": "A__c", "keyPrefix": "a01", "fields": [ { "name": "X__c", "type": "string", "formula": "Owner.Name" } ] } ] }""").RootElement;
        var e = Assert.Throws<InvalidDataException>(() => SalesforceOrg.Create(seed, new SalesforceSandboxOptions()));
        Assert.Contains("'X__c'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HubSpot_links_name_records_by_their_place_and_labels_by_name_and_known_properties_are_taken_as_known()
    {
        var seed = JsonDocument.Parse("""
        { "schemas": [ { "name": "things", "labels": { "singular": "Thing", "plural": "Things" }, "associatedObjects": [ "COMPANY" ],
                         "properties": [ { "name": "code", "label": "Code", "type": "string", "fieldType": "text" } ] } ],
          "properties": { "companies": [ { "name": "name", "label": "Company name", "type": "string", "fieldType": "text" } ] },
          "associationLabels": [ { "from": "things", "to": "companies", "label": "Supplier", "name": "supplier" } ],
          "records": { "things": [ { "code": "A" }, { "code": "A" } ], "companies": [ { "name": "Acme" }, { "name": "Globex" } ] },
          "associations": [ { "from": "things", "fromRecord": 1, "to": "companies", "toRecord": 1, "label": "Supplier" },
                            { "from": "things", "fromRecord": 0, "to": "companies", "toRecord": 0 } ] }
        """).RootElement;
        var account = HubSpotAccount.Create(seed, new HubSpotSandboxOptions());
        var things = account.Records("things");
        var companies = account.Records("companies");
        Assert.Equal([companies[1].Id], account.AssociatedIds("things", things[1].Id, "companies"));
        Assert.Equal([companies[0].Id], account.AssociatedIds("things", things[0].Id, "companies"));
        Assert.Contains(account.AssociationTypes("things", "companies"), t => t.Label == "Supplier");

        var missing = JsonDocument.Parse("""{ "records": { "companies": [ { "name": "Acme" } ] }, "associations": [ { "from": "contacts", "fromRecord": 0, "to": "companies", "toRecord": 0 } ] }""").RootElement;
        var e = Assert.Throws<InvalidDataException>(() => HubSpotAccount.Create(missing, new HubSpotSandboxOptions()));
        Assert.Contains("associations[0]", e.Message, StringComparison.Ordinal);
    }
}
