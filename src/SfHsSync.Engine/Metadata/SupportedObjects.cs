using System.Collections.Frozen;

namespace SfHsSync.Engine.Metadata;

/// <summary>
/// Which Salesforce objects may sync with a HubSpot custom object: every custom object (API name ending in __c), and
/// the 123 standard objects below, no other.
/// </summary>
/// <remarks>
/// Where the list comes from: HubSpot's knowledge base article on its custom object sync with Salesforce (last updated
/// 2025-10-23) publishes the standard objects it accepts; the project keeps that list in its design notes
/// (SUPPORTED-OBJECTS.md) and ships it as docs/supported-objects.md, which a test compares with this set name by name.
/// Whether an object can be read incrementally, created, updated or deleted is not decided here from its name: the
/// engine reads the object's describe.
/// The standard objects HubSpot syncs through its own object sync (Account to companies, Contact and Lead to contacts,
/// Opportunity to deals...) are listed apart, so the message can say where they sync instead.
/// </remarks>
public static class SupportedObjects
{
    /// <summary>Where users read the whole list (SF003 points there rather than naming 123 objects).</summary>
    public const string ListDocument = "docs/supported-objects.md";

    /// <summary>Salesforce standard objects HubSpot's custom object sync accepts, as HubSpot lists them.</summary>
    public static FrozenSet<string> StandardObjects { get; } = new[]
    {
        "AcceptedEventRelation", "AccountContactRole", "AccountContactRelation", "AccountPartner", "ActionLinkGroupTemplate", "ActionLinkTemplate",
        "AdditionalNumber", "Asset", "AssetRelationship", "AssignedResource", "AssociatedLocation", "BusinessProcess",
        "CallCenter", "Campaign", "CampaignMember", "CampaignMemberStatus", "CaseComment", "CaseContactRole",
        "CaseMilestone", "CaseSolution", "CaseStatus", "CaseTeamMember", "CaseTeamRole", "CaseTeamTemplate",
        "CaseTeamTemplateMember", "CaseTeamTemplateRecord", "CategoryData", "CategoryNode", "ClientBrowser", "CollaborationGroup",
        "CollaborationGroupMember", "CollaborationGroupMemberRequest", "CollaborationGroupRecord", "CollaborationInvitation", "Community", "Contract",
        "ContractContactRole", "ContractLineItem", "ContractStatus", "DeclinedEventRelation", "EmailMessage", "EmailMessageRelation",
        "EmailServicesAddress", "EmailServicesFunction", "EmailTemplate", "Entitlement", "EntitlementContact", "EntitlementTemplate",
        "EntityMilestone", "EntitySubscription", "EventRelation", "Holiday", "Idea", "IdeaComment",
        "KnowledgeableUser", "LeadStatus", "ListEmail", "ListEmailRecipientSource", "ListEmailShare", "Location",
        "MailmergeTemplate", "MessagingChannel", "MessagingEndUser", "MessagingLink", "MessagingSession", "MilestoneType",
        "Note", "OperatingHours", "OpportunityCompetitor", "OpportunityContactRole", "OpportunityLineItem", "OpportunityPartner",
        "OpportunitySplit", "OpportunityStage", "Order", "OrderItem", "OrgWideEmailAddress", "Partner",
        "PartnerRole", "Period", "Pricebook2", "PricebookEntry", "ProcessDefinition", "ProcessInstance",
        "ProcessInstanceNode", "ProcessInstanceStep", "ProcessInstanceWorkitem", "ProcessNode", "Product2", "ProductEntitlementTemplate",
        "QuickText", "RecordType", "ResourceAbsence", "ResourcePreference", "SearchPromotionRule", "ServiceAppointment",
        "ServiceAppointmentStatus", "ServiceContract", "ServiceResource", "ServiceResourceSkill", "ServiceTerritory", "ServiceTerritoryMember",
        "Site", "Skill", "SkillRequirement", "SlaProcess", "Solution", "SolutionStatus",
        "Stamp", "StampAssignment", "TaskPriority", "TaskStatus", "TimeSlot", "TodayGoal",
        "Topic", "TopicAssignment", "UndecidedEventRelation", "Vote", "WorkOrder", "WorkOrderLineItem",
        "WorkOrderLineItemStatus", "WorkOrderStatus", "WorkType",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Salesforce standard objects that HubSpot's Salesforce integration syncs to its own objects, and to which.</summary>
    public static FrozenDictionary<string, string> NativelySynced { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Account"] = "companies",
        ["Contact"] = "contacts",
        ["Lead"] = "contacts",
        ["Opportunity"] = "deals",
        ["Case"] = "tickets",
        ["Task"] = "tasks",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The suffix of custom object API names; other custom suffixes (__mdt, __e, __b, __x) are not records a sync keeps.</summary>
    public const string CustomObjectSuffix = "__c";

    /// <summary>True when <paramref name="objectName"/> may be mapped to a HubSpot custom object.</summary>
    public static bool IsSupported(string objectName, bool custom)
    {
        ArgumentNullException.ThrowIfNull(objectName);
        return custom
            ? objectName.EndsWith(CustomObjectSuffix, StringComparison.OrdinalIgnoreCase)
            : StandardObjects.Contains(objectName);
    }

    /// <summary>The supported standard object whose name is nearest to a mistyped one (at most two edits away), or null.</summary>
    public static string? Nearest(string objectName)
    {
        ArgumentNullException.ThrowIfNull(objectName);
        return StandardObjects
            .Select(n => (Name: n, Distance: EditDistance(n.ToUpperInvariant(), objectName.ToUpperInvariant())))
            .Where(c => c.Distance is > 0 and <= 2)
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
