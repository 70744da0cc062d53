using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Metadata;
using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Engine.Validation;

/// <summary>What a rule sees: one mapping, the set it is tested with, and both sides' metadata for it.</summary>
public sealed class MappingCheck
{
    public MappingCheck(SyncMapping mapping, int index, IReadOnlyList<SyncMapping> set, SchemaSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(snapshot);
        Mapping = mapping;
        Index = index;
        Set = set;
        Snapshot = snapshot;
        SalesforceSummary = snapshot.FindSalesforceObject(mapping.SalesforceObject);
        SalesforceObject = snapshot.DescribeSalesforceObject(mapping.SalesforceObject);
        HubSpotObject = snapshot.FindHubSpotObject(mapping.HubSpotObject);
        Capabilities = SalesforceObject is { } described ? ObjectCapabilities.Of(described) : null;
    }

    /// <summary>What the Salesforce object's describe lets a sync do, or null when it does not exist.</summary>
    public ObjectCapabilities? Capabilities { get; }

    public SyncMapping Mapping { get; }

    /// <summary>The mapping's position in the set, from 0.</summary>
    public int Index { get; }

    /// <summary>Every mapping tested or run together with this one (this one included).</summary>
    public IReadOnlyList<SyncMapping> Set { get; }

    public SchemaSnapshot Snapshot { get; }

    /// <summary>The Salesforce object as the global describe lists it, or null when the org has none of that name.</summary>
    public SalesforceObjectSummary? SalesforceSummary { get; }

    /// <summary>The Salesforce object's describe, or null when it does not exist.</summary>
    public SalesforceObjectDescription? SalesforceObject { get; }

    /// <summary>The HubSpot object, or null when the account has none of that name.</summary>
    public HubSpotObjectSchema? HubSpotObject { get; }

    /// <summary>True when the mapping creates records in HubSpot (for Salesforce records it has not seen).</summary>
    public bool CreatesInHubSpot => TravelsToHubSpot(Mapping.CreateDirection);

    /// <summary>
    /// True when the mapping creates records in Salesforce (for HubSpot records it has not seen): its create direction
    /// says so and the object can be created (else the sync creates nothing there, which SF007 says).
    /// </summary>
    public bool CreatesInSalesforce => TravelsToSalesforce(Mapping.CreateDirection) && Capabilities?.Createable != false;

    public static bool TravelsToHubSpot(SyncDirection direction) => direction is SyncDirection.SalesforceToHubSpot or SyncDirection.TwoWay;

    public static bool TravelsToSalesforce(SyncDirection direction) => direction is SyncDirection.HubSpotToSalesforce or SyncDirection.TwoWay;

    public SalesforceFieldDescription? FieldOf(FieldMapping field) => SalesforceObject?.FindField(field.SalesforceField);

    public HubSpotPropertyDescription? PropertyOf(FieldMapping field) => HubSpotObject?.FindProperty(field.HubSpotProperty);

    /// <summary>Where a field mapping came from, else where its mapping did.</summary>
    public MappingSource? SourceOf(FieldMapping field) => field.Source ?? Mapping.Source;

    public MappingSource? SourceOf(AssociationMapping association) => association.Source ?? Mapping.Source;
}
