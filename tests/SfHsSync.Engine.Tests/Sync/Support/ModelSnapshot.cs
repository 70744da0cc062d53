using SfHsSync.Engine.State;
using SfHsSync.Sandbox.HubSpot;
using SfHsSync.Sandbox.Salesforce.Data;

namespace SfHsSync.Engine.Tests.Sync.Support;

/// <summary>
/// Both sides' live invoices, the links, and which records have an open record error, read at one moment. A record
/// "failed" when an open error names it: Salesforce ids for errors writing to HubSpot, HubSpot ids for the reverse.
/// </summary>
internal sealed record ModelSnapshot(
    IReadOnlyDictionary<string, SObjectRecord> Salesforce,
    IReadOnlyDictionary<string, HubSpotRecordSnapshot> HubSpot,
    IReadOnlyDictionary<string, string> LinkOfSalesforce,
    IReadOnlyDictionary<string, string> LinkOfHubSpot,
    IReadOnlySet<string> FailedSalesforce,
    IReadOnlySet<string> FailedHubSpot)
{
    public bool HasErrors => FailedSalesforce.Count > 0 || FailedHubSpot.Count > 0;

    public static async Task<ModelSnapshot> ReadAsync(SyncWorld world, string mapping)
    {
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var link in world.State.ReadLinksAsync(mapping, CancellationToken.None))
        {
            links[link.SalesforceId] = link.HubSpotId;
        }

        var errors = await world.State.GetErrorsAsync(mapping, includeResolved: false, CancellationToken.None);
        return new ModelSnapshot(
            world.Org.Records(SyncWorld.Invoice).ToDictionary(r => r.Id, StringComparer.Ordinal),
            world.Account.Records(SyncWorld.HubSpotType).ToDictionary(r => r.Id, StringComparer.Ordinal),
            links,
            links.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal),
            errors.Where(e => e.Side == SyncSide.HubSpot).Select(e => e.RecordId).ToHashSet(StringComparer.Ordinal),
            errors.Where(e => e.Side == SyncSide.Salesforce).Select(e => e.RecordId).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Linked, and no open error on either record of the pair.</summary>
    public bool Clean(string salesforceId)
        => LinkOfSalesforce.TryGetValue(salesforceId, out var hubSpotId) && !FailedSalesforce.Contains(salesforceId) && !FailedHubSpot.Contains(hubSpotId);

    /// <summary>A Salesforce record an open error is about, itself or through its linked HubSpot record.</summary>
    public bool SalesforceExplained(string salesforceId)
        => FailedSalesforce.Contains(salesforceId) || (LinkOfSalesforce.TryGetValue(salesforceId, out var h) && FailedHubSpot.Contains(h));

    public bool HubSpotExplained(string hubSpotId)
        => FailedHubSpot.Contains(hubSpotId) || (LinkOfHubSpot.TryGetValue(hubSpotId, out var s) && FailedSalesforce.Contains(s));

    public string NameOf(string id)
        => Salesforce.TryGetValue(id, out var sf) ? $"SF {id} '{sf["Name"]}'"
            : HubSpot.TryGetValue(id, out var hs) ? $"HS {id} '{hs.Properties.GetValueOrDefault("invoice_number")}'"
            : $"{id} (gone)";
}
