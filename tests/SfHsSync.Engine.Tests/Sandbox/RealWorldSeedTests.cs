using System.Text.Json.Nodes;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.Sandbox.Seeds;
using SfHsSync.Engine.Validation;
using SfHsSync.Sandbox;

namespace SfHsSync.Engine.Tests.Sandbox;

/// <summary>
/// A seed exported from recorded answers of the real services (restforce's describe, HubSpot's spec examples) through the
/// engine's own clients loads in the sandbox, keeps the shapes it was given, and a mapping over it validates.
/// </summary>
public sealed class RealWorldSeedTests : IAsyncLifetime
{
    private readonly string _seedPath = Path.Combine(Path.GetTempPath(), $"sfhssync-realworld-{Guid.NewGuid():N}.seed.json");
    private RecordedServices _recorded = null!;
    private SandboxSeedExport _export = null!;

    public async Task InitializeAsync()
    {
        _recorded = new RecordedServices(new Dictionary<string, string>
        {
            ["/sobjects/Whizbang__c/describe"] = RecordedServices.Fixture("whizbang.describe.json"),
            // HubSpot's spec examples, served where the engine's default API version (2026-09) asks for them.
            ["/crm-object-schemas/2026-09/schemas/my_object"] = RecordedServices.Fixture("my_object.schema.json"),
            ["/crm/properties/2026-09/contacts"] = RecordedServices.Fixture("contacts.properties.json"),
            ["/crm/associations/2026-09/2-123456/0-1/labels"] = RecordedServices.Fixture("my_object-contacts.labels.json"),
        });
        using var salesforce = new SalesforceClient(new SalesforceConnection(_recorded.Url, SecretText.ToSecureString("recorded-sf-token")));
        using var hubSpot = new HubSpotClient(new HubSpotConnection(_recorded.Url, SecretText.ToSecureString("recorded-hs-token")));
        _export = await SandboxSeedExporter.ExportAsync(salesforce, hubSpot,
            new SeedExportRequest { SalesforceObjects = ["Whizbang__c"], HubSpotObjects = ["my_object", "contacts"] }, _seedPath);
    }

    public Task DisposeAsync()
    {
        _recorded.Dispose();
        File.Delete(_seedPath);
        return Task.CompletedTask;
    }

    [Fact]
    public void The_export_reads_only_the_recorded_answers_and_keeps_no_token()
    {
        Assert.Empty(_recorded.Unanswered);
        Assert.Equal(4, _recorded.Asked.Count);
        var text = File.ReadAllText(_seedPath);
        Assert.DoesNotContain("recorded-sf-token", text, StringComparison.Ordinal);
        Assert.DoesNotContain("recorded-hs-token", text, StringComparison.Ordinal);
        Assert.DoesNotContain(_recorded.Url.Authority, text, StringComparison.Ordinal);
        Assert.Equal(["Whizbang__c"], _export.SalesforceObjects);
        Assert.Equal(["my_object", "contacts"], _export.HubSpotObjects);
    }

    [Fact]
    public void The_seed_keeps_the_recorded_shapes()
    {
        var seed = JsonNode.Parse(File.ReadAllText(_seedPath))!;
        var whizbang = seed["salesforce"]!["objects"]![0]!;
        JsonNode Field(string name) => whizbang["fields"]!.AsArray().Single(f => (string?)f!["name"] == name)!;
        Assert.Equal("a01", (string?)whizbang["keyPrefix"]);
        Assert.Equal("{0}", (string?)Field("Auto_Number")["autoNumberFormat"]);
        Assert.True((bool)Field("CreateableButNotUpdateableField")["createOnly"]!);
        Assert.Equal(10, Field("Picklist_Field")["picklistValues"]!.AsArray().Count);
        Assert.Equal("multipicklist", (string?)Field("Picklist_Multiselect_Field")["type"]);
        Assert.Equal(32768, (int)Field("TextAreaLong_Field")["length"]!);
        Assert.Equal("Whizbang__c", (string?)Field("ParentWhizbang__c")["referenceTo"]![0]);
        Assert.Null(Field("Name")["required"]); // nillable in this org
        Assert.Equal(80, (int)Field("Email_Field")["length"]!);
        Assert.Single(whizbang["recordTypes"]!.AsArray());
        Assert.DoesNotContain(whizbang["fields"]!.AsArray(), f => (string?)f!["name"] is "Id" or "OwnerId" or "CreatedById");

        var hubspot = seed["hubspot"]!;
        Assert.Equal(7878787, (long)hubspot["portalId"]!);
        Assert.Equal("2-123456", (string?)hubspot["schemas"]![0]!["objectTypeId"]);
        Assert.Equal("CONTACT", (string?)hubspot["schemas"]![0]!["associatedObjects"]![0]);
        Assert.Equal("my_object_property", (string?)hubspot["properties"]!["contacts"]![0]!["name"]);
        Assert.Equal("Mentor", (string?)hubspot["associationLabels"]![0]!["label"]);
    }

    [Fact]
    public async Task The_seed_loads_and_a_mapping_over_it_validates()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Seed = _seedPath });
        using var salesforce = new SalesforceClient(new SalesforceConnection(server.SalesforceUrl, SecretText.ToSecureString(server.Salesforce.DefaultAccessToken)));
        using var hubSpot = new HubSpotClient(new HubSpotConnection(server.HubSpotUrl, SecretText.ToSecureString(server.HubSpot.DefaultAccessToken)));
        var mapping = new SyncMapping("Whizbangs", "Whizbang__c", "p7878787_my_object", ConflictWinner.Salesforce, SyncDirection.None, SyncDirection.None, null, null)
            .AddField("Text_Field", "my_object_property");
        var diagnostics = await MappingValidator.Default.ValidateAsync([mapping], new ConnectedSchemaSource(salesforce, hubSpot));

        Assert.DoesNotContain(diagnostics, d => d.IsError);
        Assert.Contains(diagnostics, d => d.Rule == "TextLengthExceeded" && d.Message.Contains("'Text_Field' 80", StringComparison.Ordinal));
        var described = await salesforce.DescribeAsync("Whizbang__c");
        Assert.True(described.FindField("Auto_Number")!.AutoNumber);
        Assert.False(described.FindField("CreateableButNotUpdateableField")!.Updateable);
        Assert.True(described.FindField("CreateableButNotUpdateableField")!.Createable);
        Assert.Equal(["Whizbang__c"], described.FindField("ParentWhizbang__c")!.ReferenceTo);
        Assert.Equal("012000000000000AAA", Assert.Single(described.RecordTypes).RecordTypeId);
        var labels = await hubSpot.GetAssociationTypesAsync("2-123456", "0-1");
        Assert.Contains(labels, t => t.Label == "Mentor");
    }
}
