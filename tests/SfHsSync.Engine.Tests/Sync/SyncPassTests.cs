using SfHsSync.Engine.Connections;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Sandbox;

namespace SfHsSync.Engine.Tests.Sync;

/// <summary>Whole passes against the sandbox's Demo org and account, over HTTP, with state in a real SQLite file.</summary>
public sealed class SyncPassTests : IAsyncLifetime
{
    private const string HsType = "2-1234567";
    private readonly string _statePath = Path.Combine(Path.GetTempPath(), $"sfhssync-sync-{Guid.NewGuid():N}.db");
    private SandboxServer _server = null!;
    private SalesforceClient _sf = null!;
    private HubSpotClient _hs = null!;
    private IStateStore _state = null!;

    public async Task InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(new SandboxOptions());
        _sf = new SalesforceClient(new SalesforceConnection(_server.SalesforceUrl, SecretText.ToSecureString(_server.Salesforce.DefaultAccessToken)));
        _hs = new HubSpotClient(new HubSpotConnection(_server.HubSpotUrl, SecretText.ToSecureString(_server.HubSpot.DefaultAccessToken)));
        _state = await StateStore.OpenAsync(StateLocation.Parse(_statePath), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _state.DisposeAsync();
        _sf.Dispose();
        _hs.Dispose();
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _statePath, _statePath + "-wal", _statePath + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static SyncMapping Invoices(SyncDirection create = SyncDirection.TwoWay, SyncDirection delete = SyncDirection.TwoWay, ConflictWinner winner = ConflictWinner.Salesforce)
        => new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices", winner, create, delete, "salesforce_id", "HubSpot_Id__c")
            .AddField("Name", "invoice_number")
            .AddField("Amount__c", "amount")
            .AddField("Tax_Rate__c", "tax_rate")
            .AddField("Units__c", "units")
            .AddField("Due_Date__c", "due_date")
            .AddField("Sent_At__c", "sent_at")
            .AddField("Paid__c", "paid")
            .AddField("Status__c", "status")
            .AddField("Channels__c", "channels", SyncDirection.SalesforceToHubSpot)
            .AddField("Billing_Email__c", "billing_email");

    private async Task<SyncRunResult> PassAsync(SyncMapping mapping)
    {
        var runtime = await MappingRuntime.ResolveAsync(mapping, _sf, _hs, CancellationToken.None);
        return await new SyncPass(_sf, _hs, _state, new SyncOptions { HubSpotSearchLag = TimeSpan.Zero }).RunAsync(runtime, CancellationToken.None);
    }

    private int HubSpotWrites() => _server.HubSpot.Requests.Count(r => r.Method == "POST" && r.Path.Contains("/batch/", StringComparison.Ordinal) && !r.Path.EndsWith("/read", StringComparison.Ordinal));

    private int SalesforceWrites() => _server.Salesforce.Requests.Entries.Count(r => r.Path.Contains("/composite/sobjects", StringComparison.Ordinal) && r.Method != "POST" || r.Path.EndsWith("/composite/sobjects", StringComparison.Ordinal));

    [Fact]
    public async Task The_first_pass_creates_every_invoice_in_HubSpot_and_explains_the_ones_it_cannot()
    {
        var result = await PassAsync(Invoices());

        var invoices = _server.Salesforce.Records("Invoice__c");
        var voids = invoices.Count(r => (string?)r["Status__c"] == "Void");
        Assert.Equal(SyncRunState.CompletedWithErrors, result.State);
        Assert.False(result.Success);
        Assert.Equal(invoices.Count - voids, result.CreatedInHubSpot);
        Assert.Equal(voids, result.Failed);

        var hsRecords = _server.HubSpot.Records(HsType);
        Assert.Equal(invoices.Count - voids, hsRecords.Count);
        var first = invoices.First(r => (string?)r["Status__c"] != "Void");
        var copy = _server.HubSpot.FindRecordByUniqueValue(HsType, "salesforce_id", first.Id)!;
        Assert.Equal((string)first["Name"]!, copy.Properties["invoice_number"]);
        Assert.Equal(Convert.ToDecimal(first["Amount__c"], System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(copy.Properties["amount"], System.Globalization.CultureInfo.InvariantCulture));

        var errors = await _state.GetErrorsAsync("Invoices", false, CancellationToken.None);
        Assert.Equal(voids, errors.Count);
        Assert.All(errors, e =>
        {
            Assert.Equal("INVALID_OPTION", e.ErrorCode);
            Assert.Contains("'Void'", e.Message, StringComparison.Ordinal);
            Assert.Equal(SyncSide.HubSpot, e.Side);
        });

        // Creates go in batches: 32 records are one upsert call, not 32.
        Assert.Equal(1, HubSpotWrites());
        var run = Assert.Single(await _state.GetRunsAsync("Invoices", SyncRunKind.Sync, 5, CancellationToken.None));
        Assert.Equal(result.CreatedInHubSpot, run.Counts.CreatedInHubSpot);
        Assert.Equal(SyncRunState.CompletedWithErrors, run.State);
    }

    [Fact]
    public async Task A_pass_with_no_new_edits_writes_nothing()
    {
        await PassAsync(Invoices());
        _server.HubSpot.ResetRequestLog();
        _server.Salesforce.ResetRequests();

        var second = await PassAsync(Invoices());

        Assert.Equal(0, second.CreatedInHubSpot + second.UpdatedInHubSpot + second.CreatedInSalesforce + second.UpdatedInSalesforce);
        Assert.Equal(0, HubSpotWrites());
        Assert.Equal(0, SalesforceWrites());
        // The Void invoices still cannot go, and still count as failed.
        Assert.Equal(8, second.Failed);
    }

    [Fact]
    public async Task Changes_travel_both_ways_and_a_conflict_is_won_by_the_configured_side()
    {
        await PassAsync(Invoices());
        var invoices = _server.Salesforce.Records("Invoice__c").Where(r => (string?)r["Status__c"] != "Void").Take(3).ToList();
        string HsId(string sfId) => _server.HubSpot.FindRecordByUniqueValue(HsType, "salesforce_id", sfId)!.Id;

        _server.Salesforce.Update("Invoice__c", invoices[0].Id, new Dictionary<string, object?> { ["Amount__c"] = 111.11m });
        _server.HubSpot.UpdateRecord(HsType, HsId(invoices[1].Id), new Dictionary<string, string> { ["units"] = "77" });
        _server.Salesforce.Update("Invoice__c", invoices[2].Id, new Dictionary<string, object?> { ["Billing_Email__c"] = "sf@example.com" });
        _server.HubSpot.UpdateRecord(HsType, HsId(invoices[2].Id), new Dictionary<string, string> { ["billing_email"] = "hs@example.com" });
        _server.HubSpot.ResetRequestLog();

        var result = await PassAsync(Invoices());

        Assert.Equal("111.11", _server.HubSpot.FindRecord(HsType, HsId(invoices[0].Id))!.Properties["amount"]);
        Assert.Equal(77m, Convert.ToDecimal(_server.Salesforce.Find(invoices[1].Id)!["Units__c"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("sf@example.com", _server.HubSpot.FindRecord(HsType, HsId(invoices[2].Id))!.Properties["billing_email"]);
        Assert.Equal("sf@example.com", (string?)_server.Salesforce.Find(invoices[2].Id)!["Billing_Email__c"]);
        Assert.Equal(2, result.UpdatedInHubSpot);
        Assert.Equal(1, result.UpdatedInSalesforce);
        Assert.Equal(1, result.Conflicts);

        var conflict = Assert.Single(await _state.GetConflictsAsync("Invoices", 10, CancellationToken.None));
        Assert.Equal(("Billing_Email__c", "sf@example.com", "hs@example.com", SyncSide.Salesforce),
            (conflict.Field, conflict.SalesforceValue, conflict.HubSpotValue, conflict.Winner));

        // Our own writes come back next pass and are recognised: nothing echoes.
        _server.HubSpot.ResetRequestLog();
        _server.Salesforce.ResetRequests();
        var third = await PassAsync(Invoices());
        Assert.Equal(0, third.UpdatedInHubSpot + third.UpdatedInSalesforce + third.Conflicts);
        Assert.Equal(0, HubSpotWrites());
        Assert.Equal(0, SalesforceWrites());
    }

    [Fact]
    public async Task A_one_way_field_changed_on_its_target_is_put_back_from_its_source()
    {
        await PassAsync(Invoices());
        var invoice = _server.Salesforce.Records("Invoice__c").First(r => (string?)r["Status__c"] != "Void" && r["Channels__c"] is not null);
        var hsId = _server.HubSpot.FindRecordByUniqueValue(HsType, "salesforce_id", invoice.Id)!.Id;
        _server.HubSpot.UpdateRecord(HsType, hsId, new Dictionary<string, string> { ["channels"] = "Mail" });

        await PassAsync(Invoices());

        var expected = string.Join(";", ((string)invoice["Channels__c"]!).Split(';').Order(StringComparer.Ordinal));
        var actual = string.Join(";", _server.HubSpot.FindRecord(HsType, hsId)!.Properties["channels"].Split(';').Order(StringComparer.Ordinal));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_record_created_in_HubSpot_is_created_in_Salesforce_once_with_its_HubSpot_id()
    {
        await PassAsync(Invoices());
        var hsId = _server.HubSpot.CreateRecord(HsType, new Dictionary<string, string> { ["invoice_number"] = "INV-HS-1", ["amount"] = "42.5", ["status"] = "Draft", ["paid"] = "false" });

        var result = await PassAsync(Invoices());
        Assert.Equal(1, result.CreatedInSalesforce);
        var created = _server.Salesforce.Records("Invoice__c").Single(r => (string?)r["HubSpot_Id__c"] == hsId);
        Assert.Equal("INV-HS-1", (string?)created["Name"]);
        Assert.Equal(42.5m, Convert.ToDecimal(created["Amount__c"], System.Globalization.CultureInfo.InvariantCulture));

        var again = await PassAsync(Invoices());
        Assert.Equal(0, again.CreatedInSalesforce + again.CreatedInHubSpot);
        Assert.Single(_server.Salesforce.Records("Invoice__c"), r => (string?)r["HubSpot_Id__c"] == hsId);
    }

    [Fact]
    public async Task Deletes_travel_as_the_delete_rule_says()
    {
        await PassAsync(Invoices());
        var invoices = _server.Salesforce.Records("Invoice__c").Where(r => (string?)r["Status__c"] != "Void").Take(2).ToList();
        var hsOfFirst = _server.HubSpot.FindRecordByUniqueValue(HsType, "salesforce_id", invoices[0].Id)!.Id;
        var hsOfSecond = _server.HubSpot.FindRecordByUniqueValue(HsType, "salesforce_id", invoices[1].Id)!.Id;

        _server.Salesforce.Delete("Invoice__c", invoices[0].Id);
        _server.HubSpot.ArchiveRecord(HsType, hsOfSecond);
        var result = await PassAsync(Invoices());

        Assert.Equal(1, result.ArchivedInHubSpot);
        Assert.Equal(1, result.DeletedInSalesforce);
        Assert.True(_server.HubSpot.FindRecord(HsType, hsOfFirst)!.Archived);
        Assert.True(_server.Salesforce.Find(invoices[1].Id)!.IsDeleted);
        Assert.Equal(30, await _state.CountLinksAsync("Invoices", CancellationToken.None));
    }

    [Fact]
    public async Task With_deletes_not_travelling_the_other_side_keeps_its_record()
    {
        var mapping = Invoices(delete: SyncDirection.None);
        await PassAsync(mapping);
        var invoice = _server.Salesforce.Records("Invoice__c").First(r => (string?)r["Status__c"] != "Void");
        var hsId = _server.HubSpot.FindRecordByUniqueValue(HsType, "salesforce_id", invoice.Id)!.Id;
        _server.Salesforce.Delete("Invoice__c", invoice.Id);

        var result = await PassAsync(mapping);

        Assert.Equal(0, result.ArchivedInHubSpot);
        Assert.False(_server.HubSpot.FindRecord(HsType, hsId)!.Archived);
        Assert.Equal(31, await _state.CountLinksAsync("Invoices", CancellationToken.None));
    }

    [Fact]
    public async Task The_preview_lists_what_a_run_would_write_and_writes_nothing()
    {
        await PassAsync(Invoices());
        var invoice = _server.Salesforce.Records("Invoice__c").First(r => (string?)r["Status__c"] != "Void");
        _server.Salesforce.Update("Invoice__c", invoice.Id, new Dictionary<string, object?> { ["Amount__c"] = 9.99m });
        _server.HubSpot.ResetRequestLog();
        _server.Salesforce.ResetRequests();

        var runtime = await MappingRuntime.ResolveAsync(Invoices(), _sf, _hs, CancellationToken.None);
        var plan = new List<SyncPlanItem>();
        await foreach (var item in new SyncPass(_sf, _hs, _state, new SyncOptions { HubSpotSearchLag = TimeSpan.Zero }).PreviewAsync(runtime, CancellationToken.None))
        {
            plan.Add(item);
        }

        var update = Assert.Single(plan, p => p.Action == RecordAction.Update);
        Assert.Equal(invoice.Id, update.SalesforceId);
        Assert.Equal(PlanDirection.ToHubSpot, update.Direction);
        var change = Assert.Single(update.Changes);
        Assert.Equal(("Amount__c", "amount", "9.99"), (change.SalesforceField, change.HubSpotProperty, change.NewValue));
        Assert.Equal(8, plan.Count(p => p.Action == RecordAction.CreateInHubSpot && p.Error is not null));
        Assert.Equal(0, HubSpotWrites());
        Assert.Equal(0, SalesforceWrites());
        Assert.NotEqual("9.99", _server.HubSpot.FindRecordByUniqueValue(HsType, "salesforce_id", invoice.Id)!.Properties["amount"]);
    }
}
