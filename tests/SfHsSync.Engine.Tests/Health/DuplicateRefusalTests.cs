using System.Text.Json;
using System.Text.Json.Nodes;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Tests.Sync.Support;
using SfHsSync.Sandbox;

namespace SfHsSync.Engine.Tests.Health;

/// <summary>
/// Duplicates refused as the services refuse them: HubSpot's unique-value property (invoice_number made
/// hasUniqueValue) answers a conflicting input with CONFLICT naming the property and the record holding the value, and
/// Salesforce's unique field (a PO_Number__c with "unique") answers DUPLICATE_VALUE naming the field. Each is a
/// Duplicate error with a hint naming the field and value; the other records of the pass sync, and once the value is
/// made unique the next pass retries the record and syncs it.
/// </summary>
public sealed class DuplicateRefusalTests : IAsyncLifetime
{
    private static readonly JsonDocumentOptions Comments = new() { CommentHandling = JsonCommentHandling.Skip };
    private static readonly SyncOptions Trusted = new() { HubSpotSearchLag = TimeSpan.Zero, SalesforceCommitLag = TimeSpan.Zero };
    private readonly string _seedPath = Path.Combine(Path.GetTempPath(), $"sfhssync-unique-{Guid.NewGuid():N}.json");
    private SyncWorld _world = null!;
    private List<RecordLink> _links = null!;

    public async Task InitializeAsync()
    {
        var (salesforce, hubSpot) = SandboxSeed.Load("Demo");
        var salesforceSeed = JsonNode.Parse(salesforce!.Value.GetRawText(), documentOptions: Comments)!.AsObject();
        var invoice = salesforceSeed["objects"]!.AsArray().Single(o => (string?)o!["name"] == SyncWorld.Invoice)!;
        invoice["fields"]!.AsArray().Add(new JsonObject { ["name"] = "PO_Number__c", ["label"] = "PO Number", ["type"] = "string", ["length"] = 40, ["unique"] = true });
        foreach (var record in invoice["records"]!.AsArray().Where(r => (string?)r!["Status__c"] == "Void"))
        {
            record!["Status__c"] = "Draft"; // Void is no HubSpot status: only duplicates fail here
        }

        var hubSpotSeed = JsonNode.Parse(hubSpot!.Value.GetRawText(), documentOptions: Comments)!.AsObject();
        var properties = hubSpotSeed["schemas"]!.AsArray().Single(s => (string?)s!["name"] == "invoices")!["properties"]!.AsArray();
        properties.Single(p => (string?)p!["name"] == "invoice_number")!["hasUniqueValue"] = true;
        properties.Add(new JsonObject { ["name"] = "po_number", ["label"] = "PO number", ["type"] = "string", ["fieldType"] = "text" });

        var seed = new JsonObject { ["salesforce"] = salesforceSeed, ["hubspot"] = hubSpotSeed };
        await File.WriteAllTextAsync(_seedPath, seed.ToJsonString());
        _world = await SyncWorld.StartAsync(new SandboxOptions { Seed = _seedPath });
        var first = await _world.PassAsync(Invoices(), Trusted);
        Assert.Equal((40, SyncRunState.Succeeded), (first.CreatedInHubSpot, first.State));
        _links = await _world.State.ReadLinksAsync("Invoices", CancellationToken.None).ToListAsync();
    }

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        File.Delete(_seedPath);
    }

    private static SyncMapping Invoices()
        => new SyncMapping("Invoices", SyncWorld.Invoice, "p12345678_invoices", ConflictWinner.Salesforce, SyncDirection.TwoWay, SyncDirection.None, "salesforce_id", "HubSpot_Id__c")
            .AddField("Name", "invoice_number")
            .AddField("Amount__c", "amount")
            .AddField("Status__c", "status")
            .AddField("PO_Number__c", "po_number");

    [Fact]
    public async Task An_invoice_number_HubSpot_holds_on_another_record_is_a_Duplicate_naming_it_the_rest_syncs_and_the_next_pass_retries()
    {
        var taken = (string)_world.Org.Find(_links[0].SalesforceId)!["Name"]!;
        _world.Org.Update(SyncWorld.Invoice, _links[1].SalesforceId, new Dictionary<string, object?> { ["Name"] = taken });
        _world.Org.Update(SyncWorld.Invoice, _links[2].SalesforceId, new Dictionary<string, object?> { ["Amount__c"] = 321m });

        var pass = await _world.PassAsync(Invoices(), Trusted);

        Assert.Equal((SyncRunState.CompletedWithErrors, 1L, 1L), (pass.State, pass.Failed, pass.UpdatedInHubSpot));
        Assert.Equal("321", _world.Account.FindRecord(SyncWorld.HubSpotType, _links[2].HubSpotId)!.Properties["amount"]);
        var duplicate = Assert.Single(await ErrorsAsync());
        Assert.Equal((SyncErrorCategory.Duplicate, SyncSide.HubSpot, _links[1].SalesforceId), (duplicate.Category, duplicate.Side, duplicate.RecordId));
        Assert.Equal("CONFLICT", duplicate.ErrorCode);
        Assert.Contains(_links[0].HubSpotId, duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("Name (HubSpot invoice_number)", duplicate.Hint, StringComparison.Ordinal);
        Assert.Contains($"'{taken}'", duplicate.Hint, StringComparison.Ordinal);
        Assert.NotEqual(taken, _world.Account.FindRecord(SyncWorld.HubSpotType, _links[1].HubSpotId)!.Properties["invoice_number"]);

        // Made unique in Salesforce: the next pass retries the record (its change is behind the watermark) and syncs it.
        _world.Org.Update(SyncWorld.Invoice, _links[1].SalesforceId, new Dictionary<string, object?> { ["Name"] = taken + "-B" });
        var retry = await _world.PassAsync(Invoices(), Trusted);

        Assert.Equal((SyncRunState.Succeeded, 1L, 0L), (retry.State, retry.UpdatedInHubSpot, retry.Failed));
        Assert.Equal(taken + "-B", _world.Account.FindRecord(SyncWorld.HubSpotType, _links[1].HubSpotId)!.Properties["invoice_number"]);
        Assert.Empty(await ErrorsAsync());
    }

    [Fact]
    public async Task A_PO_number_Salesforce_holds_unique_written_to_two_invoices_is_a_Duplicate_for_the_second_the_rest_syncs_and_the_next_pass_retries()
    {
        _world.Account.UpdateRecord(SyncWorld.HubSpotType, _links[3].HubSpotId, new Dictionary<string, string> { ["po_number"] = "PO-7" });
        _world.Account.UpdateRecord(SyncWorld.HubSpotType, _links[4].HubSpotId, new Dictionary<string, string> { ["po_number"] = "PO-7" });
        _world.Account.UpdateRecord(SyncWorld.HubSpotType, _links[5].HubSpotId, new Dictionary<string, string> { ["po_number"] = "PO-9" });

        var pass = await _world.PassAsync(Invoices(), Trusted);

        Assert.Equal((SyncRunState.CompletedWithErrors, 1L, 2L), (pass.State, pass.Failed, pass.UpdatedInSalesforce));
        var duplicate = Assert.Single(await ErrorsAsync());
        Assert.Equal((SyncErrorCategory.Duplicate, SyncSide.Salesforce, "DUPLICATE_VALUE"), (duplicate.Category, duplicate.Side, duplicate.ErrorCode));
        Assert.Contains("PO_Number__c (HubSpot po_number)", duplicate.Hint, StringComparison.Ordinal);
        Assert.Contains("'PO-7'", duplicate.Hint, StringComparison.Ordinal);
        var holders = new[] { _links[3], _links[4] }.Where(l => (string?)_world.Org.Find(l.SalesforceId)!["PO_Number__c"] == "PO-7").ToList();
        var refused = Assert.Single(new[] { _links[3], _links[4] }.Except(holders));
        Assert.Single(holders);
        Assert.Equal(refused.HubSpotId, duplicate.RecordId);
        Assert.Equal("PO-9", (string?)_world.Org.Find(_links[5].SalesforceId)!["PO_Number__c"]);

        _world.Account.UpdateRecord(SyncWorld.HubSpotType, refused.HubSpotId, new Dictionary<string, string> { ["po_number"] = "PO-8" });
        var retry = await _world.PassAsync(Invoices(), Trusted);

        Assert.Equal((SyncRunState.Succeeded, 1L, 0L), (retry.State, retry.UpdatedInSalesforce, retry.Failed));
        Assert.Equal("PO-8", (string?)_world.Org.Find(refused.SalesforceId)!["PO_Number__c"]);
        Assert.Empty(await ErrorsAsync());
    }

    private async Task<IReadOnlyList<RecordError>> ErrorsAsync() => await _world.State.GetErrorsAsync("Invoices", false, CancellationToken.None);
}
