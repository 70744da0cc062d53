using System.Globalization;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Metadata;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Tests.Sync.Support;
using SfHsSync.Sandbox;

namespace SfHsSync.Engine.Tests.Sync;

/// <summary>
/// Each kind of Salesforce object the engine reads or writes differently because of its describe, synced end to end
/// against the sandbox (seed Sync/Seeds/ObjectKinds.seed.json: one small custom object per kind), with its calls counted.
/// </summary>
public sealed class ObjectKindSyncTests : IAsyncLifetime
{
    private static readonly SyncOptions TrustedStamps = new() { HubSpotSearchLag = TimeSpan.Zero, SalesforceCommitLag = TimeSpan.Zero };
    private SyncWorld _world = null!;

    internal static string SeedPath => Path.Combine(AppContext.BaseDirectory, "Sync", "Seeds", "ObjectKinds.seed.json");

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync(new SandboxOptions { Seed = SeedPath });

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static SyncMapping Mapping(string sfObject, string hsObject, SyncDirection delete = SyncDirection.TwoWay, SyncDirection create = SyncDirection.TwoWay)
        => new SyncMapping(sfObject.Replace("__c", string.Empty, StringComparison.Ordinal), sfObject, hsObject, ConflictWinner.Salesforce, create, delete, "salesforce_id", null);

    private static SyncMapping Values(string sfObject, string hsObject, SyncDirection delete = SyncDirection.TwoWay)
        => Mapping(sfObject, hsObject, delete).AddField("Name", "title").AddField("Value__c", "value");

    private Task<SyncRunResult> PassAsync(SyncMapping mapping) => _world.PassAsync(mapping, TrustedStamps);

    private string HubSpotIdOf(string hsObject, string salesforceId) => _world.Account.FindRecordByUniqueValue(hsObject, "salesforce_id", salesforceId)!.Id;

    private string HsValue(string hsObject, string salesforceId, string property) => _world.Account.FindRecordByUniqueValue(hsObject, "salesforce_id", salesforceId)!.Properties[property];

    private int SalesforceCalls(string method, string pathPart) => _world.Org.Requests.Entries.Count(r => r.Method == method && r.Path.Contains(pathPart, StringComparison.Ordinal));

    private IReadOnlyList<string> SalesforceQueries() => _world.Org.Requests.Entries.Where(r => r.Path.Contains("/query", StringComparison.Ordinal) && r.Query.Contains("q=", StringComparison.Ordinal))
        .Select(r => Uri.UnescapeDataString(r.Query.Replace('+', ' '))).ToList();

    [Fact]
    public async Task The_describe_decides_each_kind_never_the_name()
    {
        async Task<ObjectCapabilities> Of(string name) => ObjectCapabilities.Of(await _world.Salesforce.DescribeAsync(name));

        Assert.Equal((ChangeStamp.CreatedDate, SalesforceReadKind.FullComparison), ((await Of("Reading__c")).ChangeStamp, (await Of("Reading__c")).ReadKind));
        Assert.Equal(SalesforceReadKind.IncrementalIdSetDeletes, (await Of("Snapshot__c")).ReadKind);
        var entry = await Of("Entry__c");
        Assert.Equal((ChangeStamp.LastModifiedDate, "LastModifiedDate", SalesforceReadKind.IncrementalIdSetDeletes), (entry.ChangeStamp, entry.ChangeStampField, entry.ReadKind));
        var membership = await Of("Membership__c");
        Assert.Equal((false, true, true, "Name", true), (membership.Updateable, membership.Createable, membership.Deletable, membership.NameField, membership.NameIsAutoNumber));
        Assert.True(membership.IsCreateOnly("Role__c"));
        var setting = await Of("Setting__c");
        Assert.Equal((false, true, false), (setting.Createable, setting.Updateable, setting.Deletable));
        var tag = await Of("Tag__c");
        Assert.Equal(SalesforceReadKind.Incremental, tag.ReadKind);
        Assert.Contains("Code__c", tag.CreateOnlyFields);
        Assert.False(tag.IsCreateOnly("Value__c"));
        var member = await Of("CampaignMember");
        Assert.Equal(["CampaignId", "ContactId"], member.CreateOnlyFields.Order(StringComparer.Ordinal));
        Assert.Null(member.NameField);
    }

    [Fact]
    public async Task A_full_comparison_reads_ceil_N_over_2000_pages_writes_only_the_changes_and_a_quiet_pass_writes_nothing()
    {
        const int total = 2500;
        var mapping = Values("Reading__c", "readings");
        _world.Org.InsertMany("Reading__c", Enumerable.Range(4, total - 3).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Name"] = $"R-{i}",
            ["Value__c"] = (double)i,
        }));

        var first = await PassAsync(mapping);
        Assert.Equal(SyncRunState.Succeeded, first.State);
        Assert.Equal(total, first.CreatedInHubSpot);

        // The first pass's own HubSpot writes come back once as HubSpot changes; they equal the last-synced values.
        await PassAsync(mapping);
        _world.ResetRequestLogs();
        var quiet = await PassAsync(mapping);
        var traffic = _world.Traffic();
        Assert.Equal(0, quiet.CreatedInHubSpot + quiet.UpdatedInHubSpot + quiet.CreatedInSalesforce + quiet.UpdatedInSalesforce + quiet.ArchivedInHubSpot);
        Assert.Equal(2, traffic.SalesforceQueries); // ceil(2,500 / 2,000) pages, and no Id query: the full read is the Id set
        Assert.Equal(0, traffic.SalesforceCollectionWrites);
        Assert.Equal(0, traffic.HubSpotBatchWrites);
        Assert.All(SalesforceQueries(), q => Assert.DoesNotContain("WHERE", q, StringComparison.Ordinal));

        // Three edits in Salesforce (no stamp moves: nothing but the comparison sees them), one in HubSpot, one delete.
        var ids = _world.Org.Records("Reading__c").Select(r => r.Id).ToList();
        foreach (var id in ids.Take(3))
        {
            _world.Org.Update("Reading__c", id, new Dictionary<string, object?> { ["Value__c"] = 999.5 });
        }

        _world.Account.UpdateRecord("readings", HubSpotIdOf("readings", ids[10]), new Dictionary<string, string> { ["value"] = "4242" });
        var deletedHubSpot = HubSpotIdOf("readings", ids[20]);
        _world.Org.Delete("Reading__c", ids[20]);
        _world.ResetRequestLogs();

        var changed = await PassAsync(mapping);
        traffic = _world.Traffic();
        Assert.Equal((3, 1, 1), (changed.UpdatedInHubSpot, changed.UpdatedInSalesforce, changed.ArchivedInHubSpot));
        Assert.Equal(2, traffic.SalesforceQueries);
        Assert.Equal(1, traffic.SalesforceCollectionWrites);
        Assert.Equal(2, traffic.HubSpotBatchWrites); // one update batch, one archive batch
        Assert.Equal("999.5", HsValue("readings", ids[0], "value"));
        Assert.Equal(4242d, Convert.ToDouble(_world.Org.Find(ids[10])!["Value__c"], CultureInfo.InvariantCulture));
        Assert.True(_world.Account.FindRecord("readings", deletedHubSpot)!.Archived);
        Assert.Equal(total - 1, await _world.State.CountLinksAsync(mapping.Name, CancellationToken.None));
    }

    [Fact]
    public async Task A_full_comparison_creates_on_both_sides_and_keeps_no_Salesforce_watermark()
    {
        var mapping = Values("Reading__c", "readings");
        await PassAsync(mapping);
        var hsId = _world.Account.CreateRecord("readings", new Dictionary<string, string> { ["title"] = "R-HS", ["value"] = "7" });

        var pass = await PassAsync(mapping);

        Assert.Equal(1, pass.CreatedInSalesforce);
        var created = Assert.Single(_world.Org.Records("Reading__c"), r => (string?)r["Name"] == "R-HS");
        Assert.Equal(7d, Convert.ToDouble(created["Value__c"], CultureInfo.InvariantCulture));
        Assert.Null((await _world.State.GetWatermarksAsync(mapping.Name, CancellationToken.None)).Salesforce);
        var again = await PassAsync(mapping);
        Assert.Equal(0, again.CreatedInHubSpot + again.CreatedInSalesforce + again.UpdatedInHubSpot + again.UpdatedInSalesforce);
        var link = (await _world.State.GetLinksBySalesforceIdAsync(mapping.Name, [created.Id], CancellationToken.None))[created.Id];
        Assert.Equal(hsId, link.HubSpotId);
        Assert.Equal(4, _world.Account.Records("readings").Count);
    }

    [Fact]
    public async Task An_object_that_is_not_replicateable_finds_its_deletes_by_one_Id_query()
    {
        var mapping = Values("Snapshot__c", "snapshots");
        _world.ResetRequestLogs();
        var first = await PassAsync(mapping);
        Assert.Equal(3, first.CreatedInHubSpot);
        Assert.Equal(1, _world.Traffic().SalesforceQueries); // nothing linked yet: no Id query

        var ids = _world.Org.Records("Snapshot__c").Select(r => r.Id).ToList();
        var hsOfDeleted = HubSpotIdOf("snapshots", ids[0]);
        _world.Org.Delete("Snapshot__c", ids[0]);
        _world.Org.Update("Snapshot__c", ids[1], new Dictionary<string, object?> { ["Value__c"] = 55.0 });
        _world.Account.UpdateRecord("snapshots", HubSpotIdOf("snapshots", ids[2]), new Dictionary<string, string> { ["title"] = "S-renamed" });
        _world.ResetRequestLogs();

        var pass = await PassAsync(mapping);

        Assert.Equal((1, 1, 1), (pass.ArchivedInHubSpot, pass.UpdatedInHubSpot, pass.UpdatedInSalesforce));
        Assert.True(_world.Account.FindRecord("snapshots", hsOfDeleted)!.Archived);
        Assert.Equal("55", HsValue("snapshots", ids[1], "value"));
        Assert.Equal("S-renamed", (string?)_world.Org.Find(ids[2])!["Name"]);
        var queries = SalesforceQueries();
        Assert.Equal(2, queries.Count); // the changed records, and one query of Ids
        Assert.Contains(queries, q => q.Contains("SELECT Id FROM Snapshot__c ORDER BY Id", StringComparison.Ordinal));
        Assert.Equal(0, SalesforceCalls("GET", "/deleted") + SalesforceCalls("GET", "/queryAll"));
    }

    [Fact]
    public async Task An_object_with_only_LastModifiedDate_is_read_incrementally_by_it()
    {
        var mapping = Values("Entry__c", "entries");
        await PassAsync(mapping);
        await PassAsync(mapping);
        var ids = _world.Org.Records("Entry__c").Select(r => r.Id).ToList();
        _world.Org.Update("Entry__c", ids[1], new Dictionary<string, object?> { ["Value__c"] = 12.5 });
        _world.ResetRequestLogs();

        var pass = await PassAsync(mapping);

        Assert.Equal(1, pass.UpdatedInHubSpot);
        Assert.Equal("12.5", HsValue("entries", ids[1], "value"));
        var changedRead = Assert.Single(SalesforceQueries(), q => q.Contains("Value__c", StringComparison.Ordinal));
        Assert.Contains("WHERE", changedRead, StringComparison.Ordinal);
        Assert.Contains("ORDER BY LastModifiedDate, Id", changedRead, StringComparison.Ordinal);
        Assert.DoesNotContain("SystemModstamp", changedRead, StringComparison.Ordinal);

        var hsOfDeleted = HubSpotIdOf("entries", ids[0]);
        _world.Org.Delete("Entry__c", ids[0]);
        var deleted = await PassAsync(mapping);
        Assert.Equal(1, deleted.ArchivedInHubSpot);
        Assert.True(_world.Account.FindRecord("entries", hsOfDeleted)!.Archived);
    }

    [Fact]
    public async Task An_object_that_cannot_be_updated_is_created_and_deleted_but_never_sent_an_update()
    {
        var mapping = Mapping("Membership__c", "memberships").AddField("Name", "title", SyncDirection.SalesforceToHubSpot).AddField("Role__c", "role");
        var first = await PassAsync(mapping);
        Assert.Equal(2, first.CreatedInHubSpot);

        // Created in HubSpot: created in Salesforce, which numbers it; the number comes back to HubSpot.
        var hsId = _world.Account.CreateRecord("memberships", new Dictionary<string, string> { ["role"] = "Guest" });
        var created = await PassAsync(mapping);
        Assert.Equal(1, created.CreatedInSalesforce);
        var record = Assert.Single(_world.Org.Records("Membership__c"), r => (string?)r["Role__c"] == "Guest");
        await PassAsync(mapping);
        Assert.StartsWith("M-", _world.Account.FindRecord("memberships", hsId)!.Properties["title"], StringComparison.Ordinal);

        // A HubSpot edit cannot travel: no update goes to Salesforce, and Salesforce's value is put back.
        _world.Account.UpdateRecord("memberships", hsId, new Dictionary<string, string> { ["role"] = "Admin" });
        _world.ResetRequestLogs();
        var edited = await PassAsync(mapping);
        Assert.Equal(SyncRunState.Succeeded, edited.State);
        Assert.Equal(0, edited.UpdatedInSalesforce + edited.Failed);
        Assert.Equal(0, SalesforceCalls("PATCH", "/sobjects"));
        Assert.Equal("Guest", (string?)_world.Org.Find(record.Id)!["Role__c"]);
        Assert.Equal("Guest", _world.Account.FindRecord("memberships", hsId)!.Properties["role"]);

        // Deletes still travel both ways.
        _world.Account.ArchiveRecord("memberships", hsId);
        var archived = await PassAsync(mapping);
        Assert.Equal(1, archived.DeletedInSalesforce);
        Assert.True(_world.Org.Find(record.Id)!.IsDeleted);
    }

    [Fact]
    public async Task An_object_that_cannot_be_created_or_deleted_is_never_asked_to()
    {
        var mapping = Values("Setting__c", "settings");
        await PassAsync(mapping);
        var ids = _world.Org.Records("Setting__c").Select(r => r.Id).ToList();
        _world.Account.CreateRecord("settings", new Dictionary<string, string> { ["title"] = "G-HS", ["value"] = "1" });
        _world.Account.ArchiveRecord("settings", HubSpotIdOf("settings", ids[0]));
        _world.Account.UpdateRecord("settings", HubSpotIdOf("settings", ids[1]), new Dictionary<string, string> { ["value"] = "77" });
        _world.ResetRequestLogs();

        var pass = await PassAsync(mapping);

        Assert.Equal(SyncRunState.Succeeded, pass.State);
        Assert.Equal((0, 0, 1, 0), (pass.CreatedInSalesforce, pass.DeletedInSalesforce, pass.UpdatedInSalesforce, pass.Failed));
        Assert.Equal(2, _world.Org.Records("Setting__c").Count);
        Assert.False(_world.Org.Find(ids[0])!.IsDeleted);
        Assert.Equal(77d, Convert.ToDouble(_world.Org.Find(ids[1])!["Value__c"], CultureInfo.InvariantCulture));
        Assert.Equal(0, _world.Org.Requests.Entries.Count(r => r.Method == "DELETE"));
        Assert.Equal(0, _world.Org.Requests.Entries.Count(r => r.Method == "POST" && r.Path.EndsWith("/composite/sobjects", StringComparison.Ordinal)));
        Assert.Equal(1, _world.Traffic().SalesforceCollectionWrites); // the update alone
        Assert.Equal(1, await _world.State.CountLinksAsync(mapping.Name, CancellationToken.None)); // the archived one's link is forgotten
    }

    [Fact]
    public async Task A_create_only_field_is_sent_on_create_and_never_in_an_update()
    {
        var mapping = Mapping("Tag__c", "tags").AddField("Name", "title").AddField("Code__c", "code").AddField("Value__c", "value");
        await PassAsync(mapping);
        var hsId = _world.Account.CreateRecord("tags", new Dictionary<string, string> { ["title"] = "T-HS", ["code"] = "CHS", ["value"] = "3" });
        Assert.Equal(1, (await PassAsync(mapping)).CreatedInSalesforce);
        var created = Assert.Single(_world.Org.Records("Tag__c"), r => (string?)r["Name"] == "T-HS");
        Assert.Equal("CHS", (string?)created["Code__c"]);

        // Both edited in HubSpot: the value travels (an update without Code__c, which Salesforce would refuse), the code is put back.
        _world.Account.UpdateRecord("tags", hsId, new Dictionary<string, string> { ["code"] = "CHANGED", ["value"] = "9" });
        var pass = await PassAsync(mapping);

        Assert.Equal(SyncRunState.Succeeded, pass.State);
        Assert.Equal((1, 1, 0), (pass.UpdatedInSalesforce, pass.UpdatedInHubSpot, pass.Failed));
        Assert.Equal(9d, Convert.ToDouble(_world.Org.Find(created.Id)!["Value__c"], CultureInfo.InvariantCulture));
        Assert.Equal("CHS", (string?)_world.Org.Find(created.Id)!["Code__c"]);
        Assert.Equal("CHS", _world.Account.FindRecord("tags", hsId)!.Properties["code"]);
    }

    [Theory]
    [InlineData(SyncDirection.TwoWay, true)]
    [InlineData(SyncDirection.None, false)]
    public async Task A_contact_removed_from_a_campaign_is_a_deleted_CampaignMember_and_the_delete_rule_applies(SyncDirection delete, bool archived)
    {
        var mapping = Mapping("CampaignMember", "campaign_members", delete).AddField("Status", "status");
        Assert.Equal(3, (await PassAsync(mapping)).CreatedInHubSpot);
        var member = _world.Org.Records("CampaignMember")[1];
        var hsId = HubSpotIdOf("campaign_members", member.Id);

        _world.Org.Delete("CampaignMember", member.Id);
        var pass = await PassAsync(mapping);

        Assert.Equal(archived ? 1 : 0, pass.ArchivedInHubSpot);
        Assert.Equal(archived, _world.Account.FindRecord("campaign_members", hsId)!.Archived);
        Assert.Equal(2, await _world.State.CountLinksAsync(mapping.Name, CancellationToken.None));
    }

    [Fact]
    public async Task A_deleted_RecordType_never_archives_its_HubSpot_record()
    {
        var mapping = Mapping("RecordType", "record_types", create: SyncDirection.SalesforceToHubSpot)
            .AddField("Name", "title", SyncDirection.SalesforceToHubSpot).AddField("DeveloperName", "developer_name", SyncDirection.SalesforceToHubSpot);
        Assert.Equal(2, (await PassAsync(mapping)).CreatedInHubSpot);
        var type = _world.Org.Records("RecordType")[0];
        var hsId = HubSpotIdOf("record_types", type.Id);

        _world.Org.Delete("RecordType", type.Id);
        var pass = await PassAsync(mapping);

        Assert.Equal(0, pass.ArchivedInHubSpot);
        Assert.False(_world.Account.FindRecord("record_types", hsId)!.Archived);
        Assert.Equal(1, await _world.State.CountLinksAsync(mapping.Name, CancellationToken.None));
    }

    [Fact]
    public async Task A_preview_states_what_a_full_comparison_costs_and_its_reads_are_the_runs()
    {
        var mapping = Values("Reading__c", "readings");
        var runtime = await MappingRuntime.ResolveAsync(mapping, _world.Salesforce, _world.HubSpot, CancellationToken.None);
        var pass = new SyncPass(_world.Salesforce, _world.HubSpot, _world.State, TrustedStamps);
        _world.ResetRequestLogs();

        var plan = new List<SyncPlanItem>();
        await foreach (var item in pass.PreviewAsync(runtime, CancellationToken.None))
        {
            plan.Add(item);
        }

        Assert.Equal(3, plan.Count(p => p.Action == RecordAction.CreateInHubSpot));
        Assert.Equal(1, _world.Traffic().SalesforceQueries);
        Assert.Contains("full comparison", pass.ReadingCost, StringComparison.Ordinal);
        Assert.Contains("1 call(s) per pass for its 3 record(s)", pass.ReadingCost, StringComparison.Ordinal);
        Assert.Empty(_world.Account.Records("readings"));

        var incremental = new SyncPass(_world.Salesforce, _world.HubSpot, _world.State, TrustedStamps);
        await incremental.RunAsync(await MappingRuntime.ResolveAsync(Values("Tag__c", "tags"), _world.Salesforce, _world.HubSpot, CancellationToken.None), CancellationToken.None);
        Assert.Null(incremental.ReadingCost);
    }

    [Fact]
    public async Task An_object_without_a_change_stamp_imports_and_its_first_pass_writes_nothing()
    {
        var mapping = Values("Reading__c", "readings");
        var runtime = await MappingRuntime.ResolveAsync(mapping, _world.Salesforce, _world.HubSpot, CancellationToken.None);
        var import = await new SfHsSync.Engine.Import.SalesforceImport(_world.Salesforce, _world.HubSpot, _world.State).RunAsync(runtime, CancellationToken.None);
        Assert.Equal(3, await _world.State.CountLinksAsync(mapping.Name, CancellationToken.None));
        Assert.Equal(3, _world.Account.Records("readings").Count);
        Assert.Null((await _world.State.GetWatermarksAsync(mapping.Name, CancellationToken.None)).Salesforce);
        Assert.Equal(SyncRunState.Succeeded, import.State);

        await PassAsync(mapping);
        _world.ResetRequestLogs();
        var pass = await PassAsync(mapping);
        Assert.Equal(0, pass.CreatedInHubSpot + pass.UpdatedInHubSpot + pass.CreatedInSalesforce + pass.UpdatedInSalesforce);
        Assert.Equal(0, _world.Traffic().HubSpotBatchWrites + _world.Traffic().SalesforceCollectionWrites);
    }
}
