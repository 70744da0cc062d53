using System.Net;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Tests.HubSpot;

public sealed class HubSpotSchemaTests
{
    private static object Egg(string name = "shipments") => new
    {
        name,
        labels = new { singular = "Shipment", plural = "Shipments" },
        primaryDisplayProperty = "tracking",
        requiredProperties = new[] { "tracking" },
        searchableProperties = new[] { "tracking" },
        secondaryDisplayProperties = Array.Empty<string>(),
        associatedObjects = new[] { "CONTACT" },
        properties = new object[]
        {
            new { name = "tracking", label = "Tracking", type = "string", fieldType = "text", hasUniqueValue = true },
            new { name = "weight", label = "Weight", type = "number", fieldType = "number" },
            new { name = "carrier", label = "Carrier", type = "enumeration", fieldType = "radio", options = new[] { new { label = "DHL", value = "dhl", hidden = false, displayOrder = 0 } } },
        },
    };

    [Fact]
    public async Task The_Demo_invoices_schema_matches_DEMO_SEED_under_both_paths()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        foreach (var path in new[] { "/crm-object-schemas/v3/schemas/p12345678_invoices", "/crm/v3/schemas/2-1234567" })
        {
            var schema = (await hs.GetAsync(path)).Expect(HttpStatusCode.OK);
            OpenApiContract.AssertValid("schemas.json", "ObjectSchema", schema.Body);
            Assert.Equal("2-1234567", schema.Json["objectTypeId"]!.GetValue<string>());
            Assert.Equal("p12345678_invoices", schema.Json["fullyQualifiedName"]!.GetValue<string>());
            Assert.Equal("invoice_number", schema.Json["primaryDisplayProperty"]!.GetValue<string>());
            Assert.Equal(["invoice_number"], schema.Json["requiredProperties"]!.AsArray().Select(p => p!.GetValue<string>()));

            var properties = schema.Json["properties"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!);
            var expected = new Dictionary<string, (string Type, string FieldType)>
            {
                ["invoice_number"] = ("string", "text"), ["amount"] = ("number", "number"), ["tax_rate"] = ("number", "number"),
                ["units"] = ("number", "number"), ["due_date"] = ("date", "date"), ["sent_at"] = ("datetime", "date"),
                ["paid"] = ("bool", "booleancheckbox"), ["status"] = ("enumeration", "select"), ["channels"] = ("enumeration", "checkbox"),
                ["notes"] = ("string", "textarea"), ["billing_email"] = ("string", "text"), ["total_with_tax"] = ("number", "calculation_equation"),
                ["salesforce_id"] = ("string", "text"),
            };
            foreach (var (name, (type, fieldType)) in expected)
            {
                Assert.Equal(type, properties[name]["type"]!.GetValue<string>());
                Assert.Equal(fieldType, properties[name]["fieldType"]!.GetValue<string>());
            }

            Assert.Equal(["Draft", "Sent", "Paid"], properties["status"]["options"]!.AsArray().Select(o => o!["value"]!.GetValue<string>()));
            Assert.Equal(["Email", "Portal", "Mail"], properties["channels"]["options"]!.AsArray().Select(o => o!["value"]!.GetValue<string>()));
            Assert.True(properties["salesforce_id"]["hasUniqueValue"]!.GetValue<bool>());
            Assert.True(properties["total_with_tax"]["calculated"]!.GetValue<bool>());
            Assert.True(properties["total_with_tax"]["modificationMetadata"]!["readOnlyValue"]!.GetValue<bool>());

            var targets = schema.Json["associations"]!.AsArray()
                .Where(a => a!["fromObjectTypeId"]!.GetValue<string>() == "2-1234567")
                .Select(a => a!["toObjectTypeId"]!.GetValue<string>()).Order();
            Assert.Equal(["0-1", "0-2"], targets);
        }
    }

    [Fact]
    public async Task The_Demo_companies_carry_the_Salesforce_Account_Ids()
    {
        await using var hs = await HubSpotTestServer.StartAsync("FullDemo");
        var companies = hs.Account.Records("companies");
        Assert.Equal(5, companies.Count);
        Assert.Equal(
            Enumerable.Range(1, 5).Select(i => $"0015g000000000{i}AAA"),
            companies.Select(c => c.Properties["salesforceaccountid"]));
        Assert.Equal(3, hs.Account.CountRecords("contacts"));
        var ada = hs.Account.FindRecordByUniqueValue("contacts", "email", "ada.lovelace@example.com")!;
        Assert.Equal([companies[0].Id], hs.Account.AssociatedIds("contacts", ada.Id, "companies"));
        Assert.Equal([ada.Id], hs.Account.AssociatedIds("companies", companies[0].Id, "contacts"));
        Assert.Equal(0, hs.Account.CountRecords("invoices"));
        Assert.Equal(12_345_678, hs.Account.PortalId);
    }

    [Fact]
    public async Task Create_get_list_patch_and_delete_a_schema()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var created = (await hs.PostAsync("/crm-object-schemas/v3/schemas", Egg())).Expect(HttpStatusCode.Created);
        OpenApiContract.AssertValid("schemas.json", "ObjectSchema", created.Body);
        var objectTypeId = created.Json["objectTypeId"]!.GetValue<string>();
        Assert.Equal("2-1234568", objectTypeId);
        Assert.Equal("p12345678_shipments", created.Json["fullyQualifiedName"]!.GetValue<string>());
        Assert.Contains(created.Json["properties"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "hs_object_id");

        var list = (await hs.GetAsync("/crm/v3/schemas")).Expect(HttpStatusCode.OK);
        OpenApiContract.AssertValid("schemas.json", "CollectionResponseObjectSchemaNoPaging", list.Body);
        Assert.Equal(["invoices", "shipments"], list.Json["results"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));

        var patched = (await hs.PatchAsync($"/crm/v3/schemas/{objectTypeId}", new { labels = new { singular = "Parcel", plural = "Parcels" }, requiredProperties = new[] { "tracking", "weight" } }))
            .Expect(HttpStatusCode.OK);
        OpenApiContract.AssertValid("schemas.json", "ObjectTypeDefinition", patched.Body);
        Assert.Equal("Parcel", patched.Json["labels"]!["singular"]!.GetValue<string>());
        Assert.Equal(12_345_678, patched.Json["portalId"]!.GetValue<long>());

        var id = hs.Account.CreateRecord("shipments", new Dictionary<string, string> { ["tracking"] = "T1", ["weight"] = "2" });
        var refused = (await hs.DeleteAsync($"/crm-object-schemas/v3/schemas/{objectTypeId}")).Expect(HttpStatusCode.Conflict);
        Assert.Contains("1 records", refused.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
        hs.Account.ArchiveRecord("shipments", id);
        (await hs.DeleteAsync($"/crm-object-schemas/v3/schemas/p12345678_shipments")).Expect(HttpStatusCode.NoContent);
        (await hs.GetAsync($"/crm-object-schemas/v3/schemas/{objectTypeId}")).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_schemas_are_refused_with_the_reason()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        (await hs.PostAsync("/crm-object-schemas/v3/schemas", Egg("invoices"))).Expect(HttpStatusCode.Conflict);

        var badPair = (await hs.PostAsync("/crm-object-schemas/v3/schemas", new
        {
            name = "things",
            labels = new { singular = "Thing", plural = "Things" },
            requiredProperties = Array.Empty<string>(),
            properties = new[] { new { name = "size", label = "Size", type = "number", fieldType = "text" } },
            associatedObjects = Array.Empty<string>(),
        })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("fieldType 'text' does not fit type 'number'", badPair.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("'size'", badPair.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var unknownRequired = (await hs.PostAsync("/crm-object-schemas/v3/schemas", new
        {
            name = "things",
            labels = new { singular = "Thing", plural = "Things" },
            requiredProperties = new[] { "missing" },
            properties = new[] { new { name = "size", label = "Size", type = "number", fieldType = "number" } },
            associatedObjects = Array.Empty<string>(),
        })).Expect(HttpStatusCode.BadRequest);
        Assert.Contains("requiredProperties names 'missing'", unknownRequired.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(hs.Account.ObjectTypeIdOf("things"));
    }

    [Fact]
    public async Task Properties_list_get_and_create()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var list = (await hs.GetAsync("/crm/v3/properties/p12345678_invoices")).Expect(HttpStatusCode.OK);
        OpenApiContract.AssertValid("properties.json", "CollectionResponsePropertyNoPaging", list.Body);
        Assert.Contains(list.Json["results"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "salesforce_id");

        var one = (await hs.GetAsync("/crm/v3/properties/companies/salesforceaccountid")).Expect(HttpStatusCode.OK);
        OpenApiContract.AssertValid("properties.json", "Property", one.Body);

        var created = (await hs.PostAsync("/crm/v3/properties/p12345678_invoices", new
        {
            name = "priority", label = "Priority", type = "enumeration", fieldType = "select", groupName = "invoices_information",
            options = new[] { new { label = "High", value = "high", hidden = false, displayOrder = 0 }, new { label = "Low", value = "low", hidden = false, displayOrder = 1 } },
        })).Expect(HttpStatusCode.Created);
        OpenApiContract.AssertValid("properties.json", "Property", created.Body);
        hs.SeedInvoices(1, _ => new Dictionary<string, string> { ["invoice_number"] = "P", ["priority"] = "high" });

        (await hs.PostAsync("/crm/v3/properties/p12345678_invoices", new { name = "priority", label = "Again", type = "string", fieldType = "text", groupName = "g" }))
            .Expect(HttpStatusCode.Conflict);
        var noOptions = (await hs.PostAsync("/crm/v3/properties/p12345678_invoices", new { name = "kind", label = "Kind", type = "enumeration", fieldType = "select", groupName = "g" }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Contains("option", noOptions.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var missing = (await hs.GetAsync("/crm/v3/properties/p12345678_invoices/nope")).Expect(HttpStatusCode.NotFound);
        OpenApiContract.AssertValid("properties.json", "Error", missing.Body);
    }
}
