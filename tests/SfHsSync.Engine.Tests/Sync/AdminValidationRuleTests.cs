using System.Text.Json;
using System.Text.Json.Nodes;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Tests.Sync.Support;
using SfHsSync.Sandbox;

namespace SfHsSync.Engine.Tests.Sync;

/// <summary>
/// From 2026-09 HubSpot applies an account's admin validation rules to API writes. A seed rule (billing_email required
/// when status is Sent) refuses 3 of 40 creates: 37 sync, the 3 are kept in the errors with HubSpot's code and message,
/// the run is not a success, and once Salesforce satisfies the rule the next pass syncs them.
/// </summary>
public sealed class AdminValidationRuleTests : IAsyncLifetime
{
    private const string HsType = SyncWorld.HubSpotType;
    private static readonly JsonDocumentOptions Comments = new() { CommentHandling = JsonCommentHandling.Skip };
    private readonly string _seedPath = Path.Combine(Path.GetTempPath(), $"sfhssync-rules-{Guid.NewGuid():N}.json");
    private SyncWorld _world = null!;

    /// <summary>The Demo seed with two admin rules on invoices: billing_email required when status is Sent, invoice_number on create.</summary>
    public async Task InitializeAsync()
    {
        var (salesforce, hubSpot) = SandboxSeed.Load("Demo");
        var hubSpotSeed = JsonNode.Parse(hubSpot!.Value.GetRawText(), documentOptions: Comments)!.AsObject();
        hubSpotSeed["validationRules"] = new JsonArray(
            new JsonObject { ["objectType"] = "invoices", ["property"] = "billing_email", ["requiredWhen"] = new JsonObject { ["property"] = "status", ["values"] = new JsonArray("Sent") } },
            new JsonObject { ["objectType"] = "invoices", ["property"] = "invoice_number", ["requiredOnCreate"] = true });
        var seed = new JsonObject { ["salesforce"] = JsonNode.Parse(salesforce!.Value.GetRawText(), documentOptions: Comments), ["hubspot"] = hubSpotSeed };
        await File.WriteAllTextAsync(_seedPath, seed.ToJsonString());
        _world = await SyncWorld.StartAsync(new SandboxOptions { Seed = _seedPath });
    }

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        File.Delete(_seedPath);
    }

    private static SyncMapping Invoices()
        => new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices", ConflictWinner.Salesforce, SyncDirection.TwoWay, SyncDirection.None, "salesforce_id", "HubSpot_Id__c")
            .AddField("Name", "invoice_number")
            .AddField("Amount__c", "amount")
            .AddField("Status__c", "status")
            .AddField("Billing_Email__c", "billing_email");

    private Task<SyncRunResult> PassAsync() => _world.PassAsync(Invoices());

    [Fact]
    public async Task A_seed_rule_refuses_3_of_40_creates_which_are_kept_with_HubSpots_message_and_sync_once_Salesforce_satisfies_it()
    {
        // Every Demo invoice made syncable (Void is no HubSpot status); three Sent ones lose their billing email.
        var invoices = _world.Server.Salesforce.Records("Invoice__c").OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(40, invoices.Count);
        foreach (var invoice in invoices.Where(r => (string?)r["Status__c"] == "Void"))
        {
            _world.Server.Salesforce.Update("Invoice__c", invoice.Id, new Dictionary<string, object?> { ["Status__c"] = "Draft" });
        }

        var refused = invoices.Where(r => (string?)r["Status__c"] == "Sent").Take(3).Select(r => r.Id).ToList();
        foreach (var id in refused)
        {
            _world.Server.Salesforce.Update("Invoice__c", id, new Dictionary<string, object?> { ["Billing_Email__c"] = null });
        }

        var first = await PassAsync();

        Assert.Equal((37, 3, SyncRunState.CompletedWithErrors), (first.CreatedInHubSpot, first.Failed, first.State));
        Assert.False(first.Success);
        Assert.Equal(37, _world.Server.HubSpot.Records(HsType).Count);
        var errors = await _world.State.GetErrorsAsync("Invoices", false, CancellationToken.None);
        Assert.Equal(refused.Order(StringComparer.Ordinal), errors.Select(e => e.RecordId).Order(StringComparer.Ordinal));
        Assert.All(errors, e =>
        {
            Assert.Equal("CONDITIONALLY_REQUIRED", e.ErrorCode);
            Assert.Equal(SyncSide.HubSpot, e.Side);
            Assert.Contains("VALIDATION_ERROR", e.Message, StringComparison.Ordinal);
            Assert.Contains("billing_email is required when status is Sent", e.Message, StringComparison.Ordinal);
        });

        foreach (var id in refused)
        {
            _world.Server.Salesforce.Update("Invoice__c", id, new Dictionary<string, object?> { ["Billing_Email__c"] = "ar@customer.example" });
        }

        var second = await PassAsync();

        Assert.Equal((3, 0, SyncRunState.Succeeded), (second.CreatedInHubSpot, second.Failed, second.State));
        Assert.Equal(40, _world.Server.HubSpot.Records(HsType).Count);
        Assert.Empty(await _world.State.GetErrorsAsync("Invoices", false, CancellationToken.None));
        Assert.All(refused, id => Assert.Equal("ar@customer.example", _world.Server.HubSpot.FindRecordByUniqueValue(HsType, "salesforce_id", id)!.Properties["billing_email"]));
    }
}
