using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Tests.Sync.Support;

/// <summary>
/// The association changes of the two-way kill-point pass: the invoices' Account lookup synced both ways as their
/// company association (found by the company's salesforceaccountid). Before the first pass 200 Salesforce invoices name
/// an Account; between the passes Salesforce sets, changes and clears lookups, and HubSpot adds, moves and removes
/// associations (most on records HubSpot did not otherwise change: only the pass's association scan sees those).
/// </summary>
internal static class KillPointAssociations
{
    public const string Companies = "companies";

    public static SyncMapping Mapping()
        => InvoiceMappings.AllRules().AddAssociation(new AssociationMapping("Account__c", Companies, targetIdProperty: "salesforceaccountid", direction: SyncDirection.TwoWay));

    /// <summary>The first run's world, with INV-K-00001..00200 naming the Demo's accounts in turn.</summary>
    public static void Seed(SyncWorld world)
    {
        SyncCrashTests.SeedFirstRun(world);
        var accounts = Accounts(world);
        var sf = SalesforceByName(world);
        for (var i = 1; i <= 200; i++)
        {
            world.Org.Update(SyncWorld.Invoice, sf[$"INV-K-{i:D5}"], new Dictionary<string, object?> { ["Account__c"] = accounts[i % accounts.Count] });
        }
    }

    /// <summary>The second run's association edits, named by invoice number so every world gets the same ones.</summary>
    public static async Task EditAsync(SyncWorld world)
    {
        var accounts = Accounts(world);
        var sf = SalesforceByName(world);
        var hs = world.Account.Records(SyncWorld.HubSpotType).ToDictionary(r => r.Properties["invoice_number"], r => r.Id, StringComparer.Ordinal);
        var companyOf = world.Account.Records(Companies).ToDictionary(c => c.Properties["salesforceaccountid"], c => c.Id, StringComparer.Ordinal);

        // Salesforce: lookups changed (1-20), cleared (21-40) and set where there was none (301-340).
        for (var i = 1; i <= 40; i++)
        {
            world.Org.Update(SyncWorld.Invoice, sf[$"INV-K-{i:D5}"], new Dictionary<string, object?> { ["Account__c"] = i <= 20 ? accounts[(i + 1) % accounts.Count] : null });
        }

        for (var i = 301; i <= 340; i++)
        {
            world.Org.Update(SyncWorld.Invoice, sf[$"INV-K-{i:D5}"], new Dictionary<string, object?> { ["Account__c"] = accounts[i % accounts.Count] });
        }

        // HubSpot: associations removed (41-60), moved to another company (61-70), and added to invoices made in HubSpot.
        var removals = Enumerable.Range(41, 30).Select(i => new HubSpotAssociationRemoval(hs[$"INV-K-{i:D5}"], [companyOf[accounts[i % accounts.Count]]])).ToList();
        await world.HubSpot.ArchiveAssociationsAsync(SyncWorld.HubSpotType, Companies, removals);
        for (var i = 61; i <= 70; i++)
        {
            world.Account.Associate(SyncWorld.HubSpotType, hs[$"INV-K-{i:D5}"], Companies, companyOf[accounts[(i + 2) % accounts.Count]]);
        }

        // Added where Salesforce has no lookup: on invoices HubSpot leaves otherwise alone (501-530, seen by the scan), and
        // on invoices made in HubSpot whose status HubSpot changes too (HS-K 1-10).
        for (var i = 501; i <= 530; i++)
        {
            world.Account.Associate(SyncWorld.HubSpotType, hs[$"INV-K-{i:D5}"], Companies, companyOf[accounts[i % accounts.Count]]);
        }

        for (var i = 1; i <= 10; i++)
        {
            world.Account.Associate(SyncWorld.HubSpotType, hs[$"HS-K-{i:D4}"], Companies, companyOf[accounts[i % accounts.Count]]);
        }
    }

    /// <summary>
    /// Every invoice's lookup (Salesforce) and companies (HubSpot), and the state's association rows, by invoice number and
    /// account name, so worlds whose ids differ compare line by line.
    /// </summary>
    public static async Task<string> ReadAsync(SyncWorld world, string mapping)
    {
        var accountName = world.Org.Records("Account").ToDictionary(a => a.Id, a => (string)a["Name"]!, StringComparer.Ordinal);
        var companyName = world.Account.Records(Companies).ToDictionary(c => c.Id, c => c.Properties.GetValueOrDefault("name") ?? c.Id, StringComparer.Ordinal);
        var invoices = world.Org.Records(SyncWorld.Invoice);
        var sfName = invoices.ToDictionary(r => r.Id, r => (string)r["Name"]!, StringComparer.Ordinal);
        var lines = new List<string>();
        foreach (var invoice in invoices)
        {
            lines.Add($"SF {invoice["Name"]} -> {((string?)invoice["Account__c"] is { } id ? accountName.GetValueOrDefault(id, id) : "(none)")}");
        }

        foreach (var invoice in world.Account.Records(SyncWorld.HubSpotType))
        {
            var companies = world.Account.AssociatedIds(SyncWorld.HubSpotType, invoice.Id, Companies).Select(id => companyName.GetValueOrDefault(id, id)).Order(StringComparer.Ordinal);
            lines.Add($"HS {invoice.Properties.GetValueOrDefault("invoice_number")} -> {string.Join(", ", companies)}");
        }

        await foreach (var row in world.State.ReadAssociationLinksAsync(mapping, pendingOnly: false, CancellationToken.None))
        {
            var target = row.TargetSalesforceId is { } t ? accountName.GetValueOrDefault(t, t) : "(none)";
            var company = row.TargetHubSpotId is { } c ? companyName.GetValueOrDefault(c, c) : "(none)";
            lines.Add($"STATE {sfName.GetValueOrDefault(row.SalesforceId, "(gone)")} {row.Field} {row.State} -> {target} / {company} {row.Reason}");
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }

    /// <summary>Linked invoices whose Salesforce lookup and HubSpot companies disagree (a lookup is exactly its account's company).</summary>
    public static async Task<List<string>> MismatchesAsync(SyncWorld world, string mapping)
    {
        var companyOf = world.Account.Records(Companies).ToDictionary(c => c.Properties["salesforceaccountid"], c => c.Id, StringComparer.Ordinal);
        var invoices = world.Org.Records(SyncWorld.Invoice).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var live = world.Account.Records(SyncWorld.HubSpotType).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var mismatches = new List<string>();
        await foreach (var link in world.State.ReadLinksAsync(mapping, CancellationToken.None))
        {
            if (!invoices.TryGetValue(link.SalesforceId, out var invoice) || !live.Contains(link.HubSpotId))
            {
                continue;
            }

            var expected = (string?)invoice["Account__c"] is { } account ? [companyOf[account]] : Array.Empty<string>();
            var actual = world.Account.AssociatedIds(SyncWorld.HubSpotType, link.HubSpotId, Companies);
            if (!actual.SequenceEqual(expected, StringComparer.Ordinal))
            {
                mismatches.Add($"{invoice["Name"]}: Salesforce names {invoice["Account__c"] ?? "(none)"}, HubSpot has [{string.Join(", ", actual)}]");
            }
        }

        return mismatches;
    }

    /// <summary>Invoice number to its lookup's account id (null when empty), for spot checks that the edits travelled.</summary>
    public static string? LookupOf(SyncWorld world, string invoiceNumber)
        => (string?)world.Org.Records(SyncWorld.Invoice).Single(r => (string)r["Name"]! == invoiceNumber)["Account__c"];

    public static List<string> Accounts(SyncWorld world)
        => world.Org.Records("Account").Select(a => a.Id).Order(StringComparer.Ordinal).ToList();

    private static Dictionary<string, string> SalesforceByName(SyncWorld world)
        => world.Org.Records(SyncWorld.Invoice).ToDictionary(r => (string)r["Name"]!, r => r.Id, StringComparer.Ordinal);
}
