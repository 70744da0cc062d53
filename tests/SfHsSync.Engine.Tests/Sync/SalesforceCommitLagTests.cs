using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Tests.Sync.Support;

namespace SfHsSync.Engine.Tests.Sync;

/// <summary>
/// Salesforce stamps a record's SystemModstamp when its transaction writes it, and others see the record only when the
/// transaction commits. A record can so appear after a read with a stamp no later than the last record that read
/// returned. The Salesforce watermark is held back by the commit lag against the org's time (its Date header), and
/// the records read inside that span are remembered, so the late record is read and the others are not synced twice.
/// </summary>
public sealed class SalesforceCommitLagTests : IAsyncLifetime
{
    private SyncWorld _world = null!;
    private SyncOptions _options = new();

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_record_committed_after_a_read_with_the_same_stamp_and_a_lower_id_is_synced_by_the_next_pass()
    {
        var (late, early) = await LateCommitAsync(new SyncOptions { HubSpotSearchLag = TimeSpan.Zero, SalesforceCommitLag = TimeSpan.FromMinutes(2) });

        // The late record reached HubSpot; the one read before it was skipped as already synced: one update, one write.
        Assert.Equal(SyncRunState.Succeeded, late.Pass.State);
        Assert.Equal(1, late.Pass.UpdatedInHubSpot);
        Assert.Equal(1, late.Traffic.HubSpotBatchWrites);
        Assert.Equal("111", _world.Account.FindRecordByUniqueValue(SyncWorld.HubSpotType, "salesforce_id", early.LowerId)!.Properties["amount"]);

        // The watermark stays behind the org's time by the lag and names the records it has seen since.
        var marks = await _world.State.GetWatermarksAsync("Invoices", CancellationToken.None);
        Assert.Null(marks.SalesforceLastId);
        Assert.Equal(early.Frozen - TimeSpan.FromMinutes(2), marks.Salesforce);
        Assert.Contains(early.LowerId, marks.SalesforceSeen.Keys);
        Assert.Contains(early.HigherId, marks.SalesforceSeen.Keys);

        // Nothing changed since: the next pass reads both again and writes nothing.
        _world.ResetRequestLogs();
        var quiet = await _world.PassAsync(InvoiceMappings.AllRules(), _options);
        Assert.Equal(0, quiet.UpdatedInHubSpot + quiet.UpdatedInSalesforce + quiet.CreatedInHubSpot + quiet.CreatedInSalesforce);
        Assert.Equal(0, _world.Traffic().HubSpotBatchWrites + _world.Traffic().SalesforceCollectionWrites);
    }

    [Fact]
    public async Task A_record_edited_again_within_the_same_stamp_after_a_read_is_not_taken_for_the_version_seen()
    {
        var (_, setup) = await LateCommitAsync(new SyncOptions { HubSpotSearchLag = TimeSpan.Zero, SalesforceCommitLag = TimeSpan.FromMinutes(2) });

        // Salesforce stamps to the second: a second edit in the same second carries the same SystemModstamp. The
        // record was read at that stamp, so the stamp alone would call it seen; the values read say otherwise.
        _world.Org.Update(SyncWorld.Invoice, setup.HigherId, new Dictionary<string, object?> { ["Amount__c"] = 333m });
        Assert.Equal(setup.Frozen, (DateTimeOffset)_world.Org.Find(setup.HigherId)!["SystemModstamp"]!);
        _world.ResetRequestLogs();
        var pass = await _world.PassAsync(InvoiceMappings.AllRules(), _options);

        Assert.Equal(1, pass.UpdatedInHubSpot);
        Assert.Equal("333", _world.Account.FindRecordByUniqueValue(SyncWorld.HubSpotType, "salesforce_id", setup.HigherId)!.Properties["amount"]);
    }

    [Fact]
    public async Task With_the_stamps_trusted_the_same_late_commit_is_missed_which_is_what_the_lag_is_for()
    {
        var (late, early) = await LateCommitAsync(new SyncOptions { HubSpotSearchLag = TimeSpan.Zero, SalesforceCommitLag = TimeSpan.Zero });

        Assert.Equal(0, late.Pass.UpdatedInHubSpot);
        Assert.NotEqual("111", _world.Account.FindRecordByUniqueValue(SyncWorld.HubSpotType, "salesforce_id", early.LowerId)!.Properties["amount"]);
    }

    private sealed record Outcome(SyncRunResult Pass, ApiTraffic Traffic);

    private sealed record Setup(string LowerId, string HigherId, DateTimeOffset Frozen);

    /// <summary>
    /// Links the Demo's invoices, then freezes the org's clock: the record with the higher Id is written and read by a
    /// pass, and only then does the one with the lower Id appear, stamped at the same instant (its transaction began
    /// first and committed last). Returns the pass after that.
    /// </summary>
    private async Task<(Outcome Late, Setup Setup)> LateCommitAsync(SyncOptions options)
    {
        _options = options;
        var mapping = InvoiceMappings.AllRules();
        var org = _world.Org;
        foreach (var invoice in org.Records(SyncWorld.Invoice).Where(r => (string?)r["Status__c"] == "Void"))
        {
            org.Update(SyncWorld.Invoice, invoice.Id, new Dictionary<string, object?> { ["Status__c"] = "Draft" });
        }

        Assert.Equal(SyncRunState.Succeeded, (await _world.PassAsync(mapping, options)).State);
        await _world.PassAsync(mapping, options);

        var ids = org.Records(SyncWorld.Invoice).Select(r => r.Id).Order(StringComparer.Ordinal).ToList();
        var (lower, higher) = (ids[3], ids[^3]);
        // An hour ahead, to the second: the Date header the org sends is its own clock's, and the watermark shows it.
        var frozen = DateTimeOffset.FromUnixTimeSeconds(org.Clock.Now().AddHours(1).ToUnixTimeSeconds());
        org.Clock.Freeze(frozen);
        org.Update(SyncWorld.Invoice, higher, new Dictionary<string, object?> { ["Amount__c"] = 222m });
        var first = await _world.PassAsync(mapping, options);
        Assert.Equal(1, first.UpdatedInHubSpot);

        // The late commit: stamped at the same frozen instant as the record already read, with a lower Id.
        org.Update(SyncWorld.Invoice, lower, new Dictionary<string, object?> { ["Amount__c"] = 111m });
        _world.ResetRequestLogs();
        var late = await _world.PassAsync(mapping, options);
        return (new Outcome(late, _world.Traffic()), new Setup(lower, higher, frozen));
    }
}
