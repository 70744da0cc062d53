using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Tests.Sync.Support;

namespace SfHsSync.Engine.Tests.Health;

/// <summary>The story of a field: per linked pair and field, which side last changed it, in which run, and which rule decided.</summary>
public sealed class ProvenanceTests : IAsyncLifetime
{
    private static readonly SyncOptions Trusted = new() { HubSpotSearchLag = TimeSpan.Zero, SalesforceCommitLag = TimeSpan.Zero };
    private SyncWorld _world = null!;

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Edits_on_both_sides_with_a_conflict_and_a_one_way_overwrite_are_told_with_the_right_side_run_and_rule()
    {
        var mapping = InvoiceMappings.AllRules();
        var created = await _world.PassAsync(mapping, Trusted);
        var invoice = _world.Org.Records(SyncWorld.Invoice).First(r => (string?)r["Status__c"] != "Void");
        var link = (await _world.State.GetLinksBySalesforceIdAsync(mapping.Name, [invoice.Id], CancellationToken.None))[invoice.Id];

        _world.Org.Update(SyncWorld.Invoice, invoice.Id, new Dictionary<string, object?> { ["Amount__c"] = 111m });
        var fromSalesforce = await _world.PassAsync(mapping, Trusted);

        _world.Account.UpdateRecord(SyncWorld.HubSpotType, link.HubSpotId, new Dictionary<string, string> { ["amount"] = "222" });
        var fromHubSpot = await _world.PassAsync(mapping, Trusted);

        // Both sides change Amount: Salesforce, the mapping's winner, wins.
        _world.Org.Update(SyncWorld.Invoice, invoice.Id, new Dictionary<string, object?> { ["Amount__c"] = 333m });
        _world.Account.UpdateRecord(SyncWorld.HubSpotType, link.HubSpotId, new Dictionary<string, string> { ["amount"] = "444" });
        var conflict = await _world.PassAsync(mapping, Trusted);

        // Due Date syncs Salesforce to HubSpot only: a HubSpot edit is written back over.
        _world.Account.UpdateRecord(SyncWorld.HubSpotType, link.HubSpotId, new Dictionary<string, string> { ["due_date"] = "2031-01-01" });
        var overwrite = await _world.PassAsync(mapping, Trusted);

        var story = await SyncRecordState.ReadAsync(_world.State, [mapping.Name], SyncSide.HubSpot, [link.HubSpotId], history: true, CancellationToken.None);
        var record = Assert.Single(story);
        Assert.Equal(invoice.Id, record.SalesforceId);

        var amount = record.History.Where(o => o.Field == "Amount__c").Select(o => (o.Side, o.RunId, o.Rule, o.Value)).ToList();
        Assert.Equal(
        [
            (SyncSide.Salesforce, (long?)conflict.RunId, FieldRule.ConflictWon, "333"),
            (SyncSide.HubSpot, fromHubSpot.RunId, FieldRule.TravelledByDirection, "222"),
            (SyncSide.Salesforce, fromSalesforce.RunId, FieldRule.TravelledByDirection, "111"),
            (SyncSide.Salesforce, created.RunId, FieldRule.AlignedOnFirstLink, amount[^1].Value),
        ], amount);

        var dueDate = record.History.Where(o => o.Field == "Due_Date__c").Select(o => (o.Side, o.RunId, o.Rule)).ToList();
        Assert.Equal([(SyncSide.Salesforce, (long?)overwrite.RunId, FieldRule.OverwrittenAsOneWay), (SyncSide.Salesforce, created.RunId, FieldRule.AlignedOnFirstLink)], dueDate);

        // Without -History, each field's latest decision.
        var latest = record.Fields.Single(f => f.Field == "Amount__c");
        Assert.Equal((SyncSide.Salesforce, (long?)conflict.RunId, FieldRule.ConflictWon, "333"), (latest.Side, latest.RunId, latest.Rule, latest.Value));

        // The history is bounded: at a depth of 2, one earlier decision stays beside the latest.
        _world.Org.Update(SyncWorld.Invoice, invoice.Id, new Dictionary<string, object?> { ["Amount__c"] = 555m });
        var bounded = await _world.PassAsync(mapping, Trusted with { FieldHistoryDepth = 2 });
        var kept = (await _world.State.GetFieldOriginsAsync(mapping.Name, invoice.Id, true, CancellationToken.None)).Where(o => o.Field == "Amount__c").ToList();
        Assert.Equal([(bounded.RunId, "555"), (conflict.RunId, "333")], kept.Select(o => (o.RunId ?? 0, o.Value)));
    }
}
