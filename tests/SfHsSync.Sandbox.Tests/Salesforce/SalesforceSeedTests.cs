using System.Net;
using SfHsSync.Sandbox.Salesforce;

namespace SfHsSync.Sandbox.Tests.Salesforce;

public sealed class SalesforceSeedTests
{
    private static string WriteSeed(string salesforceJson)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sfhssync-seed-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{ \"salesforce\": " + salesforceJson + " }");
        return path;
    }

    [Fact]
    public async Task A_seed_file_defines_objects_with_their_describe_metadata_and_records()
    {
        var path = WriteSeed("""
        {
          "objects": [
            {
              "name": "Ticket__c", "label": "Ticket", "labelPlural": "Tickets", "keyPrefix": "a1T", "hasOwner": true,
              "fields": [
                { "name": "Name", "type": "string", "length": 20, "required": true, "nameField": true },
                { "name": "Priority__c", "type": "int", "precision": 3 },
                { "name": "Hours__c", "type": "double", "precision": 6, "scale": 1 },
                { "name": "Double_Hours__c", "type": "double", "precision": 7, "scale": 1, "formula": "Hours__c * 2" },
                { "name": "Legacy__c", "type": "string", "length": 10, "externalId": true }
              ],
              "validationRules": [ { "name": "P", "errorCondition": "Priority__c > 5", "errorMessage": "Priority is 1 to 5.", "errorDisplayField": "Priority__c" } ],
              "records": [
                { "Name": "T-1", "Priority__c": 2, "Hours__c": 1.25, "Legacy__c": "L1" },
                { "Name": "T-2", "Priority__c": 5, "Legacy__c": "L1" }
              ]
            }
          ]
        }
        """);
        try
        {
            await using var sf = await SalesforceTestOrg.StartAsync(seed: path);
            var (_, describe, _) = await sf.GetAsync("sobjects/Ticket__c/describe");
            SalesforceContracts.AssertDescribeValid(describe);
            var fields = describe!["fields"]!.AsArray().ToDictionary(f => (string)f!["name"]!, f => f!);
            Assert.Equal("int", (string)fields["Priority__c"]["type"]!);
            Assert.Equal("xsd:int", (string)fields["Priority__c"]["soapType"]!);
            Assert.Equal("Hours__c * 2", (string)fields["Double_Hours__c"]["calculatedFormula"]!);
            Assert.True(fields.ContainsKey("OwnerId"));

            var (_, body, _) = await sf.QueryAsync("SELECT Name, Hours__c, Double_Hours__c FROM Ticket__c WHERE Priority__c >= 2 ORDER BY Name");
            Assert.Equal(2, (int)body!["totalSize"]!);
            Assert.Equal(1.3m, (decimal)body["records"]![0]!["Hours__c"]!);
            Assert.Equal(2.6m, (decimal)body["records"]![0]!["Double_Hours__c"]!);
            Assert.Null(body["records"]![1]!["Double_Hours__c"]);

            var (status, refused, _) = await sf.SendAsync(HttpMethod.Post, "sobjects/Ticket__c", new { Name = "T-3", Priority__c = 9 });
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("FIELD_CUSTOM_VALIDATION_EXCEPTION", SalesforceTestOrg.ErrorCode(refused));
            Assert.Equal("Priority is 1 to 5.", (string)refused![0]!["message"]!);
            (status, refused, _) = await sf.SendAsync(HttpMethod.Post, "sobjects/Ticket__c", new { Name = "T-3", Priority__c = 1.5 });
            Assert.Equal("INVALID_TYPE_ON_FIELD_IN_RECORD", SalesforceTestOrg.ErrorCode(refused));
            Assert.Equal(HttpStatusCode.MultipleChoices, (await sf.SendAsync(HttpMethod.Patch, "sobjects/Ticket__c/Legacy__c/L1", new { Priority__c = 1 })).Status);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("""{ "objects": [ { "name": "X__c", "fields": [] } ] }""", "X__c", "keyPrefix")]
    [InlineData("""{ "objects": [ { "name": "X__c", "keyPrefix": "a2X", "fields": [ { "name": "Y__c", "type": "blob" } ] } ] }""", "X__c", "blob")]
    [InlineData("""{ "objects": [ { "name": "X__c", "keyPrefix": "a2X", "fields": [ { "name": "Y__c", "type": "double", "formula": "Z__c + 1" } ] } ] }""", "X__c", "Z__c")]
    [InlineData("""{ "objects": [ { "name": "X__c", "keyPrefix": "a2X", "fields": [ { "name": "Name", "type": "string", "required": true } ], "records": [ { "Other": 1 } ] } ] }""", "X__c", "INVALID_FIELD")]
    [InlineData("""{ "objects": [ { "name": "X__c", "keyPrefix": "a2X", "fields": [ { "name": "Name", "type": "string", "required": true } ], "records": [ { } ] } ] }""", "X__c", "REQUIRED_FIELD_MISSING")]
    public void A_bad_seed_is_refused_with_the_object_and_the_problem_named(string seed, string objectName, string problem)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(seed);
        var e = Assert.Throws<InvalidDataException>(() => SalesforceOrg.Create(doc.RootElement, new SalesforceSandboxOptions()));
        Assert.Contains(objectName, e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_hubspot_companies_point_at_demo_accounts()
    {
        var (salesforce, hubspot) = SandboxSeed.Load("Demo");
        var org = SalesforceOrg.Create(salesforce, new SalesforceSandboxOptions());
        var accountIds = org.Records("Account").Select(a => a.Id).ToHashSet();
        var pointers = new List<string>();
        void Walk(System.Text.Json.JsonElement e)
        {
            if (e.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name == "salesforceaccountid" && p.Value.ValueKind == System.Text.Json.JsonValueKind.String)
                    {
                        pointers.Add(p.Value.GetString()!);
                    }

                    Walk(p.Value);
                }
            }
            else if (e.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray())
                {
                    Walk(item);
                }
            }
        }

        Walk(hubspot!.Value);
        Assert.Equal(5, accountIds.Count);
        Assert.Equal(accountIds.Order(), pointers.Distinct().Order());
    }

    [Fact]
    public async Task The_empty_seed_has_no_objects_but_the_Organization_and_User_every_org_has()
    {
        await using var sf = await SalesforceTestOrg.StartAsync(seed: "Empty");
        var (_, body, _) = await sf.GetAsync("sobjects");
        Assert.Equal(["Organization", "User"], body!["sobjects"]!.AsArray().Select(o => (string)o!["name"]!).Order());
        var (_, resources, _) = await sf.GetAsync("");
        Assert.Equal("/services/data/v62.0/query", (string)resources!["query"]!);
    }

    [Fact]
    public async Task Many_records_insert_and_read_back_in_pages()
    {
        // The engine's later tests seed tens of thousands of rows: the org must take them and page through them whole.
        await using var sf = await SalesforceTestOrg.StartAsync();
        var ids = SalesforceQueryTests.SeedInvoices(sf, 30_000, "MANY-");
        Assert.Equal(30_040, sf.Org.Count("Invoice__c"));
        var (_, page, _) = await sf.QueryAsync("SELECT Id FROM Invoice__c WHERE Name LIKE 'MANY-%' ORDER BY SystemModstamp, Id");
        var seen = page!["records"]!.AsArray().Count;
        while (!(bool)page!["done"]!)
        {
            page = (await sf.GetAsync((string)page["nextRecordsUrl"]!)).Body;
            seen += page!["records"]!.AsArray().Count;
        }

        Assert.Equal(ids.Count, seen);
        Assert.Equal(15, sf.Org.Requests.Count("GET", "/query"));
    }
}
