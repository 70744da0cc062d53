using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Sync;

/// <summary>
/// The fewest API calls a run of a given size needs on each side, given the APIs' page and batch caps: the yardstick
/// Export-SyncReport draws a run's calls against. Like the run's own call counts it leaves out the Salesforce describe
/// and the HubSpot schema read that checking and resolving the mapping make before the run starts. A failed record's
/// write is not in it: failures cost calls over the minimum.
/// </summary>
public static class RunCallMinimum
{
    private const int HubSpotBatch = 100;
    private const int SalesforceBatch = 200;
    private const int BulkPage = 50_000;

    /// <summary>
    /// A pass that read <paramref name="readFromSalesforce"/> and <paramref name="readFromHubSpot"/> changed records and
    /// wrote what <paramref name="counts"/> says: Salesforce's changes in query pages and one deletes read, HubSpot's in
    /// search pages and one archived read, then the writes in full batches (HubSpot 100, Salesforce 200).
    /// </summary>
    public static (long Salesforce, long HubSpot) Pass(long readFromSalesforce, long readFromHubSpot, SyncRunCounts counts, int queryPage = 2_000, int searchPage = 200)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var toSalesforce = CeilDiv(counts.CreatedInSalesforce, SalesforceBatch) + CeilDiv(counts.UpdatedInSalesforce, SalesforceBatch) + CeilDiv(counts.DeletedInSalesforce, SalesforceBatch);
        var toHubSpot = CeilDiv(counts.CreatedInHubSpot, HubSpotBatch) + CeilDiv(counts.UpdatedInHubSpot, HubSpotBatch) + CeilDiv(counts.DeletedInHubSpot, HubSpotBatch);
        var salesforce = Math.Max(1, CeilDiv(readFromSalesforce, queryPage)) + 1 + toSalesforce;
        var hubSpot = Math.Max(1, CeilDiv(readFromHubSpot, searchPage)) + 1 + toHubSpot;
        return (salesforce, hubSpot);
    }

    /// <summary>
    /// An import that read <paramref name="records"/>: the count and the latest-change read that fix its
    /// total and watermark, the records (a Bulk job: create, one status read, result pages; or REST query pages), and
    /// one HubSpot batch upsert per 100 written.
    /// </summary>
    public static (long Salesforce, long HubSpot) Import(long records, bool bulk, SyncRunCounts counts, int queryPage = 2_000)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var reads = bulk ? 2 + Math.Max(1, CeilDiv(records, BulkPage)) : Math.Max(1, CeilDiv(records, queryPage));
        var written = counts.CreatedInHubSpot + counts.UpdatedInHubSpot + counts.Linked;
        return (2 + reads, CeilDiv(Math.Max(written, records - counts.Failed), HubSpotBatch));
    }

    /// <summary>The yardsticks of a run that ended: its minimum with both services' limits as they last reported them.</summary>
    public static RunApiUse Measure(SyncRunRecord run, (long Salesforce, long HubSpot) minimum, SalesforceApiUsage? daily, HubSpot.HubSpotClient hubSpot)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(hubSpot);
        return new RunApiUse
        {
            RunId = run.Id,
            Mapping = run.Mapping,
            SalesforceMinimumCalls = minimum.Salesforce,
            HubSpotMinimumCalls = minimum.HubSpot,
            SalesforceDailyUsed = daily?.Used,
            SalesforceDailyMax = daily?.Max,
            HubSpotRateLimit = hubSpot.RequestsPerInterval,
            HubSpotRateInterval = hubSpot.RateLimitInterval,
            HubSpotDailyLimit = hubSpot.DailyLimit,
        };
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
