using System.Globalization;
using SfHsSync.Engine.State;
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

        var first = await _world.PassAsync(mapping);
        Assert.Equal(SyncRunState.Succeeded, first.State);
        Assert.Equal(Linked, first.CreatedInHubSpot);
        Assert.Equal(Linked, await _world.State.CountLinksAsync(mapping.Name, CancellationToken.None));

        // The first pass's own HubSpot writes come back once as changes; a pass that sees them writes nothing.
        var echo = await _world.PassAsync(mapping);
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
            var atMark = await AtHubSpotWatermarkAsync();
            var pass = await _world.PassAsync(mapping);
            var traffic = _world.Traffic();
            output.WriteLine($"k = {k} of N = {Linked}: {traffic}");

            Assert.Equal(SyncRunState.Succeeded, pass.State);
            Assert.Equal((k, k), (pass.UpdatedInHubSpot, pass.UpdatedInSalesforce));
            Assert.Equal(CeilDiv(k, 100), traffic.HubSpotBatchWrites);
            Assert.Equal(CeilDiv(k, 200), traffic.SalesforceCollectionWrites);

            // Reads: one page of changed Salesforce records and one of its deletes; HubSpot's search from the watermark, one
            // page per 200 records read (the changes, and those stamped at exactly the watermark, which are read again).
            // Nothing is read record by record, and nothing depends on the N linked records.
            Assert.Equal(2, traffic.SalesforceQueries);
            Assert.Equal(0, traffic.SalesforceRetrieves);
            Assert.Equal(CeilDiv(k + atMark, 200), traffic.HubSpotSearches);
            Assert.Equal(0, traffic.HubSpotBatchReads);
            Assert.InRange(traffic.SalesforceOther + traffic.HubSpotOther, 0, 4);

            Assert.All(sfChanged.Take(3), id => Assert.Equal((5000 + k).ToString(CultureInfo.InvariantCulture), _world.Account.FindRecord(SyncWorld.HubSpotType, HubSpotIdOf(id))!.Properties["amount"]));

            // The next pass sees its own writes come back (2k records) and writes nothing.
            _world.ResetRequestLogs();
            var echoAtMark = await AtHubSpotWatermarkAsync();
            var quiet = await _world.PassAsync(mapping);
            var echoTraffic = _world.Traffic();
            output.WriteLine($"echo of k = {k}: {echoTraffic}");
            Assert.Equal(0, quiet.UpdatedInHubSpot + quiet.UpdatedInSalesforce + quiet.Conflicts);
            Assert.Equal(0, echoTraffic.HubSpotBatchWrites + echoTraffic.SalesforceCollectionWrites);
            Assert.Equal(CeilDiv(k + echoAtMark, 200), echoTraffic.HubSpotSearches);
            Assert.Equal(2, echoTraffic.SalesforceQueries);
            Assert.Equal(0, echoTraffic.SalesforceRetrieves + echoTraffic.HubSpotBatchReads);
        }

        string HubSpotIdOf(string salesforceId) => _world.Account.FindRecordByUniqueValue(SyncWorld.HubSpotType, "salesforce_id", salesforceId)!.Id;

        async Task<int> AtHubSpotWatermarkAsync()
        {
            var mark = (await _world.State.GetWatermarksAsync(mapping.Name, CancellationToken.None)).HubSpot;
            return _world.Account.Records(SyncWorld.HubSpotType).Count(r => r.UpdatedAt == mark);
        }
    }

    private static int CeilDiv(int a, int b) => (a + b - 1) / b;
}
