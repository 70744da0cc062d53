using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.Mapping;

/// <summary>
/// One Salesforce field synced with one HubSpot property, and the direction its changes may travel.
/// Compares by value; <see cref="Source"/> is where it was read from and is not part of equality.
/// </summary>
public sealed record FieldMapping
{
    public FieldMapping(string salesforceField, string hubSpotProperty, SyncDirection direction = SyncDirection.TwoWay, MappingSource? source = null)
    {
        SalesforceField = SalesforceName.Check(salesforceField, "Salesforce field");
        HubSpotProperty = HubSpotName.CheckProperty(hubSpotProperty, "HubSpot property");
        Direction = MappingEnums.Check(direction, "field direction");
        Source = source;
    }

    /// <summary>The Salesforce field's API name, e.g. Amount__c.</summary>
    public string SalesforceField { get; }

    /// <summary>The HubSpot property's internal name, e.g. amount.</summary>
    public string HubSpotProperty { get; }

    /// <summary>Where changes to this field may travel; None keeps the pair mapped but unsynced.</summary>
    public SyncDirection Direction { get; }

    /// <summary>Where this field mapping was read from, when it came from a file.</summary>
    public MappingSource? Source { get; }

    public bool Equals(FieldMapping? other)
        => other is not null
           && string.Equals(SalesforceField, other.SalesforceField, StringComparison.Ordinal)
           && string.Equals(HubSpotProperty, other.HubSpotProperty, StringComparison.Ordinal)
           && Direction == other.Direction;

    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(SalesforceField), StringComparer.Ordinal.GetHashCode(HubSpotProperty), Direction);

    /// <summary>"Amount__c -> amount": the arrow shows where changes travel.</summary>
    public override string ToString() => $"{SalesforceField} {MappingEnums.Arrow(Direction)} {HubSpotProperty}";

    /// <summary>The text used to name this field mapping in errors: itself, and where it came from when known.</summary>
    internal string Describe() => Source is null ? $"'{this}'" : $"'{this}' ({Source})";
}
