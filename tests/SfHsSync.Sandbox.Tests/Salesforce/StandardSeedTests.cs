using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Tests.Salesforce;

/// <summary>
/// The built-in Standard seed: it describes every supported standard object (and Account, Contact, Lead, Opportunity,
/// Case, User) with the flags set from the sObjects OpenAPI document and the Object Reference, and holds records for a
/// representative set whose quirks (auto-number names, create-only lookups, read-only objects) the API enforces.
/// </summary>
public sealed partial class StandardSeedTests : IAsyncLifetime
{
    private static readonly string[] Common = ["Account", "Contact", "Lead", "Opportunity", "Case", "User"];

    private SalesforceTestOrg _sf = null!;

    public async Task InitializeAsync() => _sf = await SalesforceTestOrg.StartAsync(seed: "Standard");

    public Task DisposeAsync() => _sf.DisposeAsync().AsTask();

    [Fact]
    public async Task Every_supported_object_and_the_common_ones_are_described_in_the_describe_schema()
    {
        var listed = SupportedList();
        Assert.Equal(123, listed.Count);
        var (status, global, _) = await _sf.GetAsync("sobjects");
        Assert.Equal(HttpStatusCode.OK, status);
        SalesforceContracts.AssertOpenApiValid("DescribeGlobalResult", global);
        var names = global!["sobjects"]!.AsArray().Select(o => (string)o!["name"]!).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(listed.Concat(Common).Append("Organization").Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));

        foreach (var name in listed.Concat(Common))
        {
            var (code, describe, _) = await _sf.GetAsync($"sobjects/{name}/describe");
            Assert.Equal(HttpStatusCode.OK, code);
            SalesforceContracts.AssertDescribeValid(describe);
            Assert.Equal(name, (string)describe!["name"]!);
            Assert.True((bool)describe["queryable"]!, name);
        }
    }

    [Theory]
    [InlineData("CampaignMember", true, true, true, true)]
    [InlineData("Campaign", true, true, true, true)]
    [InlineData("Order", true, true, true, true)]
    [InlineData("OrderItem", true, true, true, true)]
    [InlineData("RecordType", true, true, false, false)]
    [InlineData("LeadStatus", false, false, false, false)]
    [InlineData("CaseStatus", false, false, false, false)]
    [InlineData("CaseMilestone", false, true, false, false)]
    [InlineData("TopicAssignment", true, false, true, true)]
    [InlineData("EntitySubscription", true, false, true, true)]
    [InlineData("AccountContactRelation", true, true, true, true)]
    [InlineData("OpportunitySplit", true, true, true, true)]
    [InlineData("User", true, true, false, true)]
    public async Task Object_flags_are_the_ones_the_sources_give(string name, bool createable, bool updateable, bool deletable, bool replicateable)
    {
        var describe = (await _sf.GetAsync($"sobjects/{name}/describe")).Body!;
        Assert.Equal(createable, (bool)describe["createable"]!);
        Assert.Equal(updateable, (bool)describe["updateable"]!);
        Assert.Equal(deletable, (bool)describe["deletable"]!);
        Assert.Equal(replicateable, (bool)describe["replicateable"]!);
    }

    [Theory]
    [InlineData("Order", "OrderNumber", true)]
    [InlineData("Contract", "ContractNumber", true)]
    [InlineData("Case", "CaseNumber", true)]
    [InlineData("WorkOrder", "WorkOrderNumber", true)]
    [InlineData("OrderItem", "OrderItemNumber", true)]
    [InlineData("OpportunitySplit", "Split", true)]
    [InlineData("Note", "Title", false)]
    [InlineData("EmailMessage", "Subject", false)]
    [InlineData("Campaign", "Name", false)]
    [InlineData("CaseComment", null, false)]
    public async Task The_name_field_is_the_objects_own(string name, string? nameField, bool autoNumber)
    {
        var fields = (await _sf.GetAsync($"sobjects/{name}/describe")).Body!["fields"]!.AsArray();
        var named = fields.Where(f => (bool)f!["nameField"]!).Select(f => f!).ToArray();
        if (nameField is null)
        {
            Assert.Empty(named);
            return;
        }

        var field = Assert.Single(named);
        Assert.Equal(nameField, (string)field["name"]!);
        Assert.Equal(autoNumber, (bool)field["autoNumber"]!);
        Assert.Equal(!autoNumber, (bool)field["createable"]!);
    }

    [Theory]
    [InlineData("CampaignMember", "CampaignId")]
    [InlineData("CampaignMember", "LeadId")]
    [InlineData("CampaignMember", "ContactId")]
    [InlineData("OrderItem", "OrderId")]
    [InlineData("OrderItem", "PricebookEntryId")]
    [InlineData("CaseComment", "ParentId")]
    [InlineData("Note", "ParentId")]
    [InlineData("AccountContactRelation", "AccountId")]
    [InlineData("OpportunitySplit", "OpportunityId")]
    public async Task Parent_lookups_are_writable_on_create_only(string name, string field)
    {
        var described = (await _sf.GetAsync($"sobjects/{name}/describe")).Body!["fields"]!.AsArray().Single(f => (string)f!["name"]! == field)!;
        Assert.Equal("reference", (string)described["type"]!);
        Assert.True((bool)described["createable"]!);
        Assert.False((bool)described["updateable"]!);
    }

    [Theory]
    [InlineData("Note", true, true)]
    [InlineData("CaseComment", true, true)]
    [InlineData("RecordType", true, false)]
    [InlineData("LeadStatus", true, false)]
    [InlineData("EntitySubscription", false, true)]
    [InlineData("ClientBrowser", false, false)]
    public async Task Audit_fields_are_the_ones_the_object_has(string name, bool lastModified, bool isDeleted)
    {
        var names = (await _sf.GetAsync($"sobjects/{name}/describe")).Body!["fields"]!.AsArray().Select(f => (string)f!["name"]!).ToArray();
        Assert.Contains("CreatedDate", names);
        Assert.Equal(lastModified, names.Contains("LastModifiedDate"));
        Assert.Equal(isDeleted, names.Contains("IsDeleted"));
    }

    [Theory]
    [InlineData("Campaign", 3)]
    [InlineData("CampaignMember", 8)]
    [InlineData("Product2", 5)]
    [InlineData("Order", 4)]
    [InlineData("OrderItem", 6)]
    [InlineData("Asset", 5)]
    [InlineData("Contract", 4)]
    [InlineData("WorkOrder", 5)]
    [InlineData("CaseComment", 6)]
    [InlineData("RecordType", 4)]
    [InlineData("Note", 5)]
    [InlineData("EmailMessage", 5)]
    [InlineData("LeadStatus", 4)]
    public async Task The_representative_records_are_queryable(string name, int count)
    {
        var (status, body, _) = await _sf.QueryAsync($"SELECT Id, CreatedDate FROM {name} ORDER BY Id");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(count, (int)body!["totalSize"]!);
    }

    [Fact]
    public async Task Orders_number_themselves_and_a_new_order_takes_the_next_number()
    {
        var (_, body, _) = await _sf.QueryAsync("SELECT OrderNumber, Account.Name FROM Order ORDER BY OrderNumber");
        Assert.Equal(["00000001", "00000002", "00000003", "00000004"], body!["records"]!.AsArray().Select(r => (string)r!["OrderNumber"]!));
        var account = _sf.Org.Records("Account")[0].Id;
        var pricebook = _sf.Org.Records("Pricebook2")[0].Id;
        var (status, created, _) = await _sf.SendAsync(HttpMethod.Post, "sobjects/Order", new { AccountId = account, Pricebook2Id = pricebook, EffectiveDate = "2025-07-01", Status = "Draft" });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("00000005", _sf.Org.Find((string)created!["id"]!)!["OrderNumber"]);
        var (refused, error, _) = await _sf.SendAsync(HttpMethod.Post, "sobjects/Order", new { AccountId = account, Pricebook2Id = pricebook, EffectiveDate = "2025-07-01", Status = "Draft", OrderNumber = "X" });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal("INVALID_FIELD_FOR_INSERT_UPDATE", SalesforceTestOrg.ErrorCode(error));
    }

    [Fact]
    public async Task A_removed_campaign_member_shows_in_get_deleted_and_query_all_and_its_campaign_cannot_change()
    {
        var member = _sf.Org.Records("CampaignMember")[0];
        var other = _sf.Org.Records("Campaign")[1].Id;
        var (code, body, _) = await _sf.SendAsync(HttpMethod.Patch, $"sobjects/CampaignMember/{member.Id}", new { CampaignId = other });
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("INVALID_FIELD_FOR_INSERT_UPDATE", SalesforceTestOrg.ErrorCode(body));
        Assert.Equal(HttpStatusCode.NoContent, (await _sf.SendAsync(HttpMethod.Patch, $"sobjects/CampaignMember/{member.Id}", new { Status = "Responded" })).Status);

        var now = _sf.Org.Clock.Now();
        Assert.Equal(HttpStatusCode.NoContent, (await _sf.SendAsync(HttpMethod.Delete, $"sobjects/CampaignMember/{member.Id}")).Status);
        var (_, deleted, _) = await _sf.GetAsync($"sobjects/CampaignMember/deleted/?start={Iso(now.AddMinutes(-1))}&end={Iso(now.AddMinutes(2))}");
        Assert.Equal(member.Id, (string)Assert.Single(deleted!["deletedRecords"]!.AsArray())!["id"]!);
        var (_, all, _) = await _sf.QueryAsync($"SELECT Id, IsDeleted, CampaignId FROM CampaignMember WHERE IsDeleted = true", all: true);
        Assert.Equal(member.Id, (string)Assert.Single(all!["records"]!.AsArray())!["Id"]!);
        Assert.Equal(7, (int)(await _sf.QueryAsync("SELECT Id FROM CampaignMember")).Body!["totalSize"]!);
    }

    [Fact]
    public async Task A_record_type_cannot_be_deleted_through_the_api_but_can_be_renamed()
    {
        var recordType = _sf.Org.Records("RecordType")[0].Id;
        var (code, body, _) = await _sf.SendAsync(HttpMethod.Delete, $"sobjects/RecordType/{recordType}");
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("INVALID_TYPE_FOR_OPERATION", SalesforceTestOrg.ErrorCode(body));
        Assert.Equal("entity type cannot be deleted: Record Type", (string)body![0]!["message"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await _sf.SendAsync(HttpMethod.Patch, $"sobjects/RecordType/{recordType}", new { Name = "Reseller Account" })).Status);
        var (refused, error, _) = await _sf.SendAsync(HttpMethod.Patch, $"sobjects/RecordType/{recordType}", new { SobjectType = "Case" });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal("INVALID_FIELD_FOR_INSERT_UPDATE", SalesforceTestOrg.ErrorCode(error));
        Assert.False(_sf.Org.Find(recordType)!.IsDeleted);
    }

    [Fact]
    public async Task Lead_statuses_are_read_but_never_written_and_have_no_replication_feed()
    {
        var (_, body, _) = await _sf.QueryAsync("SELECT MasterLabel, IsConverted FROM LeadStatus WHERE IsConverted = true");
        Assert.Equal("Closed - Converted", (string)Assert.Single(body!["records"]!.AsArray())!["MasterLabel"]!);
        var (code, error, _) = await _sf.SendAsync(HttpMethod.Post, "sobjects/LeadStatus", new { MasterLabel = "Nurturing" });
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("INVALID_TYPE_FOR_OPERATION", SalesforceTestOrg.ErrorCode(error));
        var now = _sf.Org.Clock.Now();
        (code, error, _) = await _sf.GetAsync($"sobjects/LeadStatus/updated/?start={Iso(now.AddMinutes(-5))}&end={Iso(now.AddMinutes(1))}");
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("INVALID_TYPE_FOR_OPERATION", SalesforceTestOrg.ErrorCode(error));
    }

    [Fact]
    public async Task Order_products_keep_their_order_and_the_hubspot_half_has_a_custom_object_per_representative_object()
    {
        var item = _sf.Org.Records("OrderItem")[0];
        var otherOrder = _sf.Org.Records("Order")[1].Id;
        var (code, body, _) = await _sf.SendAsync(HttpMethod.Patch, $"sobjects/OrderItem/{item.Id}", new { OrderId = otherOrder });
        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("INVALID_FIELD_FOR_INSERT_UPDATE", SalesforceTestOrg.ErrorCode(body));
        Assert.Equal(HttpStatusCode.NoContent, (await _sf.SendAsync(HttpMethod.Patch, $"sobjects/OrderItem/{item.Id}", new { Quantity = 3 })).Status);

        var hubSpot = _sf.Server.HubSpot;
        foreach (var name in new[] { "sf_campaigns", "sf_campaign_members", "sf_products", "sf_orders", "sf_order_items", "sf_assets", "sf_contracts",
                     "sf_work_orders", "sf_case_comments", "sf_record_types", "sf_notes", "sf_email_messages", "sf_lead_statuses" })
        {
            Assert.NotNull(hubSpot.ObjectTypeIdOf(name));
            Assert.Contains("salesforce_id", hubSpot.PropertyNames(name));
        }
    }

    private static List<string> SupportedList()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "supported-objects.md");
            if (File.Exists(Path.Combine(dir.FullName, "SfHsSync.sln")))
            {
                return File.ReadAllLines(path).Where(l => ListLine().IsMatch(l.Trim()))
                    .SelectMany(l => Regex.Matches(l, "`([A-Za-z0-9]+)`").Select(m => m.Groups[1].Value)).ToList();
            }
        }

        throw new InvalidOperationException("SfHsSync.sln was not found above the test binaries.");
    }

    private static string Iso(DateTimeOffset t)
        => Uri.EscapeDataString(t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^- `[A-Za-z0-9]+`(, `[A-Za-z0-9]+`)*$")]
    private static partial Regex ListLine();
}
