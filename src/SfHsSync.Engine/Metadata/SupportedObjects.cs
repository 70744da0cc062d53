using System.Collections.Frozen;

namespace SfHsSync.Engine.Metadata;

/// <summary>
/// Which Salesforce objects may sync with a HubSpot custom object: every custom object (API name ending in __c), and
/// the standard objects below.
/// </summary>
/// <remarks>
/// Where the list comes from: HubSpot's knowledge base article "Sync custom objects between HubSpot and Salesforce"
/// (knowledge.hubspot.com/salesforce/set-up-and-use-salesforce-custom-object-sync) describes custom object sync for
/// custom objects and a short list of standard ones; its notes on campaigns ("a sync is not triggered when a Salesforce
/// record is removed from a campaign") are about Campaign and CampaignMember. The copies of the article we could read
/// did not carry the full table, so this list is the one the project's seed (DEMO-SEED.md) fixes: Campaign,
/// CampaignMember, Order, Product2 and RecordType. Add a name here when HubSpot documents another one.
/// The standard objects HubSpot syncs through its own object sync (Account to companies, Contact and Lead to contacts,
/// Opportunity to deals...) are listed apart, so the message can say where they sync instead.
/// </remarks>
public static class SupportedObjects
{
    /// <summary>Salesforce standard objects HubSpot's custom object sync accepts.</summary>
    public static FrozenSet<string> StandardObjects { get; } =
        new[] { "Campaign", "CampaignMember", "Order", "Product2", "RecordType" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

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
}
