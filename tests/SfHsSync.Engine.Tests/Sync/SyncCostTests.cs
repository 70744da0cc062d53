using System.Globalization;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Tests.Sync.Support;
using Xunit.Abstractions;

namespace SfHsSync.Engine.Tests.Sync;

/// <summary>
/// What an incremental pass costs, counted from both sandboxes' request logs: writes go in full batches (HubSpot 100,
/// Salesforce 200), and reads follow the number of changed records, never the number of linked ones.
/// </summary>
public sealed class SyncCostTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Linked = 3000;

    /// <summary>
    /// Search sees writes at once and the sandbox's Salesforce commits as it stamps, so neither watermark is held back:
    /// the counts below are what the changes cost. (With the default commit lag, a pass also reads again the records
    /// Salesforce stamped in the last two minutes, which in a test that runs in seconds is all of them.)
    /// </summary>
    private static readonly SyncOptions TrustedStamps = new() { HubSpotSearchLag = TimeSpan.Zero, SalesforceCommitLag = TimeSpan.Zero };
    private SyncWorld _world = null!;

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task An_incremental_pass_over_k_changes_costs_k_over_200_plus_k_over_100_writes_and_reads_that_follow_k_not_N()
    {
        var mapping = InvoiceMappings.AllRules();
        var org = _world.Org;

        // The Demo's Void invoices cannot go to HubSpot; make them Draft so every record links and no retry reads muddy the counts.
        foreach (var invoice in org.Records(SyncWorld.Invoice).Where(r => (string?)r["Status__c"] == "Void"))
        {
            org.Update(SyncWorld.Invoice, invoice.Id, new Dictionary<string, object?> { ["Status__c"] = "Draft" });
        }

        org.InsertMany(SyncWorld.Invoice, Enumerable.Range(1, Linked - 40).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Name"] = $"INV-C-{i:D5}",
            ["Amount__c"] = 10m + i,
            ["Units__c"] = 1m + (i % 7),
            ["Status__c"] = "Draft",
            ["Due_Date__c"] = "2025-06-01",
            ["Billing_Email__c"] = $"billing{i}@example.com",
        }));

        var first = await _world.PassAsync(mapping, TrustedStamps);
        Assert.Equal(SyncRunState.Succeeded, first.State);
        Assert.Equal(Linked, first.CreatedInHubSpot);
        Assert.Equal(Linked, await _world.State.CountLinksAsync(mapping.Name, CancellationToken.None));

        // The first pass's own HubSpot writes come back once as changes; a pass that sees them writes nothing.
        var echo = await _world.PassAsync(mapping, TrustedStamps);
        Assert.Equal(0, echo.CreatedInHubSpot + echo.UpdatedInHubSpot + echo.CreatedInSalesforce + echo.UpdatedInSalesforce);

        var salesforceIds = org.Records(SyncWorld.Invoice).Select(r => r.Id).ToList();
        var offset = 0;
        foreach (var k in new[] { 130, 420 })
        {
            // k records change in Salesforce, k others in HubSpot, each on a two-way field.
            var sfChanged = salesforceIds.Skip(offset).Take(k).ToList();
            var hsChanged = salesforceIds.Skip(offset + k).Take(k).Select(HubSpotIdOf).ToList();
            offset += 2 * k;
            foreach (var id in sfChanged)
            {
                org.Update(SyncWorld.Invoice, id, new Dictionary<string, object?> { ["Amount__c"] = 5000m + k });
            }

            foreach (var id in hsChanged)
            {
                _world.Account.UpdateRecord(SyncWorld.HubSpotType, id, new Dictionary<string, string> { ["units"] = (900 + k).ToString(CultureInfo.InvariantCulture) });
            }

            _world.ResetRequestLogs();
            var pass = await _world.PassAsync(mapping, TrustedStamps);
            var traffic = _world.Traffic();
            output.WriteLine($"k = {k} of N = {Linked}: {traffic}");

            Assert.Equal(SyncRunState.Succeeded, pass.State);
            Assert.Equal((k, k), (pass.UpdatedInHubSpot, pass.UpdatedInSalesforce));
            Assert.Equal(CeilDiv(k, 100), traffic.HubSpotBatchWrites);
            Assert.Equal(CeilDiv(k, 200), traffic.SalesforceCollectionWrites);

            // Reads: one page of changed Salesforce records and one of its deletes; HubSpot's search from the watermark, one
            // page per 200 changes: the watermark sits just after the last change read, so the previous pass's last
            // batch (100 records sharing a millisecond) is not read again. Nothing is read record by record, and
            // nothing depends on the N linked records.
            Assert.Equal(2, traffic.SalesforceQueries);
            Assert.Equal(0, traffic.SalesforceRetrieves);
            Assert.Equal(CeilDiv(k, 200), traffic.HubSpotSearches);
            Assert.Equal(0, traffic.HubSpotBatchReads);
            Assert.InRange(traffic.SalesforceOther + traffic.HubSpotOther, 0, 4);

            Assert.All(sfChanged.Take(3), id => Assert.Equal((5000 + k).ToString(CultureInfo.InvariantCulture), _world.Account.FindRecord(SyncWorld.HubSpotType, HubSpotIdOf(id))!.Properties["amount"]));

            // The next pass sees its own writes come back (2k records) and writes nothing.
            _world.ResetRequestLogs();
            var quiet = await _world.PassAsync(mapping, TrustedStamps);
            var echoTraffic = _world.Traffic();
            output.WriteLine($"echo of k = {k}: {echoTraffic}");
            Assert.Equal(0, quiet.UpdatedInHubSpot + quiet.UpdatedInSalesforce + quiet.Conflicts);
            Assert.Equal(0, echoTraffic.HubSpotBatchWrites + echoTraffic.SalesforceCollectionWrites);
            Assert.Equal(CeilDiv(k, 200), echoTraffic.HubSpotSearches);
            Assert.Equal(2, echoTraffic.SalesforceQueries);
            Assert.Equal(0, echoTraffic.SalesforceRetrieves + echoTraffic.HubSpotBatchReads);

            // The watermark sits just after the last change read: no record it has seen is at or after it.
            var mark = (await _world.State.GetWatermarksAsync(mapping.Name, CancellationToken.None)).HubSpot;
            Assert.Equal(0, _world.Account.Records(SyncWorld.HubSpotType).Count(r => r.UpdatedAt >= mark));
        }

        string HubSpotIdOf(string salesforceId) => _world.Account.FindRecordByUniqueValue(SyncWorld.HubSpotType, "salesforce_id", salesforceId)!.Id;
    }

    [Fact]
    public async Task Batches_fill_across_steps_so_a_pass_costs_its_changes_over_the_batch_size_however_its_steps_fall()
    {
        var (mapping, options, salesforceIds, sfChanged) = await StepsWorldAsync();
        var org = _world.Org;
        _world.ResetRequestLogs();
        var pass = await _world.PassAsync(mapping, options);
        var traffic = _world.Traffic();
        output.WriteLine(traffic.ToString());

        Assert.Equal(SyncRunState.Succeeded, pass.State);
        Assert.Equal((330, 390), (pass.UpdatedInHubSpot, pass.UpdatedInSalesforce));
        Assert.Equal(4, traffic.HubSpotBatchWrites);
        Assert.Equal(2, traffic.SalesforceCollectionWrites);
        Assert.All(sfChanged, id => Assert.Equal("7777", _world.Account.FindRecordByUniqueValue(SyncWorld.HubSpotType, "salesforce_id", id)!.Properties["amount"]));
        Assert.All(salesforceIds.Skip(330).Take(390), id => Assert.Equal(42m, Convert.ToDecimal(org.Records(SyncWorld.Invoice).Single(r => r.Id == id)["Units__c"], CultureInfo.InvariantCulture)));

        // Every held record was committed: the next pass sees only the echoes and writes nothing.
        _world.ResetRequestLogs();
        var quiet = await _world.PassAsync(mapping, options);
        Assert.Equal(0, quiet.UpdatedInHubSpot + quiet.UpdatedInSalesforce + quiet.CreatedInHubSpot + quiet.CreatedInSalesforce);
        Assert.Equal(0, _world.Traffic().HubSpotBatchWrites + _world.Traffic().SalesforceCollectionWrites);
    }

    [Fact]
    public async Task A_pass_stopped_between_steps_leaves_its_held_batch_unwritten_and_the_next_pass_writes_each_record_once()
    {
        var (mapping, options, salesforceIds, sfChanged) = await StepsWorldAsync();
        var marksBefore = await _world.State.GetWatermarksAsync(mapping.Name, CancellationToken.None);
        _world.ResetRequestLogs();

        // Ctrl+C after the first step: 150 Salesforce changes, of which one full HubSpot batch of 100 went and 50 were held.
        using var stop = new CancellationTokenSource();
        var runtime = await MappingRuntime.ResolveAsync(mapping, _world.Salesforce, _world.HubSpot, CancellationToken.None);
        var stopped = await new SyncPass(_world.Salesforce, _world.HubSpot, _world.State, options, new StopAfterFirstStep(stop)).RunAsync(runtime, stop.Token);

        Assert.Equal(SyncRunState.Cancelled, stopped.State);
        Assert.Equal(100, stopped.UpdatedInHubSpot);
        Assert.Equal(1, _world.Traffic().HubSpotBatchWrites);
        Assert.Equal(100, sfChanged.Count(id => _world.Account.FindRecordByUniqueValue(SyncWorld.HubSpotType, "salesforce_id", id)!.Properties["amount"] == "7777"));
        Assert.Equal(marksBefore, await _world.State.GetWatermarksAsync(mapping.Name, CancellationToken.None));

        // The next pass reads the same changes again: the 100 written are no change now; the rest go once, in full batches.
        _world.ResetRequestLogs();
        var next = await _world.PassAsync(mapping, options);
        Assert.Equal(SyncRunState.Succeeded, next.State);
        Assert.Equal((230, 390), (next.UpdatedInHubSpot, next.UpdatedInSalesforce));
        Assert.Equal((3, 2), (_world.Traffic().HubSpotBatchWrites, _world.Traffic().SalesforceCollectionWrites));
        Assert.All(sfChanged, id => Assert.Equal("7777", _world.Account.FindRecordByUniqueValue(SyncWorld.HubSpotType, "salesforce_id", id)!.Properties["amount"]));
        Assert.Equal(800, _world.Account.Records(SyncWorld.HubSpotType).Count);
        Assert.Equal(800, await _world.State.CountLinksAsync(mapping.Name, CancellationToken.None));
    }

    /// <summary>Ctrl+C as soon as the first step has written.</summary>
    private sealed class StopAfterFirstStep(CancellationTokenSource stop) : ISyncObserver
    {
        public void Progress(string mapping, string stage, long done, long? total)
        {
            if (stage == "Writing")
            {
                stop.Cancel();
            }
        }

        public void Verbose(string message)
        {
        }

        public void Warning(string message)
        {
        }
    }

    /// <summary>
    /// 800 linked invoices and a pass in steps of 150, then 330 changed in Salesforce and 390 others in HubSpot. In steps
    /// of 150 the Salesforce changes fall into steps of 150, 150 and 30, the HubSpot ones into 150, 150 and 90: written
    /// step by step, that would be 2 + 2 + 1 HubSpot batches and 1 + 1 + 1 collections.
    /// </summary>
    [Fact]
    public async Task A_pass_records_the_minimum_its_changes_need_and_both_services_limits_beside_its_calls()
    {
        var (mapping, options, _, _) = await StepsWorldAsync();
        _world.ResetRequestLogs();
        var pass = await _world.PassAsync(mapping, options);
        var traffic = _world.Traffic();
        Assert.Equal((330, 390), (pass.UpdatedInHubSpot, pass.UpdatedInSalesforce));

        // Salesforce: one page of the 330 changes, the deletes read, two collection writes of the 390; HubSpot: two
        // search pages of the 390, the archived read, four batch writes of the 330.
        var use = (await _world.State.GetApiUseAsync(mapping.Name, CancellationToken.None))[pass.RunId];
        Assert.Equal((4, 7), (use.SalesforceMinimumCalls, use.HubSpotMinimumCalls));
        Assert.Equal(traffic.SalesforceQueries + traffic.SalesforceCollectionWrites, use.SalesforceMinimumCalls);
        Assert.Equal(traffic.HubSpotSearches + 1 + traffic.HubSpotBatchWrites, use.HubSpotMinimumCalls);
        Assert.InRange(pass.SalesforceApiCalls, use.SalesforceMinimumCalls, use.SalesforceMinimumCalls + 2);
        Assert.InRange(pass.HubSpotApiCalls, use.HubSpotMinimumCalls, use.HubSpotMinimumCalls + 2);
        Assert.True(use.SalesforceDailyMax > 0 && use.SalesforceDailyUsed > 0, "the sandbox's Sforce-Limit-Info is recorded");
        Assert.Equal(_world.HubSpot.RequestsPerInterval, use.HubSpotRateLimit);
        Assert.Equal(_world.HubSpot.RateLimitInterval, use.HubSpotRateInterval);
    }

    private async Task<(SyncMapping Mapping, SyncOptions Options, List<string> SalesforceIds, List<string> SalesforceChanged)> StepsWorldAsync()
    {
        var mapping = InvoiceMappings.AllRules();
        var org = _world.Org;
        foreach (var invoice in org.Records(SyncWorld.Invoice).Where(r => (string?)r["Status__c"] == "Void"))
        {
            org.Update(SyncWorld.Invoice, invoice.Id, new Dictionary<string, object?> { ["Status__c"] = "Draft" });
        }

        org.InsertMany(SyncWorld.Invoice, Enumerable.Range(1, 760).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Name"] = $"INV-S-{i:D5}",
            ["Amount__c"] = 10m + i,
            ["Units__c"] = 1m,
            ["Status__c"] = "Draft",
            ["Due_Date__c"] = "2025-06-01",
            ["Billing_Email__c"] = $"billing{i}@example.com",
        }));

        var options = TrustedStamps with { StepSize = 150 };
        var first = await _world.PassAsync(mapping, options);
        Assert.Equal(SyncRunState.Succeeded, first.State);
        Assert.Equal(800, first.CreatedInHubSpot);
        await _world.PassAsync(mapping, options);

        var salesforceIds = org.Records(SyncWorld.Invoice).Select(r => r.Id).ToList();
        var sfChanged = salesforceIds.Take(330).ToList();
        var hsChanged = salesforceIds.Skip(330).Take(390).Select(id => _world.Account.FindRecordByUniqueValue(SyncWorld.HubSpotType, "salesforce_id", id)!.Id).ToList();
        foreach (var id in sfChanged)
        {
            org.Update(SyncWorld.Invoice, id, new Dictionary<string, object?> { ["Amount__c"] = 7777m });
        }

        foreach (var id in hsChanged)
        {
            _world.Account.UpdateRecord(SyncWorld.HubSpotType, id, new Dictionary<string, string> { ["units"] = "42" });
        }

        return (mapping, options, salesforceIds, sfChanged);
    }

    private static int CeilDiv(int a, int b) => (a + b - 1) / b;
}
