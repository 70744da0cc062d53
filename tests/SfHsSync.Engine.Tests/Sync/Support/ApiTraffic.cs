using SfHsSync.Sandbox.HubSpot;
using SfHsSync.Sandbox.Salesforce.Traffic;

namespace SfHsSync.Engine.Tests.Sync.Support;

/// <summary>
/// The calls both sandboxes answered, sorted by what they cost: Salesforce collection writes (at most 200 records each)
/// and reads, HubSpot batch writes (at most 100 inputs each), searches and other reads.
/// </summary>
internal sealed record ApiTraffic(
    int SalesforceCollectionWrites,
    int SalesforceQueries,
    int SalesforceRetrieves,
    int SalesforceOther,
    int HubSpotBatchWrites,
    int HubSpotSearches,
    int HubSpotBatchReads,
    int HubSpotOther)
{
    public int SalesforceReads => SalesforceQueries + SalesforceRetrieves + SalesforceOther;

    public int HubSpotReads => HubSpotSearches + HubSpotBatchReads + HubSpotOther;

    public static ApiTraffic Of(IReadOnlyList<SalesforceRequest> salesforce, IReadOnlyList<HubSpotRequest> hubSpot)
    {
        int sfWrites = 0, sfQueries = 0, sfRetrieves = 0, sfOther = 0;
        foreach (var r in salesforce)
        {
            var collection = r.Path.Contains("/composite/sobjects", StringComparison.Ordinal);
            if (collection && (r.Method is "PATCH" or "DELETE" || (r.Method == "POST" && r.Path.EndsWith("/composite/sobjects", StringComparison.Ordinal))))
            {
                sfWrites++;
            }
            else if (collection)
            {
                // POST /composite/sobjects/{Object} with {"ids","fields"} reads records by Id.
                sfRetrieves++;
            }
            else if (r.Path.Contains("/query", StringComparison.Ordinal))
            {
                sfQueries++;
            }
            else
            {
                sfOther++;
            }
        }

        int hsWrites = 0, hsSearches = 0, hsBatchReads = 0, hsOther = 0;
        foreach (var r in hubSpot)
        {
            if (r.PathTemplate.EndsWith("/search", StringComparison.Ordinal))
            {
                hsSearches++;
            }
            else if (r.PathTemplate.EndsWith("/batch/read", StringComparison.Ordinal))
            {
                hsBatchReads++;
            }
            else if (r.PathTemplate.Contains("/batch/", StringComparison.Ordinal))
            {
                hsWrites++;
            }
            else
            {
                hsOther++;
            }
        }

        return new ApiTraffic(sfWrites, sfQueries, sfRetrieves, sfOther, hsWrites, hsSearches, hsBatchReads, hsOther);
    }

    public override string ToString()
        => $"Salesforce: {SalesforceCollectionWrites} collection write(s), {SalesforceQueries} query page(s), {SalesforceRetrieves} retrieve(s), {SalesforceOther} other; " +
           $"HubSpot: {HubSpotBatchWrites} batch write(s), {HubSpotSearches} search(es), {HubSpotBatchReads} batch read(s), {HubSpotOther} other";
}
