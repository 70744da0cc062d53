using SfHsSync.Engine.Import;
using SfHsSync.Engine.Sync;

namespace SfHsSync.Engine.Tests.Associations;

/// <summary>Import-SalesforceObject carries associations too: each imported batch's lookups become associations in batches.</summary>
public sealed class AssociationImportTests : IAsyncLifetime
{
    private AssociationWorld _world = null!;

    public async Task InitializeAsync() => _world = await AssociationWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task An_import_makes_every_imported_invoices_company_association_and_a_sync_after_it_adds_none()
    {
        var mapping = AssociationWorld.InvoiceMapping(AssociationWorld.ByCompanyProperty());
        var runtime = await MappingRuntime.ResolveAsync(mapping, _world.Salesforce, _world.HubSpot, CancellationToken.None);
        _world.ResetRequestLogs();

        var result = await new SalesforceImport(_world.Salesforce, _world.HubSpot, _world.State).RunAsync(runtime, CancellationToken.None);

        var invoices = _world.SyncableInvoices();
        Assert.Equal(invoices.Count, result.Created);
        foreach (var invoice in invoices)
        {
            Assert.Equal(new[] { _world.CompanyOf((string)invoice["Account__c"]!) }, _world.CompaniesOfInvoice(_world.InvoiceInHubSpot(invoice.Id)));
        }

        // 40 invoices are one batch of the import; their 32 associations one v4 batch create.
        Assert.Equal(1, _world.HubSpotCalls("/crm/v4/associations/", "/batch/create"));

        _world.ResetRequestLogs();
        var after = await _world.PassAsync(mapping);
        Assert.Equal(0, after.Associations.Created + after.Associations.Archived);
        Assert.Equal(0, _world.HubSpotCalls("/crm/v4/associations/", "/batch/create"));
    }
}
