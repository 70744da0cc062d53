using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Tests.Sync.Support;

namespace SfHsSync.Engine.Tests.Lifecycle;

/// <summary>
/// A field mapping changed while records are linked, on the sandbox over HTTP: the changed pair is compared once on
/// every linked record (both sides read in batches), the preview lists exactly the records whose new pair differs,
/// the pass writes just those, and the next pass writes nothing. Nothing is lost on either side.
/// </summary>
public sealed class FieldPairChangeSyncTests : IAsyncLifetime
{
    private const int Invoices = 250;
    private SyncWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await SyncWorld.StartAsync();

        // 210 more invoices beside the Demo's 40, so the compare of 250 linked records spans several batches.
        _world.Org.InsertMany(SyncWorld.Invoice, Enumerable.Range(1, Invoices - 40).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Name"] = $"INV-L-{i:D4}",
            ["Amount__c"] = 100m + i,
            ["Billing_Email__c"] = i % 10 == 0 ? null : $"pay{i}@example.com",
        }));
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static SyncMapping Mapping()
        => new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices", salesforceIdProperty: "salesforce_id")
            .AddField("Name", "invoice_number")
            .AddField("Amount__c", "amount")
            .AddField("Billing_Email__c", "billing_email");

    private string HubSpotIdOf(string salesforceId) => _world.Account.FindRecordByUniqueValue(SyncWorld.HubSpotType, "salesforce_id", salesforceId)!.Id;

    private string? HubSpotValue(string salesforceId, string property)
        => _world.Account.FindRecordByUniqueValue(SyncWorld.HubSpotType, "salesforce_id", salesforceId)!.Properties.GetValueOrDefault(property) is { Length: > 0 } v ? v : null;

    private async Task<List<SyncPlanItem>> PreviewAsync(SyncMapping mapping)
    {
        var runtime = await MappingRuntime.ResolveAsync(mapping, _world.Salesforce, _world.HubSpot, CancellationToken.None);
        var items = new List<SyncPlanItem>();
        await foreach (var item in new SyncPass(_world.Salesforce, _world.HubSpot, _world.State, new SyncOptions { HubSpotSearchLag = TimeSpan.Zero }).PreviewAsync(runtime, CancellationToken.None))
        {
            items.Add(item);
        }

        return items;
    }

    [Fact]
    public async Task A_new_target_property_is_previewed_record_by_record_synced_once_and_then_quiet()
    {
        var mapping = Mapping();
        Assert.Equal(Invoices, (await _world.PassAsync(mapping)).CreatedInHubSpot);

        // HubSpot's notes already hold some values: five equal to the record's billing email, two that differ.
        var invoices = _world.Org.Records(SyncWorld.Invoice).ToDictionary(r => r.Id, r => (string?)r["Billing_Email__c"]);
        var withEmail = invoices.Where(kv => kv.Value is not null).Select(kv => kv.Key).ToList();
        foreach (var id in withEmail.Take(5))
        {
            _world.Account.UpdateRecord(SyncWorld.HubSpotType, HubSpotIdOf(id), new Dictionary<string, string> { ["notes"] = invoices[id]! });
        }

        foreach (var id in withEmail.Skip(5).Take(2))
        {
            _world.Account.UpdateRecord(SyncWorld.HubSpotType, HubSpotIdOf(id), new Dictionary<string, string> { ["notes"] = "call before paying" });
        }

        // The echo of the creates, and the edits to properties not mapped yet: nothing to write.
        var echo = await _world.PassAsync(mapping);
        Assert.Equal(0, echo.UpdatedInHubSpot + echo.UpdatedInSalesforce);

        var changed = mapping.WithField(mapping.FieldForSalesforce("Billing_Email__c"), new FieldMapping("Billing_Email__c", "notes"));
        var expected = invoices.Where(kv => kv.Value != HubSpotValue(kv.Key, "notes")).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(withEmail.Count - 5, expected.Count);

        // The preview: exactly the records whose new pair differs, each writing the Salesforce value to notes.
        _world.ResetRequestLogs();
        var plan = await PreviewAsync(changed);
        var previewTraffic = _world.Traffic();
        Assert.Equal(expected, plan.Select(p => p.SalesforceId!).Order(StringComparer.Ordinal));
        Assert.All(plan, item =>
        {
            Assert.Equal((RecordAction.Update, PlanDirection.ToHubSpot), (item.Action, item.Direction));
            var change = Assert.Single(item.Changes);
            Assert.Equal(("Billing_Email__c", "notes", SyncSide.HubSpot), (change.SalesforceField, change.HubSpotProperty, change.Target));
            Assert.Equal(invoices[item.SalesforceId!], change.NewValue);
            Assert.Equal(HubSpotValue(item.SalesforceId!, "notes"), change.OldValue);
        });

        // 250 linked records compared in steps of 200: HubSpot reads 100 a call (2 + 1), Salesforce 200 (1 + 1).
        // A preview writes nothing, state included.
        Assert.Equal((3, 2), (previewTraffic.HubSpotBatchReads, previewTraffic.SalesforceRetrieves));
        Assert.Equal(0, previewTraffic.HubSpotBatchWrites + previewTraffic.SalesforceCollectionWrites);
        var link = (await _world.State.GetLinksBySalesforceIdAsync("Invoices", [withEmail[0]], CancellationToken.None))[withEmail[0]];
        Assert.Equal(invoices[withEmail[0]], link.Values["Billing_Email__c"]);
        Assert.Equal("billing_email", (await _world.State.GetMappingSettingsAsync("Invoices", CancellationToken.None)).FieldPairs!.Single(p => p.SalesforceField == "Billing_Email__c").HubSpotProperty);

        // The pass writes what the preview showed, in batches, and loses nothing on either side.
        _world.ResetRequestLogs();
        var pass = await _world.PassAsync(changed);
        var passTraffic = _world.Traffic();
        Assert.Equal(SyncRunState.Succeeded, pass.State);
        Assert.Equal((expected.Count, 0, 0L), (pass.UpdatedInHubSpot, pass.UpdatedInSalesforce, pass.Conflicts));
        Assert.Equal((3, 2), (passTraffic.HubSpotBatchReads, passTraffic.SalesforceRetrieves));

        // Writes go 100 a call, batches filled across the steps of 200 compared records.
        Assert.Equal(((expected.Count + 99) / 100, 0), (passTraffic.HubSpotBatchWrites, passTraffic.SalesforceCollectionWrites));
        foreach (var (id, email) in invoices)
        {
            Assert.Equal(email, (string?)_world.Org.Find(id)!["Billing_Email__c"]);
            Assert.Equal(email, HubSpotValue(id, "notes"));
            Assert.Equal(email, HubSpotValue(id, "billing_email"));
        }

        Assert.Equal(["Name", "Amount__c", "Billing_Email__c"], (await _world.State.GetMappingSettingsAsync("Invoices", CancellationToken.None)).FieldPairs!.Select(p => p.SalesforceField));

        // Its own writes come back once as HubSpot changes; after that a pass writes and compares nothing.
        await _world.PassAsync(changed);
        _world.ResetRequestLogs();
        var quiet = await _world.PassAsync(changed);
        var quietTraffic = _world.Traffic();
        Assert.Equal(0, quiet.UpdatedInHubSpot + quiet.UpdatedInSalesforce + quiet.CreatedInHubSpot);
        Assert.Equal(0, quietTraffic.HubSpotBatchWrites + quietTraffic.SalesforceCollectionWrites + quietTraffic.HubSpotBatchReads + quietTraffic.SalesforceRetrieves);
        Assert.Empty(await PreviewAsync(changed));
    }

    [Fact]
    public async Task A_pair_edited_by_hand_in_YAML_is_noticed_as_well()
    {
        var mapping = Mapping();
        await _world.PassAsync(mapping);
        await _world.PassAsync(mapping);
        var yaml = SyncMappingYamlWriter.Write([mapping]).Replace("hubSpotProperty: billing_email", "hubSpotProperty: notes", StringComparison.Ordinal);
        var edited = Assert.Single(SyncMappingYamlReader.Read(yaml, "/work/invoices.sync.yml"));

        var pass = await _world.PassAsync(edited);

        var withEmail = _world.Org.Records(SyncWorld.Invoice).Count(r => r["Billing_Email__c"] is not null);
        Assert.Equal(withEmail, pass.UpdatedInHubSpot);
        Assert.Equal(0, pass.UpdatedInSalesforce);
    }

    [Fact]
    public async Task A_removed_field_stops_travelling_and_forgets_its_values_and_nothing_is_deleted()
    {
        var mapping = Mapping();
        await _world.PassAsync(mapping);
        await _world.PassAsync(mapping);
        var id = _world.Org.Records(SyncWorld.Invoice)[0].Id;
        var amount = HubSpotValue(id, "amount");

        var removed = mapping.WithoutField(mapping.FieldForHubSpot("amount"));
        _world.ResetRequestLogs();
        var pass = await _world.PassAsync(removed);
        Assert.Equal(0, pass.UpdatedInHubSpot + pass.UpdatedInSalesforce);
        Assert.Equal(0, _world.Traffic().HubSpotBatchReads + _world.Traffic().SalesforceRetrieves);
        await foreach (var link in _world.State.ReadLinksAsync("Invoices", CancellationToken.None))
        {
            Assert.False(link.Values.ContainsKey("Amount__c"));
            Assert.True(link.Values.ContainsKey("Name"));
        }

        Assert.Equal(Invoices, _world.Account.CountRecords(SyncWorld.HubSpotType));
        Assert.Equal(amount, HubSpotValue(id, "amount"));

        // A change to the removed field no longer travels.
        _world.Account.UpdateRecord(SyncWorld.HubSpotType, HubSpotIdOf(id), new Dictionary<string, string> { ["amount"] = "4242" });
        var after = await _world.PassAsync(removed);
        Assert.Equal(0, after.UpdatedInSalesforce);
        Assert.NotEqual(4242m, Convert.ToDecimal(_world.Org.Find(id)!["Amount__c"], System.Globalization.CultureInfo.InvariantCulture));
    }
}
