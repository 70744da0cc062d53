using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.Mapping;

/// <summary>
/// A Salesforce lookup field synced as a HubSpot association. The target record is found either through another
/// mapping's links (<see cref="Via"/>) or through a HubSpot property on the target that holds the Salesforce Id
/// (<see cref="TargetIdProperty"/>): exactly one of the two. The association type is given by label or by id, or
/// left to the default type. Compares by value; <see cref="Source"/> is not part of equality.
/// </summary>
public sealed record AssociationMapping
{
    public const string TargetErrorId = "AssociationMappingTargetInvalid";
    public const string TypeErrorId = "AssociationMappingTypeInvalid";
    public const string DirectionErrorId = "AssociationMappingDirectionInvalid";
    public const int MaxLabelLength = 100;

    public AssociationMapping(
        string salesforceField,
        string hubSpotObject,
        string? via = null,
        string? targetIdProperty = null,
        string? associationLabel = null,
        int? associationTypeId = null,
        SyncDirection direction = SyncDirection.SalesforceToHubSpot,
        MappingSource? source = null)
    {
        SalesforceField = SalesforceName.Check(salesforceField, "association's lookup field");
        HubSpotObject = HubSpotName.CheckObject(hubSpotObject, "association's target object");
        var where = $"the association on '{SalesforceField}'";

        if ((via is null) == (targetIdProperty is null))
        {
            throw new SyncException(
                TargetErrorId,
                SyncErrorKind.InvalidArgument,
                via is null
                    ? $"{Capitalize(where)} says neither how to find the target record: give Via (the mapping whose links find it) or TargetIdProperty (a property on {HubSpotObject} holding the Salesforce Id)."
                    : $"{Capitalize(where)} gives both Via '{via}' and TargetIdProperty '{targetIdProperty}': give exactly one.",
                salesforceField);
        }

        Via = via is null ? null : SyncMappingName.Check(via, $"Via mapping of {where}");
        TargetIdProperty = targetIdProperty is null ? null : HubSpotName.CheckProperty(targetIdProperty, $"target id property of {where}");

        if (associationLabel is not null && associationTypeId is not null)
        {
            throw new SyncException(TypeErrorId, SyncErrorKind.InvalidArgument, $"{Capitalize(where)} gives both AssociationLabel '{associationLabel}' and AssociationTypeId {associationTypeId}: give at most one.", salesforceField);
        }

        if (associationTypeId is <= 0)
        {
            throw new SyncException(TypeErrorId, SyncErrorKind.InvalidArgument, $"{Capitalize(where)} has AssociationTypeId {associationTypeId}; HubSpot association type ids are positive numbers.", associationTypeId);
        }

        AssociationLabel = associationLabel is null ? null : CheckLabel(associationLabel, where);
        AssociationTypeId = associationTypeId;

        if (direction is not (SyncDirection.SalesforceToHubSpot or SyncDirection.TwoWay))
        {
            throw new SyncException(DirectionErrorId, SyncErrorKind.InvalidArgument, $"{Capitalize(where)} has direction {direction}; an association syncs SalesforceToHubSpot or TwoWay.", direction);
        }

        Direction = direction;
        Source = source;
    }

    /// <summary>The Salesforce lookup field's API name, e.g. Account__c.</summary>
    public string SalesforceField { get; }

    /// <summary>The HubSpot object the association points to, e.g. companies.</summary>
    public string HubSpotObject { get; }

    /// <summary>The name of the mapping whose links find the target record, or null.</summary>
    public string? Via { get; }

    /// <summary>A HubSpot property on the target object holding the Salesforce Id (e.g. salesforceaccountid), or null.</summary>
    public string? TargetIdProperty { get; }

    /// <summary>The association label to use, or null.</summary>
    public string? AssociationLabel { get; }

    /// <summary>The association type id to use, or null.</summary>
    public int? AssociationTypeId { get; }

    /// <summary>SalesforceToHubSpot (the default) or TwoWay.</summary>
    public SyncDirection Direction { get; }

    /// <summary>Where this association was read from, when it came from a file.</summary>
    public MappingSource? Source { get; }

    public bool Equals(AssociationMapping? other)
        => other is not null
           && string.Equals(SalesforceField, other.SalesforceField, StringComparison.Ordinal)
           && string.Equals(HubSpotObject, other.HubSpotObject, StringComparison.Ordinal)
           && string.Equals(Via, other.Via, StringComparison.Ordinal)
           && string.Equals(TargetIdProperty, other.TargetIdProperty, StringComparison.Ordinal)
           && string.Equals(AssociationLabel, other.AssociationLabel, StringComparison.Ordinal)
           && AssociationTypeId == other.AssociationTypeId
           && Direction == other.Direction;

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(SalesforceField, StringComparer.Ordinal);
        hash.Add(HubSpotObject, StringComparer.Ordinal);
        hash.Add(Via, StringComparer.Ordinal);
        hash.Add(TargetIdProperty, StringComparer.Ordinal);
        hash.Add(AssociationLabel, StringComparer.Ordinal);
        hash.Add(AssociationTypeId);
        hash.Add(Direction);
        return hash.ToHashCode();
    }

    /// <summary>"Account__c -> companies via Accounts" or "Account__c -> companies by salesforceaccountid".</summary>
    public override string ToString()
        => $"{SalesforceField} {MappingEnums.Arrow(Direction)} {HubSpotObject} " + (Via is not null ? $"via {Via}" : $"by {TargetIdProperty}");

    internal string Describe() => Source is null ? $"'{this}'" : $"'{this}' ({Source})";

    private static string CheckLabel(string label, string where)
    {
        string? problem = null;
        if (label.Length == 0 || string.IsNullOrWhiteSpace(label))
        {
            problem = "it is empty";
        }
        else if (label.Length > MaxLabelLength)
        {
            problem = $"it is {label.Length} characters long; the most is {MaxLabelLength}";
        }
        else if (char.IsWhiteSpace(label[0]) || char.IsWhiteSpace(label[^1]))
        {
            problem = "it starts or ends with a space";
        }
        else if (label.Any(char.IsControl))
        {
            problem = $"it contains the control character U+{(int)label.First(char.IsControl):X4}";
        }

        return problem is null
            ? label
            : throw new SyncException(TypeErrorId, SyncErrorKind.InvalidArgument, $"The association label '{label}' of {where} is not valid: {problem}.", label);
    }

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
