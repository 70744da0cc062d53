using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Tests.Sync.Support;

/// <summary>
/// Both sides' live invoices and the state's links and open errors, described by invoice number rather than by record id,
/// so two runs that created records in a different order can still be compared line by line.
/// </summary>
internal sealed record EndState(IReadOnlyList<string> Lines, int SalesforceCount, int HubSpotCount, int LinkCount)
{
    public static async Task<EndState> ReadAsync(SyncWorld world, string mapping)
    {
        var sf = world.Org.Records(SyncWorld.Invoice);
        var hs = world.Account.Records(SyncWorld.HubSpotType);
        var sfName = sf.ToDictionary(r => r.Id, r => (string)r["Name"]!, StringComparer.Ordinal);
        var hsName = hs.ToDictionary(r => r.Id, r => r.Properties.GetValueOrDefault("invoice_number") ?? "(no number)", StringComparer.Ordinal);
        var linkOfSalesforce = new Dictionary<string, string>(StringComparer.Ordinal);
        var linkOfHubSpot = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = new List<string>();
        await foreach (var link in world.State.ReadLinksAsync(mapping, CancellationToken.None))
        {
            linkOfSalesforce[link.SalesforceId] = link.HubSpotId;
            linkOfHubSpot[link.HubSpotId] = link.SalesforceId;
            lines.Add($"LINK {sfName.GetValueOrDefault(link.SalesforceId, "(gone " + link.SalesforceId + ")")} = {hsName.GetValueOrDefault(link.HubSpotId, "(gone " + link.HubSpotId + ")")}");
        }

        // A link key may be missing (a record made on its own side never needs one), but one that is there must name the linked record.
        foreach (var record in sf)
        {
            lines.Add($"SF {sfName[record.Id]} | {InvoiceValues.Show(InvoiceValues.Of(record))}");
            if ((string?)record["HubSpot_Id__c"] is { } key && linkOfSalesforce.GetValueOrDefault(record.Id) != key)
            {
                lines.Add($"KEY SF {sfName[record.Id]} names HubSpot {hsName.GetValueOrDefault(key, "(gone " + key + ")")}, not its link");
            }
        }

        foreach (var record in hs)
        {
            lines.Add($"HS {hsName[record.Id]} | {InvoiceValues.Show(InvoiceValues.Of(record))}");
            if (record.Properties.GetValueOrDefault("salesforce_id") is { } key && linkOfHubSpot.GetValueOrDefault(record.Id) != key)
            {
                lines.Add($"KEY HS {hsName[record.Id]} names Salesforce {sfName.GetValueOrDefault(key, "(gone " + key + ")")}, not its link");
            }
        }

        var links = linkOfSalesforce.Count;
        foreach (var error in await world.State.GetErrorsAsync(mapping, includeResolved: false, CancellationToken.None))
        {
            var about = error.Side == SyncSide.HubSpot ? sfName.GetValueOrDefault(error.RecordId) : hsName.GetValueOrDefault(error.RecordId);
            lines.Add($"ERROR {error.Side} {about ?? "(gone " + error.RecordId + ")"} {error.ErrorCode}");
        }

        lines.Sort(StringComparer.Ordinal);
        return new EndState(lines, sf.Count, hs.Count, links);
    }

    /// <summary>Lines that occur more than once: a record duplicated under the same invoice number, or two links to one.</summary>
    public IReadOnlyList<string> Duplicates()
        => Lines.Where(l => l.StartsWith("SF ", StringComparison.Ordinal) || l.StartsWith("HS ", StringComparison.Ordinal))
            .GroupBy(l => l[..l.IndexOf(" | ", StringComparison.Ordinal)], StringComparer.Ordinal)
            .Where(g => g.Count() > 1).Select(g => g.Key)
            .Concat(Lines.Where(l => l.StartsWith("LINK ", StringComparison.Ordinal)).SelectMany(l => l[5..].Split(" = ").Select((n, i) => (i, n)))
                .GroupBy(x => x).Where(g => g.Count() > 1).Select(g => $"linked twice: {(g.Key.i == 0 ? "SF" : "HS")} {g.Key.n}"))
            .ToList();

    /// <summary>Where two end states differ, at most <paramref name="max"/> lines of each, for a failure message.</summary>
    public string DifferenceFrom(EndState expected, int max = 12)
    {
        var missing = expected.Lines.Except(Lines, StringComparer.Ordinal).Take(max).ToList();
        var extra = Lines.Except(expected.Lines, StringComparer.Ordinal).Take(max).ToList();
        return $"expected {expected.SalesforceCount} Salesforce, {expected.HubSpotCount} HubSpot, {expected.LinkCount} links; found {SalesforceCount}, {HubSpotCount}, {LinkCount}." +
               $"\nmissing:\n  {string.Join("\n  ", missing)}\nunexpected:\n  {string.Join("\n  ", extra)}";
    }
}
