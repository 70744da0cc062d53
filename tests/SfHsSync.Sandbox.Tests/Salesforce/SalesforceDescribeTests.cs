using System.Net;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Tests.Salesforce;

public sealed class SalesforceDescribeTests
{
    private static readonly string[] DemoObjects = ["Account", "Contact", "Lead", "Campaign", "CampaignMember", "Product2", "Order", "RecordType", "Invoice__c", "Organization", "User"];

    [Fact]
    public async Task Global_describe_lists_the_demo_objects_and_matches_the_openapi_schema()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var (status, body, _) = await sf.GetAsync("sobjects");

        Assert.Equal(HttpStatusCode.OK, status);
        SalesforceContracts.AssertOpenApiValid("DescribeGlobalResult", body);
        var names = body!["sobjects"]!.AsArray().Select(o => (string)o!["name"]!).ToArray();
        Assert.Equal(DemoObjects.Order(), names.Order());
        Assert.Equal(200, (int)body["maxBatchSize"]!);
        var invoice = body["sobjects"]!.AsArray().Single(o => (string)o!["name"]! == "Invoice__c")!;
        Assert.Equal("a0X", (string)invoice["keyPrefix"]!);
        Assert.True((bool)invoice["custom"]!);
        Assert.Equal("/services/data/v62.0/sobjects/Invoice__c/describe", (string)invoice["urls"]!["describe"]!);
    }

    [Fact]
    public async Task Every_object_describe_matches_the_describe_json_schema()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        foreach (var name in DemoObjects)
        {
            var (status, body, _) = await sf.GetAsync($"sobjects/{name}/describe");
            Assert.Equal(HttpStatusCode.OK, status);
            SalesforceContracts.AssertDescribeValid(body);
            Assert.Equal(name, (string)body!["name"]!);
        }
    }

    [Fact]
    public async Task Invoice_describe_carries_every_field_type_of_the_demo()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var (_, body, _) = await sf.GetAsync("sobjects/Invoice__c/describe");
        var fields = body!["fields"]!.AsArray().ToDictionary(f => (string)f!["name"]!, f => f!);

        Assert.Equal("currency", (string)fields["Amount__c"]["type"]!);
        Assert.Equal(16, (int)fields["Amount__c"]["precision"]!);
        Assert.Equal(2, (int)fields["Amount__c"]["scale"]!);
        Assert.Equal("percent", (string)fields["Tax_Rate__c"]["type"]!);
        Assert.Equal("double", (string)fields["Units__c"]["type"]!);
        Assert.Equal("date", (string)fields["Due_Date__c"]["type"]!);
        Assert.Equal("datetime", (string)fields["Sent_At__c"]["type"]!);
        Assert.Equal("boolean", (string)fields["Paid__c"]["type"]!);
        Assert.Equal("picklist", (string)fields["Status__c"]["type"]!);
        Assert.True((bool)fields["Status__c"]["restrictedPicklist"]!);
        Assert.Equal(["Draft", "Sent", "Paid", "Void"], fields["Status__c"]["picklistValues"]!.AsArray().Select(p => (string)p!["value"]!));
        Assert.Equal("multipicklist", (string)fields["Channels__c"]["type"]!);
        Assert.Equal("textarea", (string)fields["Notes__c"]["type"]!);
        Assert.Equal(32768, (int)fields["Notes__c"]["length"]!);
        Assert.Equal(3 * 32768, (int)fields["Notes__c"]["byteLength"]!);
        Assert.False((bool)fields["Notes__c"]["filterable"]!);
        Assert.Equal("email", (string)fields["Billing_Email__c"]["type"]!);
        Assert.True((bool)fields["Total_With_Tax__c"]["calculated"]!);
        Assert.False((bool)fields["Total_With_Tax__c"]["createable"]!);
        Assert.False((bool)fields["Total_With_Tax__c"]["updateable"]!);
        Assert.True((bool)fields["Invoice_Seq__c"]["autoNumber"]!);
        Assert.False((bool)fields["Invoice_Seq__c"]["createable"]!);
        Assert.Equal("reference", (string)fields["Account__c"]["type"]!);
        Assert.Equal(["Account"], fields["Account__c"]["referenceTo"]!.AsArray().Select(r => (string)r!));
        Assert.Equal("Account__r", (string)fields["Account__c"]["relationshipName"]!);
        Assert.True((bool)fields["HubSpot_Id__c"]["externalId"]!);
        Assert.True((bool)fields["HubSpot_Id__c"]["unique"]!);
        Assert.Equal("xsd:double", (string)fields["Amount__c"]["soapType"]!);
        Assert.Equal("tns:ID", (string)fields["Id"]["soapType"]!);
        foreach (var standard in new[] { "Id", "IsDeleted", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp", "OwnerId" })
        {
            Assert.True(fields.ContainsKey(standard), standard);
            Assert.False((bool)fields[standard]["updateable"]! && standard != "OwnerId", standard);
        }
    }

    [Fact]
    public async Task Account_describe_lists_invoices_as_a_child_relationship()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var (_, body, _) = await sf.GetAsync("sobjects/Account/describe");
        var children = body!["childRelationships"]!.AsArray();
        Assert.Contains(children, c => (string)c!["childSObject"]! == "Invoice__c" && (string)c["field"]! == "Account__c" && (string)c["relationshipName"]! == "Invoices__r");
        Assert.Contains(children, c => (string)c!["childSObject"]! == "Contact" && (string)c["relationshipName"]! == "Contacts");
    }

    [Fact]
    public async Task Standard_objects_declare_only_fields_the_real_objects_have()
    {
        // The OpenAPI document was generated from a real org: every standard field the Demo declares must exist there, with a matching JSON type.
        await using var sf = await SalesforceTestOrg.StartAsync();
        var spec = JsonNode.Parse(File.ReadAllText(SalesforceContracts.ContractPath("salesforce-sobjects.subset.oas.json")))!;
        // Organization and User, which every org has, are not in the subset; their own tests check the fields tools read.
        foreach (var schema in sf.Org.Objects.Where(o => !o.Custom && o.Name is not "Organization" and not "User"))
        {
            var properties = spec["components"]!["schemas"]![schema.Name + "SObject"]!["properties"]!.AsObject();
            foreach (var field in schema.Fields.Where(f => !f.Custom && !f.System))
            {
                Assert.True(properties.ContainsKey(field.Name), $"{schema.Name}.{field.Name} is not a field of the real {schema.Name}");
                var expected = field.Type switch { "boolean" => "boolean", "currency" or "double" or "percent" or "int" => "number", _ => "string" };
                Assert.Equal(expected, (string)properties[field.Name]!["type"]!);
            }
        }
    }

    [Fact]
    public async Task Unknown_object_describe_answers_404_not_found()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var (status, body, _) = await sf.GetAsync("sobjects/Nope__c/describe");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NOT_FOUND", SalesforceTestOrg.ErrorCode(body));
        SalesforceContracts.AssertOpenApiValid("ErrorInfo", body![0]);
    }

    [Fact]
    public async Task Versions_are_listed_without_a_token_and_unserved_versions_are_refused()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = sf.Server.SalesforceUrl };
        var versions = JsonNode.Parse(await anonymous.GetStringAsync("services/data/"))!.AsArray();
        Assert.Contains(versions, v => (string)v!["version"]! == "62.0" && (string)v["url"]! == "/services/data/v62.0");
        Assert.Contains(versions, v => (string)v!["version"]! == "50.0");
        Assert.Equal("68.0", (string)versions[^1]!["version"]!);
        Assert.Equal("Winter '27", (string)versions[^1]!["label"]!);

        Assert.Equal(HttpStatusCode.Gone, (await sf.GetAsync("/services/data/v49.0/sobjects")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await sf.GetAsync("/services/data/v69.0/sobjects")).Status);
        Assert.Equal(HttpStatusCode.OK, (await sf.GetAsync("/services/data/v59.0/sobjects")).Status);
    }
}
