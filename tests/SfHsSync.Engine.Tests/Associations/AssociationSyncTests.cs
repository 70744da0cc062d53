using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Sync.Associations;

namespace SfHsSync.Engine.Tests.Associations;

/// <summary>
/// Issue 8 on the Demo sandbox over HTTP: an invoice's Account__c lookup becomes an association between the HubSpot
/// invoice and the company its Account syncs with, moves and goes with the lookup, waits for an Account not synced
/// yet, and with -Direction TwoWay comes back from HubSpot. Association writes go in batches; their calls are counted.
/// </summary>
public sealed class AssociationSyncTests : IAsyncLifetime
{
    private AssociationWorld _world = null!;

    public async Task InitializeAsync() => _world = await AssociationWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private int AssociationCreates() => _world.HubSpotCalls("/crm/associations/2026-09/", "/batch/create");

    private int AssociationArchives() => _world.HubSpotCalls("/crm/associations/2026-09/", "/batch/archive");

    private int CompanySearches() => _world.Account.Requests.Count(r => r.PathTemplate.EndsWith("/search", StringComparison.Ordinal) && r.Path.Contains("/0-2/search", StringComparison.Ordinal));

    private async Task<IReadOnlyList<AssociationLink>> RowsAsync(IEnumerable<string> salesforceIds)
        => await _world.State.GetAssociationLinksAsync("Invoices", salesforceIds.ToArray(), CancellationToken.None);

    [Fact]
    public async Task An_invoices_Account_lookup_becomes_an_invoice_company_association_made_in_one_batch()
    {
        var mapping = AssociationWorld.InvoiceMapping(AssociationWorld.ByCompanyProperty());
        _world.ResetRequestLogs();

        var result = await _world.PassAsync(mapping);

        var invoices = _world.SyncableInvoices();
        Assert.Equal(32, invoices.Count);
        Assert.Equal(32, result.CreatedInHubSpot);
        Assert.Equal(new AssociationCounts { Created = 32 }, result.Associations);
        foreach (var invoice in invoices)
        {
            var company = _world.CompanyOf((string)invoice["Account__c"]!);
            Assert.Equal(new[] { company }, _world.CompaniesOfInvoice(_world.InvoiceInHubSpot(invoice.Id)));
        }

        // 32 associations are one v4 batch create; the 5 Accounts are found by one search on salesforceaccountid.
        Assert.Equal(1, AssociationCreates());
        Assert.Equal(0, AssociationArchives());
        Assert.Equal(1, CompanySearches());
        var rows = await RowsAsync(invoices.Select(i => i.Id));
        Assert.Equal(32, rows.Count);
        Assert.All(rows, r => Assert.Equal(AssociationLinkState.Synced, r.State));

        // The Void invoices never reached HubSpot: they have no association and no row, and nothing is counted against them.
        var voids = _world.Server.Salesforce.Records("Invoice__c").Where(r => (string?)r["Status__c"] == "Void").Select(r => r.Id).ToList();
        Assert.Empty(await RowsAsync(voids));

        // A pass with nothing new makes no association call at all.
        _world.ResetRequestLogs();
        var second = await _world.PassAsync(mapping);
        Assert.Equal(new AssociationCounts(), second.Associations);
        Assert.Equal((0, 0, 0), (AssociationCreates(), AssociationArchives(), CompanySearches()));
    }

    [Fact]
    public async Task Hundreds_of_lookups_are_made_and_moved_100_associations_a_call()
    {
        var accounts = _world.Server.Salesforce.Records("Account").Select(a => a.Id).OrderBy(id => id, StringComparer.Ordinal).ToList();
        _world.Server.Salesforce.InsertMany("Invoice__c", Enumerable.Range(1, 210).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Name"] = $"INV-9{i:D3}",
            ["Amount__c"] = 10m + i,
            ["Status__c"] = "Draft",
            ["Account__c"] = accounts[i % accounts.Count],
        }));
        var mapping = AssociationWorld.InvoiceMapping(AssociationWorld.ByCompanyProperty());
        _world.ResetRequestLogs();

        var first = await _world.PassAsync(mapping);

        Assert.Equal(242, first.Associations.Created);
        Assert.Equal((3, 0, 1), (AssociationCreates(), AssociationArchives(), CompanySearches()));

        foreach (var invoice in _world.SyncableInvoices())
        {
            var next = accounts[(accounts.IndexOf((string)invoice["Account__c"]!) + 1) % accounts.Count];
            _world.Server.Salesforce.Update("Invoice__c", invoice.Id, new Dictionary<string, object?> { ["Account__c"] = next });
        }

        _world.ResetRequestLogs();
        var moved = await _world.PassAsync(mapping);

        Assert.Equal(new AssociationCounts { Created = 242, Archived = 242 }, moved.Associations);
        Assert.Equal((3, 3, 1), (AssociationCreates(), AssociationArchives(), CompanySearches()));
        var sample = _world.SyncableInvoices()[100];
        Assert.Equal(new[] { _world.CompanyOf((string)sample["Account__c"]!) }, _world.CompaniesOfInvoice(_world.InvoiceInHubSpot(sample.Id)));
    }

    [Fact]
    public async Task Changing_the_lookup_moves_the_association_and_clearing_it_removes_it()
    {
        var mapping = AssociationWorld.InvoiceMapping(AssociationWorld.ByCompanyProperty());
        await _world.PassAsync(mapping);
        var invoices = _world.SyncableInvoices();
        var (moved1, moved2, cleared) = (invoices[0], invoices[1], invoices[2]);
        var newAccount1 = OtherAccount((string)moved1["Account__c"]!);
        var newAccount2 = OtherAccount((string)moved2["Account__c"]!);
        var oldCompany = _world.CompanyOf((string)cleared["Account__c"]!);
        _world.Server.Salesforce.Update("Invoice__c", moved1.Id, new Dictionary<string, object?> { ["Account__c"] = newAccount1 });
        _world.Server.Salesforce.Update("Invoice__c", moved2.Id, new Dictionary<string, object?> { ["Account__c"] = newAccount2 });
        _world.Server.Salesforce.Update("Invoice__c", cleared.Id, new Dictionary<string, object?> { ["Account__c"] = null });
        _world.ResetRequestLogs();

        var result = await _world.PassAsync(mapping);

        Assert.Equal(new AssociationCounts { Created = 2, Archived = 3 }, result.Associations);
        Assert.Equal(new[] { _world.CompanyOf(newAccount1) }, _world.CompaniesOfInvoice(_world.InvoiceInHubSpot(moved1.Id)));
        Assert.Equal(new[] { _world.CompanyOf(newAccount2) }, _world.CompaniesOfInvoice(_world.InvoiceInHubSpot(moved2.Id)));
        Assert.Empty(_world.CompaniesOfInvoice(_world.InvoiceInHubSpot(cleared.Id)));
        Assert.Contains(_world.InvoiceInHubSpot(invoices[3].Id), _world.Account.AssociatedIds("companies", _world.CompanyOf((string)invoices[3]["Account__c"]!), AssociationWorld.Invoices));
        Assert.DoesNotContain(_world.InvoiceInHubSpot(cleared.Id), _world.Account.AssociatedIds("companies", oldCompany, AssociationWorld.Invoices));

        // Three removals are one archive call, two creates one create call; nothing else of the invoices was written.
        Assert.Equal((1, 1), (AssociationArchives(), AssociationCreates()));
        Assert.Equal(0, result.UpdatedInHubSpot);
        var row = Assert.Single(await RowsAsync(new[] { cleared.Id }));
        Assert.Equal((AssociationLinkState.Synced, null, null), (row.State, row.TargetSalesforceId, row.TargetHubSpotId));
    }

    [Fact]
    public async Task A_labeled_association_moved_removes_only_its_label_and_leaves_the_users_own_association_between_the_two()
    {
        var created = await _world.HubSpot.CreateAssociationLabelAsync(AssociationWorld.Invoices, AssociationWorld.Companies, "Bill to", "bill_to");
        var billTo = created.First(t => t.Label == "Bill to");
        var mapping = AssociationWorld.InvoiceMapping(new AssociationMapping("Account__c", "companies", targetIdProperty: "salesforceaccountid", associationLabel: "Bill to"));
        await _world.PassAsync(mapping);
        var invoice = _world.SyncableInvoices()[4];
        var oldCompany = _world.CompanyOf((string)invoice["Account__c"]!);
        var hubSpotInvoice = _world.InvoiceInHubSpot(invoice.Id);

        // Someone also associated the invoice with its company in HubSpot, with the plain (unlabeled) type.
        var types = await _world.HubSpot.GetAssociationTypesAsync(AssociationWorld.Invoices, AssociationWorld.Companies);
        Assert.True(Assert.Single(await _world.HubSpot.CreateAssociationsAsync(AssociationWorld.Invoices, AssociationWorld.Companies,
            new[] { new HubSpotAssociationInput(hubSpotInvoice, oldCompany, types.First(t => t.Label is null)) })).Success);

        var newAccount = OtherAccount((string)invoice["Account__c"]!);
        _world.Server.Salesforce.Update("Invoice__c", invoice.Id, new Dictionary<string, object?> { ["Account__c"] = newAccount });
        _world.ResetRequestLogs();
        var result = await _world.PassAsync(mapping);

        // The sync's "Bill to" moved: one labels/archive call for the old company, none of the calls that remove every type.
        Assert.Equal(new AssociationCounts { Created = 1, Archived = 1 }, result.Associations);
        Assert.Equal((1, 0), (_world.HubSpotCalls("/crm/associations/2026-09/", "/batch/labels/archive"), AssociationArchives()));
        var links = await _world.HubSpot.ReadAssociationsAsync(AssociationWorld.Invoices, AssociationWorld.Companies, new[] { hubSpotInvoice });
        Assert.Equal(new[] { billTo.TypeId }, links.Single(l => l.ToId == _world.CompanyOf(newAccount)).Types.Select(t => t.TypeId));
        var kept = Assert.Single(links, l => l.ToId == oldCompany);
        Assert.Equal(new[] { types.First(t => t.Label is null).TypeId }, kept.Types.Select(t => t.TypeId));
    }

    [Fact]
    public async Task An_Account_without_a_company_waits_with_its_reason_and_is_associated_once_a_company_carries_its_Id()
    {
        var mapping = AssociationWorld.InvoiceMapping(AssociationWorld.ByCompanyProperty());
        await _world.PassAsync(mapping);
        var account = _world.Server.Salesforce.Insert("Account", new Dictionary<string, object?> { ["Name"] = "Wayne Enterprises" });
        var invoice = _world.SyncableInvoices()[4];
        var oldCompany = _world.CompanyOf((string)invoice["Account__c"]!);
        _world.Server.Salesforce.Update("Invoice__c", invoice.Id, new Dictionary<string, object?> { ["Account__c"] = account });

        var waiting = await _world.PassAsync(mapping);

        Assert.Equal(new AssociationCounts { Archived = 1, Waiting = 1 }, waiting.Associations);
        Assert.True(waiting.Success || waiting.State == SyncRunState.CompletedWithErrors);
        Assert.Empty(_world.CompaniesOfInvoice(_world.InvoiceInHubSpot(invoice.Id)));
        var row = Assert.Single(await RowsAsync(new[] { invoice.Id }));
        Assert.Equal((AssociationLinkState.Waiting, account), (row.State, row.TargetSalesforceId));
        Assert.Equal($"waiting for the related record to sync: no HubSpot companies record carries salesforceaccountid = {account} yet", row.Reason);
        Assert.NotEqual(oldCompany, row.TargetHubSpotId);

        // HubSpot's company sync brings the Account over; the invoice itself does not change again.
        var company = _world.Account.CreateRecord("companies", new Dictionary<string, string> { ["name"] = "Wayne Enterprises", ["salesforceaccountid"] = account });
        _world.ResetRequestLogs();
        var later = await _world.PassAsync(mapping);

        Assert.Equal(new AssociationCounts { Created = 1 }, later.Associations);
        Assert.Equal(new[] { company }, _world.CompaniesOfInvoice(_world.InvoiceInHubSpot(invoice.Id)));
        Assert.Equal((1, 1), (AssociationCreates(), CompanySearches()));
        Assert.Equal(AssociationLinkState.Synced, Assert.Single(await RowsAsync(new[] { invoice.Id })).State);
    }

    [Fact]
    public async Task An_invoice_whose_Account_is_not_synced_yet_gets_its_association_after_the_Accounts_mapping_runs()
    {
        var accounts = new SyncMapping("Accounts", "Account", "companies").AddField("Name", "name");
        var invoices = AssociationWorld.InvoiceMapping(new AssociationMapping("Account__c", "companies", via: "Accounts"));

        var first = await _world.PassAsync(invoices);

        Assert.Equal(new AssociationCounts { Waiting = 32 }, first.Associations);
        var rows = await RowsAsync(_world.SyncableInvoices().Select(i => i.Id));
        Assert.All(rows, r =>
        {
            Assert.Equal(AssociationLinkState.Waiting, r.State);
            Assert.StartsWith("waiting for the related record to sync: Account 0015g", r.Reason, StringComparison.Ordinal);
            Assert.EndsWith("is not linked by mapping 'Accounts' yet", r.Reason, StringComparison.Ordinal);
        });

        var accountRun = await _world.PassAsync(accounts);
        Assert.Equal(5, accountRun.CreatedInHubSpot);

        // The preview shows the 32 associations now possible and makes none.
        _world.ResetRequestLogs();
        var plan = await _world.PreviewAsync(invoices);
        var associating = plan.Where(i => i.Associations.Count > 0).ToList();
        Assert.Equal(32, associating.Count);
        Assert.All(associating, i => Assert.Equal((RecordAction.None, PlanDirection.ToHubSpot), (i.Action, i.Direction)));
        Assert.All(associating, i => Assert.Equal(AssociationChangeKind.Create, Assert.Single(i.Associations).Kind));

        // The Void invoices are still planned as creates HubSpot refuses, and so without an association.
        Assert.All(plan.Except(associating), i => Assert.Equal((RecordAction.CreateInHubSpot, true), (i.Action, i.Error is not null)));
        Assert.Equal(0, AssociationCreates());

        _world.ResetRequestLogs();
        var later = await _world.PassAsync(invoices);

        Assert.Equal(new AssociationCounts { Created = 32 }, later.Associations);
        Assert.Equal(0, later.CreatedInHubSpot + later.UpdatedInHubSpot);
        var links = await _world.State.GetLinksBySalesforceIdAsync("Accounts", _world.Server.Salesforce.Records("Account").Select(a => a.Id).ToArray(), CancellationToken.None);
        foreach (var invoice in _world.SyncableInvoices())
        {
            var expected = links[(string)invoice["Account__c"]!].HubSpotId;
            Assert.Equal(new[] { expected }, _world.CompaniesOfInvoice(_world.InvoiceInHubSpot(invoice.Id)));
        }

        Assert.Equal(1, AssociationCreates());
        Assert.Equal(0, CompanySearches());
    }

    [Fact]
    public async Task The_preview_shows_a_moved_lookup_and_writes_nothing()
    {
        var mapping = AssociationWorld.InvoiceMapping(AssociationWorld.ByCompanyProperty());
        await _world.PassAsync(mapping);
        var invoice = _world.SyncableInvoices()[5];
        var oldAccount = (string)invoice["Account__c"]!;
        var newAccount = OtherAccount(oldAccount);
        _world.Server.Salesforce.Update("Invoice__c", invoice.Id, new Dictionary<string, object?> { ["Account__c"] = newAccount });
        _world.ResetRequestLogs();

        var plan = await _world.PreviewAsync(mapping);

        var item = Assert.Single(plan, i => i.SalesforceId == invoice.Id);
        Assert.Equal((RecordAction.None, PlanDirection.ToHubSpot), (item.Action, item.Direction));
        Assert.Equal(
            new[]
            {
                new PlannedAssociationChange("Account__c", "companies", AssociationChangeKind.Archive) { TargetHubSpotId = _world.CompanyOf(oldAccount) },
                new PlannedAssociationChange("Account__c", "companies", AssociationChangeKind.Create) { TargetSalesforceId = newAccount, TargetHubSpotId = _world.CompanyOf(newAccount) },
            },
            item.Associations);
        Assert.Equal((0, 0), (AssociationCreates(), AssociationArchives()));
        Assert.Equal(new[] { _world.CompanyOf(oldAccount) }, _world.CompaniesOfInvoice(_world.InvoiceInHubSpot(invoice.Id)));
        Assert.Equal(oldAccount, Assert.Single(await RowsAsync(new[] { invoice.Id })).TargetSalesforceId);
    }

    [Fact]
    public async Task Two_way_a_HubSpot_association_change_becomes_the_Salesforce_lookup_and_does_not_echo()
    {
        var mapping = AssociationWorld.InvoiceMapping(AssociationWorld.ByCompanyProperty(SyncDirection.TwoWay));
        await _world.PassAsync(mapping);
        var invoice = _world.SyncableInvoices()[6];
        var oldAccount = (string)invoice["Account__c"]!;
        var newAccount = OtherAccount(oldAccount);
        var hubSpotInvoice = _world.InvoiceInHubSpot(invoice.Id);
        await MoveInHubSpotAsync(hubSpotInvoice, _world.CompanyOf(oldAccount), _world.CompanyOf(newAccount));
        _world.ResetRequestLogs();

        var result = await _world.PassAsync(mapping);

        Assert.Equal(new AssociationCounts { UpdatedInSalesforce = 1 }, result.Associations);
        Assert.Equal(newAccount, (string?)_world.Server.Salesforce.Find(invoice.Id)!["Account__c"]);
        Assert.Equal(1, _world.SalesforceCollectionUpdates());
        Assert.Equal(1, _world.HubSpotCalls("/crm/associations/2026-09/", "/batch/read"));
        Assert.Equal((0, 0), (AssociationCreates(), AssociationArchives()));
        Assert.Equal((newAccount, _world.CompanyOf(newAccount)), Single(await RowsAsync(new[] { invoice.Id })));

        // The lookup written comes back from Salesforce as the value last carried: nothing travels again.
        _world.ResetRequestLogs();
        var echo = await _world.PassAsync(mapping);
        Assert.Equal(new AssociationCounts(), echo.Associations);
        Assert.Equal((0, 0, 0), (AssociationCreates(), AssociationArchives(), _world.SalesforceCollectionUpdates()));
        Assert.Equal(new[] { _world.CompanyOf(newAccount) }, _world.CompaniesOfInvoice(hubSpotInvoice));
    }

    [Fact]
    public async Task Two_way_an_association_changed_in_HubSpot_alone_is_seen_only_by_a_pass_that_scans_and_then_costs_one_read_per_1000_records()
    {
        var mapping = AssociationWorld.InvoiceMapping(AssociationWorld.ByCompanyProperty(SyncDirection.TwoWay));
        await _world.PassAsync(mapping);
        await _world.PassAsync(mapping);
        var invoice = _world.SyncableInvoices()[5];
        var oldAccount = (string)invoice["Account__c"]!;
        var newAccount = OtherAccount(oldAccount);
        var hubSpotInvoice = _world.InvoiceInHubSpot(invoice.Id);

        // Only the association moves: no property of the invoice changes, so HubSpot's search does not return it.
        await MoveInHubSpotAsync(hubSpotInvoice, _world.CompanyOf(oldAccount), _world.CompanyOf(newAccount), touchProperty: false);
        var plain = await _world.PassAsync(mapping);
        Assert.Equal(new AssociationCounts(), plain.Associations);
        Assert.Equal(oldAccount, (string?)_world.Server.Salesforce.Find(invoice.Id)!["Account__c"]);

        // The preview of a scanning pass shows the lookup it would write, and writes nothing.
        var scan = new SyncOptions { HubSpotSearchLag = TimeSpan.Zero, ScanAssociations = true };
        var plan = Assert.Single(await _world.PreviewAsync(mapping, scan), i => i.Associations.Count > 0);
        Assert.Equal((invoice.Id, PlanDirection.ToSalesforce), (plan.SalesforceId, plan.Direction));
        Assert.Equal((AssociationChangeKind.UpdateSalesforce, newAccount), (Assert.Single(plan.Associations).Kind, Assert.Single(plan.Associations).TargetSalesforceId));
        Assert.Equal(oldAccount, (string?)_world.Server.Salesforce.Find(invoice.Id)!["Account__c"]);

        _world.ResetRequestLogs();
        var scanned = await _world.PassAsync(mapping, scan);
        Assert.Equal(new AssociationCounts { UpdatedInSalesforce = 1 }, scanned.Associations);
        Assert.Equal(newAccount, (string?)_world.Server.Salesforce.Find(invoice.Id)!["Account__c"]);
        Assert.Equal(1, _world.HubSpotCalls("/crm/associations/2026-09/", "/batch/read"));
        Assert.Equal(1, _world.SalesforceCollectionUpdates());
        Assert.Equal((0, 0), (AssociationCreates(), AssociationArchives()));
        Assert.Equal((newAccount, _world.CompanyOf(newAccount)), Single(await RowsAsync(new[] { invoice.Id })));

        // The next scan finds everything as it was carried: one read, nothing written either way.
        _world.ResetRequestLogs();
        var quiet = await _world.PassAsync(mapping, scan);
        Assert.Equal(new AssociationCounts(), quiet.Associations);
        Assert.Equal((0, 0, 0), (AssociationCreates(), AssociationArchives(), _world.SalesforceCollectionUpdates()));
        Assert.Equal(1, _world.HubSpotCalls("/crm/associations/2026-09/", "/batch/read"));
        Assert.Equal(new[] { _world.CompanyOf(newAccount) }, _world.CompaniesOfInvoice(hubSpotInvoice));
    }

    [Theory]
    [InlineData(ConflictWinner.Salesforce)]
    [InlineData(ConflictWinner.HubSpot)]
    public async Task Two_way_a_lookup_changed_on_both_sides_goes_to_the_conflict_winner_and_the_conflict_is_kept(ConflictWinner winner)
    {
        var mapping = AssociationWorld.InvoiceMapping(AssociationWorld.ByCompanyProperty(SyncDirection.TwoWay), winner);
        await _world.PassAsync(mapping);
        var invoice = _world.SyncableInvoices()[7];
        var oldAccount = (string)invoice["Account__c"]!;
        var salesforceAccount = OtherAccount(oldAccount);
        var hubSpotAccount = OtherAccount(salesforceAccount, oldAccount);
        var hubSpotInvoice = _world.InvoiceInHubSpot(invoice.Id);
        _world.Server.Salesforce.Update("Invoice__c", invoice.Id, new Dictionary<string, object?> { ["Account__c"] = salesforceAccount });
        await MoveInHubSpotAsync(hubSpotInvoice, _world.CompanyOf(oldAccount), _world.CompanyOf(hubSpotAccount));

        var result = await _world.PassAsync(mapping);

        var kept = winner == ConflictWinner.Salesforce ? salesforceAccount : hubSpotAccount;
        Assert.Equal(kept, (string?)_world.Server.Salesforce.Find(invoice.Id)!["Account__c"]);
        Assert.Equal(new[] { _world.CompanyOf(kept) }, _world.CompaniesOfInvoice(hubSpotInvoice));
        Assert.Equal(1, result.Associations.Conflicts);
        var conflict = Assert.Single(await _world.State.GetConflictsAsync("Invoices", 10, CancellationToken.None), c => c.Field == "Account__c");
        Assert.Equal((salesforceAccount, _world.CompanyOf(hubSpotAccount), winner == ConflictWinner.Salesforce ? SyncSide.Salesforce : SyncSide.HubSpot),
            (conflict.SalesforceValue, conflict.HubSpotValue, conflict.Winner));
        Assert.Equal((kept, _world.CompanyOf(kept)), Single(await RowsAsync(new[] { invoice.Id })));
    }

    private static (string?, string?) Single(IReadOnlyList<AssociationLink> rows)
    {
        var row = Assert.Single(rows);
        Assert.Equal(AssociationLinkState.Synced, row.State);
        return (row.TargetSalesforceId, row.TargetHubSpotId);
    }

    /// <summary>What a HubSpot user does: drops the invoice's company for another one, which HubSpot reports as a change of the invoice.</summary>
    private async Task MoveInHubSpotAsync(string invoice, string from, string to, bool touchProperty = true)
    {
        var types = await _world.HubSpot.GetAssociationTypesAsync(AssociationWorld.Invoices, AssociationWorld.Companies);
        await _world.HubSpot.ArchiveAssociationsAsync(AssociationWorld.Invoices, AssociationWorld.Companies, new[] { new HubSpotAssociationRemoval(invoice, new[] { from }) });
        var created = await _world.HubSpot.CreateAssociationsAsync(AssociationWorld.Invoices, AssociationWorld.Companies,
            new[] { new HubSpotAssociationInput(invoice, to, types.First(t => t.Label is null)) });
        Assert.True(Assert.Single(created).Success);
        if (touchProperty)
        {
            _world.Account.UpdateRecord(AssociationWorld.Invoices, invoice, new Dictionary<string, string> { ["notes"] = "company changed" });
        }
    }

    private string OtherAccount(params string[] not)
        => _world.Server.Salesforce.Records("Account").Select(a => a.Id).OrderBy(id => id, StringComparer.Ordinal)
            .First(id => !not.Contains(id) && _world.Account.Records("companies").Any(c => c.Properties.GetValueOrDefault("salesforceaccountid") == id));
}
