using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Sync.Associations;

namespace SfHsSync.Engine.Tests.Associations;

/// <summary>
/// Two-way associations of records the sync created in Salesforce from HubSpot: the link records the association
/// state too (an empty Synced row when HubSpot has none), as for records created the other way, so an association
/// added later in HubSpot alone reaches the Salesforce lookup by the next scanning pass, and an interrupted run and an
/// uninterrupted one keep the same rows.
/// </summary>
public sealed class AssociationScanTests : IAsyncLifetime
{
    private AssociationWorld _world = null!;

    public async Task InitializeAsync() => _world = await AssociationWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static SyncOptions Scan => new() { HubSpotSearchLag = TimeSpan.Zero, ScanAssociations = true };

    private int SalesforceRetrieves()
        => _world.Server.Salesforce.Requests.Entries.Count(r => r.Method == "POST" && r.Path.EndsWith("/composite/sobjects/Invoice__c", StringComparison.Ordinal));

    [Fact]
    public async Task An_invoice_made_in_HubSpot_without_a_company_gets_an_empty_row_and_a_company_added_later_in_HubSpot_alone_becomes_its_lookup()
    {
        var mapping = AssociationWorld.InvoiceMapping(AssociationWorld.ByCompanyProperty(SyncDirection.TwoWay));
        await _world.PassAsync(mapping, Scan);
        var hubSpotInvoice = _world.Account.CreateRecord(AssociationWorld.Invoices,
            new Dictionary<string, string> { ["invoice_number"] = "INV-HS-ASSOC-1", ["amount"] = "12.5", ["status"] = "Draft" });

        var created = await _world.PassAsync(mapping, Scan);

        Assert.Equal(1, created.Counts.CreatedInSalesforce);
        Assert.Equal(new AssociationCounts(), created.Associations);
        var invoice = _world.Server.Salesforce.Records("Invoice__c").Single(r => (string?)r["Name"] == "INV-HS-ASSOC-1");
        Assert.Null((string?)invoice["Account__c"]);
        var row = Assert.Single(await _world.State.GetAssociationLinksAsync("Invoices", new[] { invoice.Id }, CancellationToken.None));
        Assert.Equal((AssociationLinkState.Synced, null, hubSpotInvoice, null), (row.State, row.TargetSalesforceId, row.HubSpotId, row.TargetHubSpotId));

        // Only the association is added: no property of the invoice changes, so only the scan sees it.
        var account = _world.Server.Salesforce.Records("Account").Select(a => a.Id).Order(StringComparer.Ordinal)
            .First(id => _world.Account.Records("companies").Any(c => c.Properties.GetValueOrDefault("salesforceaccountid") == id));
        _world.Account.Associate(AssociationWorld.Invoices, hubSpotInvoice, AssociationWorld.Companies, _world.CompanyOf(account));
        _world.ResetRequestLogs();

        var scanned = await _world.PassAsync(mapping, Scan);

        Assert.Equal(new AssociationCounts { UpdatedInSalesforce = 1 }, scanned.Associations);
        Assert.Equal(account, (string?)_world.Server.Salesforce.Find(invoice.Id)!["Account__c"]);
        Assert.Equal(1, _world.HubSpotCalls("/crm/associations/2026-09/", "/batch/read"));
        Assert.Equal(1, _world.SalesforceCollectionUpdates());
        var retrieves = SalesforceRetrieves(); // the pass's own (compared below with a pass carrying nothing)
        Assert.Equal((0, 0), (_world.HubSpotCalls("/crm/associations/2026-09/", "/batch/create"), _world.HubSpotCalls("/crm/associations/2026-09/", "/batch/archive")));
        row = Assert.Single(await _world.State.GetAssociationLinksAsync("Invoices", new[] { invoice.Id }, CancellationToken.None));
        Assert.Equal((AssociationLinkState.Synced, account, _world.CompanyOf(account)), (row.State, row.TargetSalesforceId, row.TargetHubSpotId));

        // Carried once: the next scan reads and writes nothing more. The carry read no lookup: its row said it was empty.
        _world.ResetRequestLogs();
        var quiet = await _world.PassAsync(mapping, Scan);
        Assert.Equal(new AssociationCounts(), quiet.Associations);
        Assert.Equal((0, retrieves), (_world.SalesforceCollectionUpdates(), SalesforceRetrieves()));
        Assert.Equal(1, _world.HubSpotCalls("/crm/associations/2026-09/", "/batch/read"));
    }
}
