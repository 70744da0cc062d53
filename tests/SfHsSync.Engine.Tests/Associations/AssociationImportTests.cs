using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Import;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Tests.Import;

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
        Assert.Equal(1, _world.HubSpotCalls("/crm/associations/2026-09/", "/batch/create"));

        // The import's run keeps its association counts as a pass's does (Get-SyncRun shows them).
        var run = (await _world.State.GetRunAsync(result.Id, CancellationToken.None))!;
        Assert.Equal(SyncRunKind.Import, run.Kind);
        Assert.Equal(invoices.Count(i => i["Account__c"] is not null), run.Counts.AssociationsCreated);
        Assert.Equal(0, run.Counts.AssociationsWaiting + run.Counts.AssociationsFailed + run.Counts.AssociationsMoved + run.Counts.AssociationsRemoved);

        _world.ResetRequestLogs();
        var after = await _world.PassAsync(mapping);
        Assert.Equal(0, after.Associations.Created + after.Associations.Archived);
        Assert.Equal(0, _world.HubSpotCalls("/crm/associations/2026-09/", "/batch/create"));
    }

    [Fact]
    public async Task An_import_counts_a_lookup_whose_target_has_not_synced_as_waiting_in_its_run()
    {
        var mapping = AssociationWorld.InvoiceMapping(AssociationWorld.ByCompanyProperty());
        var runtime = await MappingRuntime.ResolveAsync(mapping, _world.Salesforce, _world.HubSpot, CancellationToken.None);
        var invoice = _world.SyncableInvoices()[0];
        var account = _world.Server.Salesforce.Insert("Account", new Dictionary<string, object?> { ["Name"] = "No company yet" });
        _world.Server.Salesforce.Update("Invoice__c", invoice.Id, new Dictionary<string, object?> { ["Account__c"] = account });

        var result = await new SalesforceImport(_world.Salesforce, _world.HubSpot, _world.State).RunAsync(runtime, CancellationToken.None);

        var run = (await _world.State.GetRunAsync(result.Id, CancellationToken.None))!;
        Assert.Equal(1, run.Counts.AssociationsWaiting);
        Assert.Equal(_world.SyncableInvoices().Count(i => i["Account__c"] is not null) - 1, run.Counts.AssociationsCreated);
    }

    [Fact]
    public async Task An_import_killed_after_linking_a_batch_and_before_its_associations_were_recorded_makes_and_records_them_when_it_continues()
    {
        var mapping = AssociationWorld.InvoiceMapping(AssociationWorld.ByCompanyProperty());
        var runtime = await MappingRuntime.ResolveAsync(mapping, _world.Salesforce, _world.HubSpot, CancellationToken.None);
        var options = new ImportOptions { Sync = new SyncOptions { LeaseTimeToLive = TimeSpan.FromSeconds(1), LeaseTimeout = TimeSpan.FromSeconds(30) } };

        // Commits: the import's start, the batch (links and cursor), then the batch's associations: it dies there, after
        // HubSpot made them and before the state recorded them.
        var killed = await Assert.ThrowsAsync<SyncException>(() => new SalesforceImport(_world.Salesforce, _world.HubSpot, DyingStateStore.Wrap(_world.State, 3), options).RunAsync(runtime, CancellationToken.None));
        Assert.Equal("TestRunnerKilled", killed.ErrorId);
        var invoices = _world.SyncableInvoices();
        Assert.Equal(invoices.Count, await _world.State.CountLinksAsync(mapping.Name, CancellationToken.None));

        // The links' commit left a waiting row per lookup, so the associations are not forgotten behind the cursor.
        var waiting = await _world.State.ReadAssociationLinksAsync(mapping.Name, pendingOnly: true, CancellationToken.None).ToListAsync();
        Assert.Equal(invoices.Count, waiting.Count);
        Assert.All(waiting, row => Assert.True(row.IsPlaceholder));

        // The import continues: nothing left to read; the waiting associations are made (again, which HubSpot takes as
        // the same association) and recorded, so later lookup changes archive the right ones.
        var result = await new SalesforceImport(_world.Salesforce, _world.HubSpot, _world.State, options).RunAsync(runtime, CancellationToken.None);
        Assert.Equal(result.Total - invoices.Count, result.Failed); // the Demo's Void invoices, which HubSpot refuses
        foreach (var invoice in invoices)
        {
            Assert.Equal(new[] { _world.CompanyOf((string)invoice["Account__c"]!) }, _world.CompaniesOfInvoice(_world.InvoiceInHubSpot(invoice.Id)));
        }

        Assert.Empty(await _world.State.ReadAssociationLinksAsync(mapping.Name, pendingOnly: true, CancellationToken.None).ToListAsync());
        var rows = await _world.State.ReadAssociationLinksAsync(mapping.Name, pendingOnly: false, CancellationToken.None).ToListAsync();
        Assert.Equal(invoices.Count, rows.Count(r => r.State == AssociationLinkState.Synced && r.TargetHubSpotId is not null));
        _world.ResetRequestLogs();
        var after = await _world.PassAsync(mapping);
        Assert.Equal(0, after.Associations.Created + after.Associations.Archived);
    }
}
