using SfHsSync.Engine.Connections;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Tests.Sync;
using SfHsSync.Engine.Validation;
using SfHsSync.Sandbox;

namespace SfHsSync.Engine.Tests.Validation;

/// <summary>
/// Test-SyncMapping's rules for what an object's describe does not allow, read from a mapping file (so each diagnostic
/// names its file and line) and checked against the sandbox's ObjectKinds seed, whose objects carry those flags.
/// </summary>
public sealed class ObjectKindRuleTests : IAsyncLifetime
{
    private const string Yaml = """
        formatVersion: 1
        mappings:
        - name: Readings
          salesforceObject: Reading__c
          hubSpotObject: readings
          createDirection: TwoWay
          deleteDirection: TwoWay
          salesforceIdProperty: salesforce_id
          fields:
          - {salesforceField: Name, hubSpotProperty: title, direction: TwoWay}
        - name: Snapshots
          salesforceObject: Snapshot__c
          hubSpotObject: snapshots
          salesforceIdProperty: salesforce_id
          fields:
          - {salesforceField: Name, hubSpotProperty: title, direction: TwoWay}
        - name: Memberships
          salesforceObject: Membership__c
          hubSpotObject: memberships
          createDirection: TwoWay
          salesforceIdProperty: salesforce_id
          fields:
          - {salesforceField: Role__c, hubSpotProperty: role, direction: TwoWay}
        - name: Settings
          salesforceObject: Setting__c
          hubSpotObject: settings
          createDirection: TwoWay
          deleteDirection: HubSpotToSalesforce
          salesforceIdProperty: salesforce_id
          fields:
          - {salesforceField: Value__c, hubSpotProperty: value, direction: TwoWay}
        - name: Tags
          salesforceObject: Tag__c
          hubSpotObject: tags
          salesforceIdProperty: salesforce_id
          fields:
          - {salesforceField: Name, hubSpotProperty: title, direction: TwoWay}
          - {salesforceField: Code__c, hubSpotProperty: code, direction: TwoWay}
        - name: RecordTypes
          salesforceObject: RecordType
          hubSpotObject: record_types
          deleteDirection: TwoWay
          salesforceIdProperty: salesforce_id
          fields:
          - {salesforceField: Name, hubSpotProperty: title, direction: SalesforceToHubSpot}
        - name: Hidden
          salesforceObject: Hidden__c
          hubSpotObject: hiddens
          salesforceIdProperty: salesforce_id
          fields:
          - {salesforceField: Name, hubSpotProperty: title, direction: SalesforceToHubSpot}
        - name: Contacts
          salesforceObject: Contact
          hubSpotObject: campaign_members
          salesforceIdProperty: salesforce_id
          fields:
          - {salesforceField: LastName, hubSpotProperty: title, direction: SalesforceToHubSpot}
        """;

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"sfhssync-kinds-{Guid.NewGuid():N}.sync.yml");
    private SandboxServer _server = null!;
    private IReadOnlyList<SyncDiagnostic> _diagnostics = null!;
    private long _salesforceCalls;

    public async Task InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(new SandboxOptions { Seed = ObjectKindSyncTests.SeedPath });
        await File.WriteAllTextAsync(_file, Yaml);
        using var salesforce = new SalesforceClient(new SalesforceConnection(_server.SalesforceUrl, SecretText.ToSecureString(_server.Salesforce.DefaultAccessToken)));
        using var hubSpot = new HubSpotClient(new HubSpotConnection(_server.HubSpotUrl, SecretText.ToSecureString(_server.HubSpot.DefaultAccessToken)));
        _diagnostics = await MappingValidator.Default.ValidateAsync(SyncMappingFile.Read(_file), new ConnectedSchemaSource(salesforce, hubSpot));
        _salesforceCalls = salesforce.ApiCallCount;
    }

    public async Task DisposeAsync()
    {
        File.Delete(_file);
        await _server.DisposeAsync();
    }

    private SyncDiagnostic Single(string ruleId, string mapping) => Assert.Single(_diagnostics, d => d.RuleId == ruleId && d.Mapping == mapping);

    private void AtLine(SyncDiagnostic d, int line)
    {
        Assert.Equal(Path.GetFullPath(_file), Path.GetFullPath(d.Source!.File!));
        Assert.Equal(line, d.Source.Line);
    }

    [Fact]
    public void An_object_without_a_change_stamp_is_read_by_a_full_comparison_at_a_stated_cost()
    {
        var d = Single("SF004", "Readings");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Contains("full comparison", d.Message, StringComparison.Ordinal);
        Assert.Contains("1 call(s) per pass for its 3 record(s)", d.Message, StringComparison.Ordinal);
        AtLine(d, 3);
    }

    [Fact]
    public void An_object_that_is_not_replicateable_has_its_deletes_found_by_its_Ids_at_a_stated_cost()
    {
        var d = Single("SF005", "Snapshots");
        Assert.Contains("not replicateable", d.Message, StringComparison.Ordinal);
        Assert.Contains("queries its Ids (1 call(s) per pass for its 3 record(s)", d.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_diagnostics, x => x.Mapping == "Snapshots" && x.RuleId == "SF002");
    }

    [Fact]
    public void An_object_that_cannot_be_updated_says_its_fields_are_sent_on_create_only()
    {
        var d = Single("SF006", "Memberships");
        Assert.Contains("never sends it an update", d.Message, StringComparison.Ordinal);
        Assert.Contains("'Role__c <-> role'", d.Message, StringComparison.Ordinal);
        AtLine(d, 23);
        Assert.DoesNotContain(_diagnostics, x => x.Mapping == "Memberships" && x.RuleId == "FD013");
    }

    [Fact]
    public void An_object_that_cannot_be_created_or_deleted_says_how_the_directions_act()
    {
        Assert.Contains("the create direction acts as SalesforceToHubSpot", Single("SF007", "Settings").Message, StringComparison.Ordinal);
        Assert.Contains("the delete direction acts as None", Single("SF008", "Settings").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_create_only_field_mapped_two_way_is_a_warning_at_its_line()
    {
        var d = Single("FD013", "Tags");
        Assert.Equal("Code__c <-> code", d.Target);
        Assert.Contains("only when it creates the record in Salesforce", d.Message, StringComparison.Ordinal);
        AtLine(d, 38);
        Assert.DoesNotContain(_diagnostics, x => x.RuleId == "FD012");
    }

    [Fact]
    public void A_RecordType_mapping_is_told_its_deletes_keep_the_HubSpot_record()
    {
        Assert.Equal(DiagnosticSeverity.Information, Single("SF009", "RecordTypes").Severity);
    }

    [Fact]
    public void A_non_queryable_object_is_an_error_and_costs_no_count()
    {
        var d = Single("SF002", "Hidden");
        Assert.True(d.IsError);
        Assert.Contains("cannot be queried", d.Message, StringComparison.Ordinal);
        AtLine(d, 46);
        Assert.DoesNotContain(_diagnostics, x => x.Mapping == "Hidden" && x.RuleId is "SF004" or "SF005");
    }

    [Fact]
    public void An_unsupported_standard_object_is_refused_naming_the_native_sync()
    {
        var d = Single("SF003", "Contacts");
        Assert.True(d.IsError);
        Assert.Contains("HubSpot contacts", d.Message, StringComparison.Ordinal);
        AtLine(d, 52);
    }

    [Fact]
    public void Only_the_objects_read_in_full_or_by_Ids_cost_a_count()
    {
        // One global describe, eight describes, and one COUNT() for each of Reading__c and Snapshot__c.
        Assert.Equal(1 + 8 + 2, _salesforceCalls);
    }
}
