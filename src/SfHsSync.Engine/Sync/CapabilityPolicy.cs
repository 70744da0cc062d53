using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Metadata;
using SfHsSync.Engine.Sync.Values;

namespace SfHsSync.Engine.Sync;

/// <summary>
/// A mapping's rules narrowed to what the Salesforce object's describe allows (Test-SyncMapping says each narrowing up
/// front, rules SF004 to SF007 and FD013): no create toward Salesforce when the object is not createable, no delete
/// toward it when it is not deletable (the HubSpot archive then only forgets the link), and no update of a field a
/// create alone may fill (every field of an object that is not updateable).
/// </summary>
internal static class CapabilityPolicy
{
    public static ReconcilePolicy Narrow(ReconcilePolicy policy, ObjectCapabilities capabilities, IReadOnlyList<FieldConverter> converters)
        => policy with
        {
            CreateDirection = capabilities.Createable ? policy.CreateDirection : WithoutSalesforce(policy.CreateDirection),
            DeleteDirection = capabilities.Deletable ? policy.DeleteDirection : WithoutSalesforce(policy.DeleteDirection),
            CreateOnlyInSalesforce = converters.Where(c => c.Salesforce.Createable && capabilities.IsCreateOnly(c.Salesforce.Name))
                .Select(c => c.Key).ToHashSet(StringComparer.Ordinal),
        };

    /// <summary>The direction with Salesforce taken out as a target: two-way becomes Salesforce to HubSpot, HubSpot to Salesforce becomes none.</summary>
    public static SyncDirection WithoutSalesforce(SyncDirection direction) => direction switch
    {
        SyncDirection.TwoWay => SyncDirection.SalesforceToHubSpot,
        SyncDirection.HubSpotToSalesforce => SyncDirection.None,
        var d => d,
    };
}
