using System.Globalization;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Metadata;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Tests.Sync.Support;
using SfHsSync.Sandbox;

namespace SfHsSync.Engine.Tests.Sync;

/// <summary>
/// Each representative standard object of the sandbox's Standard seed, synced end to end with its example mapping
/// (docs/examples/standard): created in HubSpot, a quiet pass writes nothing, an edit travels each way the describe
/// allows, a record created in Salesforce follows, and a delete goes by the mapping's rule. Plus a standard object
/// whose describe has no SystemModstamp (EntitySubscription), read by a full comparison.
/// </summary>
public sealed class StandardSeedSyncTests : IAsyncLifetime
{
    private static readonly SyncOptions TrustedStamps = new() { HubSpotSearchLag = TimeSpan.Zero, SalesforceCommitLag = TimeSpan.Zero };
    private SyncWorld _world = null!;

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync(new SandboxOptions { Seed = "Standard" });

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static string Example(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "examples", "standard", file);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"docs/examples/standard/{file} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>The example mapping, without its associations (their HubSpot association types are not the point here).</summary>
    private static SyncMapping Load(string file)
    {
        var mapping = Assert.Single(SyncMappingFile.Read(Example(file)));
        return mapping.Associations.Aggregate(mapping, (m, a) => m.WithoutAssociation(a.SalesforceField));
    }

    private Task<SyncRunResult> PassAsync(SyncMapping mapping) => _world.PassAsync(mapping, TrustedStamps);

    private static long Writes(SyncRunResult r) => r.CreatedInHubSpot + r.UpdatedInHubSpot + r.CreatedInSalesforce + r.UpdatedInSalesforce + r.ArchivedInHubSpot + r.DeletedInSalesforce;

    public static TheoryData<string> Examples => new()
    {
        "assets.sync.yml", "campaign-members.sync.yml", "campaigns.sync.yml", "case-comments.sync.yml", "contracts.sync.yml", "email-messages.sync.yml",
        "lead-statuses.sync.yml", "notes.sync.yml", "order-products.sync.yml", "orders.sync.yml", "products.sync.yml", "record-types.sync.yml", "work-orders.sync.yml",
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Each_representative_object_syncs_end_to_end_as_its_describe_allows(string file)
    {
        var mapping = Load(file);
        var sfObject = mapping.SalesforceObject;
        var describe = await _world.Salesforce.DescribeAsync(sfObject);
        var capabilities = ObjectCapabilities.Of(describe);
        var runtime = await MappingRuntime.ResolveAsync(mapping, _world.Salesforce, _world.HubSpot, CancellationToken.None);
        var hsType = runtime.HubSpotObjectType;
        var records = _world.Org.Records(sfObject);
        Assert.NotEmpty(records);

        var first = await PassAsync(mapping);
        Assert.Equal(SyncRunState.Succeeded, first.State);
        Assert.Equal(records.Count, first.CreatedInHubSpot);
        await PassAsync(mapping);
        _world.ResetRequestLogs();
        var quiet = await PassAsync(mapping);
        Assert.Equal(0, Writes(quiet));
        Assert.Equal(0, _world.Traffic().SalesforceCollectionWrites + _world.Traffic().HubSpotBatchWrites);
        Assert.Equal(2, _world.Traffic().SalesforceQueries); // the changed records, then the deletes (queryAll) or the Ids

        string HsIdOf(string sfId) => _world.Account.FindRecordByUniqueValue(hsType, "salesforce_id", sfId)!.Id;

        // An edit in Salesforce travels to HubSpot on a text or picklist field synced that way (every example has one).
        var outward = Assert.Single(mapping.Fields.Where(f => MappingCheckTravels(f.Direction, toHubSpot: true) && IsText(describe, f.SalesforceField)).Take(1));
        var outwardValue = NewValue(describe, outward.SalesforceField, records[0][outward.SalesforceField] as string, "Edited in Salesforce");
        _world.Org.Update(sfObject, records[0].Id, new Dictionary<string, object?> { [outward.SalesforceField] = outwardValue });
        var travelled = await PassAsync(mapping);
        Assert.Equal(1, travelled.UpdatedInHubSpot);
        Assert.Equal(outwardValue, _world.Account.FindRecord(hsType, HsIdOf(records[0].Id))!.Properties[outward.HubSpotProperty]);

        // An edit in HubSpot travels to Salesforce on a two-way field, unless Salesforce cannot update it: then it is put back.
        if (mapping.Fields.FirstOrDefault(f => f.Direction == SyncDirection.TwoWay && IsText(describe, f.SalesforceField) && describe.FindField(f.SalesforceField)!.Createable) is { } inward)
        {
            var hsId = HsIdOf(records[^1].Id);
            var before = _world.Org.Find(records[^1].Id)![inward.SalesforceField] as string;
            var inwardValue = NewValue(describe, inward.SalesforceField, before, "Edited in HubSpot");
            _world.Account.UpdateRecord(hsType, hsId, new Dictionary<string, string> { [inward.HubSpotProperty] = inwardValue });
            var pass = await PassAsync(mapping);
            Assert.Equal(SyncRunState.Succeeded, pass.State);
            if (capabilities.IsCreateOnly(inward.SalesforceField))
            {
                Assert.Equal((0, 1), (pass.UpdatedInSalesforce, pass.UpdatedInHubSpot));
                Assert.Equal(before, _world.Org.Find(records[^1].Id)![inward.SalesforceField] as string);
            }
            else
            {
                Assert.Equal(1, pass.UpdatedInSalesforce);
                Assert.Equal(inwardValue, _world.Org.Find(records[^1].Id)![inward.SalesforceField] as string);
            }
        }

        // A record created in Salesforce (a copy of one there) is created in HubSpot.
        if (MappingCheckTravels(mapping.CreateDirection, toHubSpot: true))
        {
            var copy = records[0].Values.Where(kv => describe.FindField(kv.Key) is { Createable: true, AutoNumber: false } && !kv.Key.EndsWith("__c", StringComparison.Ordinal) && kv.Key != "OwnerId")
                .ToDictionary(kv => kv.Key, kv => kv.Value);
            var newId = _world.Org.Insert(sfObject, copy);
            var pass = await PassAsync(mapping);
            Assert.Equal(1, pass.CreatedInHubSpot);
            Assert.NotNull(_world.Account.FindRecordByUniqueValue(hsType, "salesforce_id", newId));
        }

        // A delete in Salesforce goes by the delete rule (a RecordType's never archives its HubSpot record).
        var gone = records[1].Id;
        var hsOfGone = HsIdOf(gone);
        var links = await _world.State.CountLinksAsync(mapping.Name, CancellationToken.None);
        _world.Org.Delete(sfObject, gone);
        var deleted = await PassAsync(mapping);
        var archives = MappingCheckTravels(mapping.DeleteDirection, toHubSpot: true) && sfObject != "RecordType";
        Assert.Equal(archives ? 1 : 0, deleted.ArchivedInHubSpot);
        Assert.Equal(archives, _world.Account.FindRecord(hsType, hsOfGone)!.Archived);
        Assert.Equal(links - 1, await _world.State.CountLinksAsync(mapping.Name, CancellationToken.None));
    }

    [Fact]
    public async Task HubSpot_creates_reach_the_createable_objects_and_never_the_others()
    {
        var products = Load("products.sync.yml");
        var statuses = Load("lead-statuses.sync.yml").WithRules(ConflictWinner.Salesforce, SyncDirection.TwoWay, SyncDirection.TwoWay, "salesforce_id", null);
        await PassAsync(products);
        await PassAsync(statuses);
        var productType = (await MappingRuntime.ResolveAsync(products, _world.Salesforce, _world.HubSpot, CancellationToken.None)).HubSpotObjectType;
        var statusType = (await MappingRuntime.ResolveAsync(statuses, _world.Salesforce, _world.HubSpot, CancellationToken.None)).HubSpotObjectType;
        var statusProperty = statuses.Fields[0].HubSpotProperty;
        _world.Account.CreateRecord(productType, new Dictionary<string, string> { ["product_name"] = "Made in HubSpot", ["product_code"] = "HS-1", ["is_active"] = "true" });
        _world.Account.CreateRecord(statusType, new Dictionary<string, string> { [statusProperty] = "Made in HubSpot" });
        var statusCount = _world.Org.Records("LeadStatus").Count;

        Assert.Equal(1, (await PassAsync(products)).CreatedInSalesforce);
        var status = await PassAsync(statuses);

        Assert.Single(_world.Org.Records("Product2"), r => (string?)r["Name"] == "Made in HubSpot");
        Assert.Equal((SyncRunState.Succeeded, 0), (status.State, status.CreatedInSalesforce));
        Assert.Equal(statusCount, _world.Org.Records("LeadStatus").Count);
    }

    [Fact]
    public async Task A_standard_object_without_SystemModstamp_is_read_by_a_full_comparison()
    {
        // EntitySubscription's describe: IsDeleted and CreatedDate only, not updateable; 2,100 subscriptions.
        _world.Account.CreateSchema("""
            {"name":"sf_entity_subscriptions","labels":{"singular":"Subscription","plural":"Subscriptions"},"primaryDisplayProperty":"parent_id",
             "requiredProperties":[],"searchableProperties":["salesforce_id"],
             "properties":[{"name":"parent_id","label":"Parent","type":"string","fieldType":"text"},{"name":"subscriber_id","label":"Subscriber","type":"string","fieldType":"text"},
                           {"name":"salesforce_id","label":"Salesforce record Id","type":"string","fieldType":"text","hasUniqueValue":true}]}
            """);
        _world.Org.InsertMany("EntitySubscription", Enumerable.Range(1, 2100).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["ParentId"] = "0015g" + i.ToString("D13", CultureInfo.InvariantCulture),
            ["SubscriberId"] = "0055g" + i.ToString("D13", CultureInfo.InvariantCulture),
        }));
        var mapping = new SyncMapping("Subscriptions", "EntitySubscription", "sf_entity_subscriptions", ConflictWinner.Salesforce, SyncDirection.SalesforceToHubSpot, SyncDirection.TwoWay, "salesforce_id", null)
            .AddField("ParentId", "parent_id", SyncDirection.SalesforceToHubSpot)
            .AddField("SubscriberId", "subscriber_id");
        Assert.Equal(SalesforceReadKind.FullComparison, ObjectCapabilities.Of(await _world.Salesforce.DescribeAsync("EntitySubscription")).ReadKind);

        Assert.Equal(2100, (await PassAsync(mapping)).CreatedInHubSpot);
        await PassAsync(mapping);
        _world.ResetRequestLogs();
        var quiet = await PassAsync(mapping);
        Assert.Equal(0, Writes(quiet));
        Assert.Equal(2, _world.Traffic().SalesforceQueries); // ceil(2,100 / 2,000)
        Assert.Equal(0, _world.Traffic().HubSpotBatchWrites + _world.Traffic().SalesforceCollectionWrites);

        // A HubSpot edit cannot be sent (not updateable): put back. A delete in Salesforce archives by the two-way rule.
        var ids = _world.Org.Records("EntitySubscription").Select(r => r.Id).ToList();
        var edited = _world.Account.FindRecordByUniqueValue("sf_entity_subscriptions", "salesforce_id", ids[0])!.Id;
        var archived = _world.Account.FindRecordByUniqueValue("sf_entity_subscriptions", "salesforce_id", ids[1])!.Id;
        _world.Account.UpdateRecord("sf_entity_subscriptions", edited, new Dictionary<string, string> { ["subscriber_id"] = "changed" });
        _world.Org.Delete("EntitySubscription", ids[1]);
        _world.ResetRequestLogs();
        var pass = await PassAsync(mapping);

        Assert.Equal((1, 1, 0, 0), (pass.UpdatedInHubSpot, pass.ArchivedInHubSpot, pass.UpdatedInSalesforce, pass.Failed));
        Assert.Equal(2, _world.Traffic().SalesforceQueries);
        Assert.Equal(0, _world.Traffic().SalesforceCollectionWrites);
        Assert.Equal("0055g0000000000001", _world.Account.FindRecord("sf_entity_subscriptions", edited)!.Properties["subscriber_id"]);
        Assert.True(_world.Account.FindRecord("sf_entity_subscriptions", archived)!.Archived);
    }

    private static bool MappingCheckTravels(SyncDirection direction, bool toHubSpot)
        => toHubSpot ? SfHsSync.Engine.Validation.MappingCheck.TravelsToHubSpot(direction) : SfHsSync.Engine.Validation.MappingCheck.TravelsToSalesforce(direction);

    private static bool IsText(SalesforceObjectDescription describe, string field)
        => describe.FindField(field) is { Type: "string" or "textarea" or "picklist", AutoNumber: false, Calculated: false, IsReference: false, Unique: false, ExternalId: false };

    /// <summary>A value the field takes that differs from <paramref name="current"/>: text, or another active picklist value.</summary>
    private static string NewValue(SalesforceObjectDescription describe, string field, string? current, string text)
        => describe.FindField(field)!.Type == "picklist"
            ? describe.FindField(field)!.PicklistValues.First(v => v.Active && v.Value != current).Value
            : text;

    [Theory]
    [InlineData("Campaign", "Name", false, ChangeStamp.SystemModstamp, SalesforceReadKind.Incremental)]
    [InlineData("Order", "OrderNumber", true, ChangeStamp.SystemModstamp, SalesforceReadKind.Incremental)]
    [InlineData("Contract", "ContractNumber", true, ChangeStamp.SystemModstamp, SalesforceReadKind.Incremental)]
    [InlineData("Case", "CaseNumber", true, ChangeStamp.SystemModstamp, SalesforceReadKind.Incremental)]
    [InlineData("EmailMessage", "Subject", false, ChangeStamp.SystemModstamp, SalesforceReadKind.Incremental)]
    [InlineData("CaseComment", null, false, ChangeStamp.SystemModstamp, SalesforceReadKind.Incremental)]
    [InlineData("LeadStatus", "MasterLabel", false, ChangeStamp.SystemModstamp, SalesforceReadKind.IncrementalIdSetDeletes)]
    [InlineData("ListEmailShare", null, false, ChangeStamp.LastModifiedDate, SalesforceReadKind.IncrementalIdSetDeletes)]
    [InlineData("ClientBrowser", null, false, ChangeStamp.CreatedDate, SalesforceReadKind.FullComparison)]
    public async Task The_Standard_describes_give_each_object_its_name_field_and_read_kind(string name, string? nameField, bool autoNumber, ChangeStamp stamp, SalesforceReadKind kind)
    {
        var capabilities = ObjectCapabilities.Of(await _world.Salesforce.DescribeAsync(name));

        Assert.Equal((nameField, autoNumber, stamp, kind), (capabilities.NameField, capabilities.NameIsAutoNumber, capabilities.ChangeStamp, capabilities.ReadKind));
    }

    [Fact]
    public async Task A_junctions_parent_lookups_are_create_only()
    {
        var member = ObjectCapabilities.Of(await _world.Salesforce.DescribeAsync("CampaignMember"));

        Assert.True(member.Updateable);
        Assert.Superset(new HashSet<string>(["CampaignId", "ContactId", "LeadId"], StringComparer.OrdinalIgnoreCase), member.CreateOnlyFields.ToHashSet(StringComparer.OrdinalIgnoreCase));
        Assert.False(member.IsCreateOnly("Status"));
    }
}
