using System.Text.Json.Nodes;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Sandbox;

namespace SfHsSync.Engine.Tests.Sync;

/// <summary>
/// From 2026-09 HubSpot applies an account's admin validation rules to API writes. A seed rule (billing_email required
/// when status is Sent) refuses 3 of 40 creates: 37 sync, the 3 are kept in the errors with HubSpot's code and message,
/// the run is not a success, and once Salesforce satisfies the rule the next pass syncs them.
/// </summary>
public sealed class AdminValidationRuleTests : IAsyncLifetime
{
    private const string HsType = "2-1234567";
    private static readonly System.Text.Json.JsonDocumentOptions Comments = new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip };
    private readonly string _statePath = Path.Combine(Path.GetTempPath(), $"sfhssync-rules-{Guid.NewGuid():N}.db");
    private readonly string _seedPath = Path.Combine(Path.GetTempPath(), $"sfhssync-rules-{Guid.NewGuid():N}.json");
    private SandboxServer _server = null!;
    private SalesforceClient _sf = null!;
    private HubSpotClient _hs = null!;
    private IStateStore _state = null!;

    public async Task InitializeAsync()
    {
        var (salesforce, hubSpot) = SandboxSeed.Load("Demo");
        var hubSpotSeed = JsonNode.Parse(hubSpot!.Value.GetRawText(), documentOptions: Comments)!.AsObject();
        hubSpotSeed["validationRules"] = new JsonArray(
            new JsonObject { ["objectType"] = "invoices", ["property"] = "billing_email", ["requiredWhen"] = new JsonObject { ["property"] = "status", ["values"] = new JsonArray("Sent") } },
            new JsonObject { ["objectType"] = "invoices", ["property"] = "invoice_number", ["requiredOnCreate"] = true });
        var seed = new JsonObject { ["salesforce"] = JsonNode.Parse(salesforce!.Value.GetRawText(), documentOptions: Comments), ["hubspot"] = hubSpotSeed };
        await File.WriteAllTextAsync(_seedPath, seed.ToJsonString());
        _server = await SandboxServer.StartAsync(new SandboxOptions { Seed = _seedPath });
        _sf = new SalesforceClient(new SalesforceConnection(_server.SalesforceUrl, SecretText.ToSecureString(_server.Salesforce.DefaultAccessToken)));
        _hs = new HubSpotClient(new HubSpotConnection(_server.HubSpotUrl, SecretText.ToSecureString(_server.HubSpot.DefaultAccessToken)));
        _state = await StateStore.OpenAsync(StateLocation.Parse(_statePath), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _state.DisposeAsync();
        _sf.Dispose();
        _hs.Dispose();
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _statePath, _statePath + "-wal", _statePath + "-shm", _seedPath })
        {
            File.Delete(file);
        }
    }

    private static SyncMapping Invoices()
        => new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices", ConflictWinner.Salesforce, SyncDirection.TwoWay, SyncDirection.None, "salesforce_id", "HubSpot_Id__c")
            .AddField("Name", "invoice_number")
            .AddField("Amount__c", "amount")
            .AddField("Status__c", "status")
            .AddField("Billing_Email__c", "billing_email");

    private async Task<SyncRunResult> PassAsync()
    {
        var runtime = await MappingRuntime.ResolveAsync(Invoices(), _sf, _hs, CancellationToken.None);
        return await new SyncPass(_sf, _hs, _state, new SyncOptions { HubSpotSearchLag = TimeSpan.Zero }).RunAsync(runtime, CancellationToken.None);
    }

    [Fact]
    public async Task A_seed_rule_refuses_3_of_40_creates_which_are_kept_with_HubSpots_message_and_sync_once_Salesforce_satisfies_it()
    {
        // Every Demo invoice made syncable (Void is no HubSpot status); three Sent ones lose their billing email.
        var invoices = _server.Salesforce.Records("Invoice__c").OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(40, invoices.Count);
        foreach (var invoice in invoices.Where(r => (string?)r["Status__c"] == "Void"))
        {
            _server.Salesforce.Update("Invoice__c", invoice.Id, new Dictionary<string, object?> { ["Status__c"] = "Draft" });
        }

        var refused = invoices.Where(r => (string?)r["Status__c"] == "Sent").Take(3).Select(r => r.Id).ToList();
        foreach (var id in refused)
        {
            _server.Salesforce.Update("Invoice__c", id, new Dictionary<string, object?> { ["Billing_Email__c"] = null });
        }

        var first = await PassAsync();

        Assert.Equal((37, 3, SyncRunState.CompletedWithErrors), (first.CreatedInHubSpot, first.Failed, first.State));
        Assert.False(first.Success);
        Assert.Equal(37, _server.HubSpot.Records(HsType).Count);
        var errors = await _state.GetErrorsAsync("Invoices", false, CancellationToken.None);
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
            _server.Salesforce.Update("Invoice__c", id, new Dictionary<string, object?> { ["Billing_Email__c"] = "ar@customer.example" });
        }

        var second = await PassAsync();

        Assert.Equal((3, 0, SyncRunState.Succeeded), (second.CreatedInHubSpot, second.Failed, second.State));
        Assert.Equal(40, _server.HubSpot.Records(HsType).Count);
        Assert.Empty(await _state.GetErrorsAsync("Invoices", false, CancellationToken.None));
        Assert.All(refused, id => Assert.Equal("ar@customer.example", _server.HubSpot.FindRecordByUniqueValue(HsType, "salesforce_id", id)!.Properties["billing_email"]));
    }
}
