using System.Collections.ObjectModel;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.Mapping;

/// <summary>
/// Which Salesforce object syncs with which HubSpot object, field by field, with the rules for conflicts, creates,
/// deletes and associations. Immutable: <see cref="AddField"/>, <see cref="AddAssociation"/>, <see cref="WithField"/>,
/// <see cref="WithoutField"/>, <see cref="WithoutAssociation"/>, <see cref="WithRules"/> and <see cref="WithStatus"/>
/// return a new mapping, checked as a new one would be.
/// Every name is checked on construction, and no field or lookup is mapped twice. Compares by value, lists element by
/// element; <see cref="Source"/> (where it was read from) is not part of equality.
/// </summary>
public sealed record SyncMapping
{
    public const string FieldDuplicateErrorId = "FieldMappingDuplicate";
    public const string AssociationDuplicateErrorId = "AssociationMappingDuplicate";
    public const string FieldNotFoundErrorId = "FieldMappingNotFound";
    public const string AssociationNotFoundErrorId = "AssociationMappingNotFound";
    public const string FieldKeyMissingErrorId = "FieldMappingKeyMissing";

    public SyncMapping(
        string name,
        string salesforceObject,
        string hubSpotObject,
        ConflictWinner conflictWinner = ConflictWinner.Salesforce,
        SyncDirection createDirection = SyncDirection.SalesforceToHubSpot,
        SyncDirection deleteDirection = SyncDirection.None,
        string? salesforceIdProperty = null,
        string? hubSpotIdField = null,
        MappingStatus status = MappingStatus.Active,
        IEnumerable<FieldMapping>? fields = null,
        IEnumerable<AssociationMapping>? associations = null,
        MappingSource? source = null)
    {
        Name = SyncMappingName.Check(name);
        SalesforceObject = SalesforceName.Check(salesforceObject, "Salesforce object");
        HubSpotObject = HubSpotName.CheckObject(hubSpotObject, "HubSpot object");
        ConflictWinner = MappingEnums.Defined(conflictWinner, "conflict winner");
        CreateDirection = MappingEnums.Defined(createDirection, "create direction");
        DeleteDirection = MappingEnums.Defined(deleteDirection, "delete direction");
        SalesforceIdProperty = salesforceIdProperty is null ? null : HubSpotName.CheckProperty(salesforceIdProperty, "property holding the Salesforce Id");
        HubSpotIdField = hubSpotIdField is null ? null : SalesforceName.Check(hubSpotIdField, "external ID field holding the HubSpot id");
        Status = MappingEnums.Defined(status, "mapping status");
        Source = source;

        var fieldList = (fields ?? []).ToArray();
        if (Array.IndexOf(fieldList, null) >= 0)
        {
            throw new SyncException("FieldMappingNull", SyncErrorKind.InvalidArgument, $"Mapping '{Name}' was given an empty (null) field mapping.", Name);
        }

        var associationList = (associations ?? []).ToArray();
        if (Array.IndexOf(associationList, null) >= 0)
        {
            throw new SyncException("AssociationMappingNull", SyncErrorKind.InvalidArgument, $"Mapping '{Name}' was given an empty (null) association mapping.", Name);
        }

        RefuseDuplicateFields(fieldList);
        RefuseDuplicateAssociations(associationList);
        Fields = Array.AsReadOnly(fieldList);
        Associations = Array.AsReadOnly(associationList);
    }

    /// <summary>The mapping's own name, e.g. "Invoices"; other mappings' associations refer to it (Via).</summary>
    public string Name { get; }

    /// <summary>The Salesforce object's API name, e.g. Invoice__c.</summary>
    public string SalesforceObject { get; }

    /// <summary>The HubSpot object: name, objectTypeId or fully qualified name.</summary>
    public string HubSpotObject { get; }

    /// <summary>Which side wins a field changed on both sides (default Salesforce).</summary>
    public ConflictWinner ConflictWinner { get; }

    /// <summary>Where new records are created (default SalesforceToHubSpot).</summary>
    public SyncDirection CreateDirection { get; }

    /// <summary>Where deletes travel (default None).</summary>
    public SyncDirection DeleteDirection { get; }

    /// <summary>The HubSpot unique-value property holding the Salesforce Id, or null.</summary>
    public string? SalesforceIdProperty { get; }

    /// <summary>The Salesforce external ID field holding the HubSpot id, or null.</summary>
    public string? HubSpotIdField { get; }

    /// <summary>Active, or SavedForLater (kept but not synced until activated).</summary>
    public MappingStatus Status { get; }

    public ReadOnlyCollection<FieldMapping> Fields { get; }

    public ReadOnlyCollection<AssociationMapping> Associations { get; }

    /// <summary>Where this mapping was read from, when it came from a file; kept by AddField and AddAssociation.</summary>
    public MappingSource? Source { get; }

    /// <summary>A new mapping with <paramref name="field"/> added; FieldMappingDuplicate when its field or property is already mapped.</summary>
    public SyncMapping AddField(FieldMapping field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Rebuild(Fields.Append(field), Associations, Status);
    }

    public SyncMapping AddField(string salesforceField, string hubSpotProperty, SyncDirection direction = SyncDirection.TwoWay)
        => AddField(new FieldMapping(salesforceField, hubSpotProperty, direction));

    /// <summary>A new mapping with <paramref name="association"/> added; AssociationMappingDuplicate when its lookup field already has one.</summary>
    public SyncMapping AddAssociation(AssociationMapping association)
    {
        ArgumentNullException.ThrowIfNull(association);
        return Rebuild(Fields, Associations.Append(association), Status);
    }

    /// <summary>A new mapping with the given status (activate, or save for later).</summary>
    public SyncMapping WithStatus(MappingStatus status) => Rebuild(Fields, Associations, status);

    /// <summary>The field mapping of a Salesforce field (matched case-insensitively, as SOQL does); FieldMappingNotFound when there is none.</summary>
    public FieldMapping FieldForSalesforce(string salesforceField)
    {
        ArgumentNullException.ThrowIfNull(salesforceField);
        return Fields.FirstOrDefault(f => string.Equals(f.SalesforceField, salesforceField, StringComparison.OrdinalIgnoreCase))
            ?? throw FieldNotFound($"the Salesforce field '{salesforceField}'", salesforceField, Fields.Select(f => f.SalesforceField));
    }

    /// <summary>The field mapping of a HubSpot property; FieldMappingNotFound when there is none.</summary>
    public FieldMapping FieldForHubSpot(string hubSpotProperty)
    {
        ArgumentNullException.ThrowIfNull(hubSpotProperty);
        return Fields.FirstOrDefault(f => string.Equals(f.HubSpotProperty, hubSpotProperty, StringComparison.Ordinal))
            ?? throw FieldNotFound($"the HubSpot property '{hubSpotProperty}'", hubSpotProperty, Fields.Select(f => f.HubSpotProperty));
    }

    /// <summary>
    /// The field mapping named by its Salesforce field, its HubSpot property, or both (then both must name the same
    /// one); FieldMappingKeyMissing when neither is given, FieldMappingNotFound when none matches.
    /// </summary>
    public FieldMapping FieldFor(string? salesforceField, string? hubSpotProperty)
    {
        if (salesforceField is null && hubSpotProperty is null)
        {
            throw new SyncException(FieldKeyMissingErrorId, SyncErrorKind.InvalidArgument, $"Name the field mapping of '{Name}' by its Salesforce field, its HubSpot property, or both.", Name);
        }

        var bySalesforce = salesforceField is null ? null : FieldForSalesforce(salesforceField);
        var byHubSpot = hubSpotProperty is null ? null : FieldForHubSpot(hubSpotProperty);
        if (bySalesforce is not null && byHubSpot is not null && !ReferenceEquals(bySalesforce, byHubSpot))
        {
            throw FieldNotFound(
                $"'{salesforceField}' with '{hubSpotProperty}' ('{bySalesforce.SalesforceField}' maps to '{bySalesforce.HubSpotProperty}', and '{byHubSpot.HubSpotProperty}' to '{byHubSpot.SalesforceField}')",
                salesforceField!,
                Fields.Select(f => f.ToString()));
        }

        return bySalesforce ?? byHubSpot!;
    }

    /// <summary>The association mapping of a Salesforce lookup field; AssociationMappingNotFound when there is none.</summary>
    public AssociationMapping AssociationFor(string salesforceField)
    {
        ArgumentNullException.ThrowIfNull(salesforceField);
        return Associations.FirstOrDefault(a => string.Equals(a.SalesforceField, salesforceField, StringComparison.OrdinalIgnoreCase))
            ?? throw new SyncException(
                AssociationNotFoundErrorId,
                SyncErrorKind.ObjectNotFound,
                $"Mapping '{Name}' has no association mapping on the lookup field '{salesforceField}'; {Listed("its associations are on", Associations.Select(a => a.SalesforceField))}.",
                salesforceField)
            {
                RecommendedAction = "Name a lookup field the mapping has an association for (see the mapping's Associations), or add one with Add-AssociationMapping.",
            };
    }

    /// <summary>
    /// A new mapping with <paramref name="existing"/> replaced, in the same place, by <paramref name="replacement"/>;
    /// FieldMappingNotFound when <paramref name="existing"/> is not one of this mapping's fields, FieldMappingDuplicate
    /// when the replacement's field or property is mapped by another field.
    /// </summary>
    public SyncMapping WithField(FieldMapping existing, FieldMapping replacement)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(replacement);
        var index = IndexOf(existing);
        return Rebuild(Fields.Select((f, i) => i == index ? replacement : f), Associations, Status);
    }

    /// <summary>A new mapping without <paramref name="field"/>; FieldMappingNotFound when it is not one of this mapping's fields.</summary>
    public SyncMapping WithoutField(FieldMapping field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var index = IndexOf(field);
        return Rebuild(Fields.Where((_, i) => i != index), Associations, Status);
    }

    /// <summary>A new mapping without the association on <paramref name="salesforceField"/>; AssociationMappingNotFound when it has none.</summary>
    public SyncMapping WithoutAssociation(string salesforceField)
    {
        var association = AssociationFor(salesforceField);
        return Rebuild(Fields, Associations.Where(a => !ReferenceEquals(a, association)), Status);
    }

    /// <summary>
    /// A new mapping with other mapping-level rules: the conflict winner, where creates and deletes travel, and the link
    /// keys (null leaves a mapping without that key). Every value is checked as a new mapping's is.
    /// </summary>
    public SyncMapping WithRules(ConflictWinner conflictWinner, SyncDirection createDirection, SyncDirection deleteDirection, string? salesforceIdProperty, string? hubSpotIdField)
        => new(Name, SalesforceObject, HubSpotObject, conflictWinner, createDirection, deleteDirection, salesforceIdProperty, hubSpotIdField, Status, Fields, Associations, Source);

    public bool Equals(SyncMapping? other)
        => other is not null
           && string.Equals(Name, other.Name, StringComparison.Ordinal)
           && string.Equals(SalesforceObject, other.SalesforceObject, StringComparison.Ordinal)
           && string.Equals(HubSpotObject, other.HubSpotObject, StringComparison.Ordinal)
           && ConflictWinner == other.ConflictWinner
           && CreateDirection == other.CreateDirection
           && DeleteDirection == other.DeleteDirection
           && string.Equals(SalesforceIdProperty, other.SalesforceIdProperty, StringComparison.Ordinal)
           && string.Equals(HubSpotIdField, other.HubSpotIdField, StringComparison.Ordinal)
           && Status == other.Status
           && Fields.SequenceEqual(other.Fields)
           && Associations.SequenceEqual(other.Associations);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name, StringComparer.Ordinal);
        hash.Add(SalesforceObject, StringComparer.Ordinal);
        hash.Add(HubSpotObject, StringComparer.Ordinal);
        hash.Add(ConflictWinner);
        hash.Add(CreateDirection);
        hash.Add(DeleteDirection);
        hash.Add(SalesforceIdProperty, StringComparer.Ordinal);
        hash.Add(HubSpotIdField, StringComparer.Ordinal);
        hash.Add(Status);
        foreach (var field in Fields)
        {
            hash.Add(field);
        }

        foreach (var association in Associations)
        {
            hash.Add(association);
        }

        return hash.ToHashCode();
    }

    /// <summary>"Invoices: Invoice__c <-> p12345678_invoices (3 fields, 1 association)".</summary>
    public override string ToString()
        => $"{Name}: {SalesforceObject} <-> {HubSpotObject} ({Count(Fields.Count, "field")}, {Count(Associations.Count, "association")}"
           + (Status == MappingStatus.SavedForLater ? ", saved for later)" : ")");

    private int IndexOf(FieldMapping field)
    {
        // By value first (a field read back from the mapping), then by its Salesforce field: a caller may hold an equal copy.
        var index = Fields.IndexOf(field);
        if (index < 0)
        {
            index = Fields.ToList().FindIndex(f => string.Equals(f.SalesforceField, field.SalesforceField, StringComparison.OrdinalIgnoreCase)
                                                   && string.Equals(f.HubSpotProperty, field.HubSpotProperty, StringComparison.Ordinal));
        }

        return index >= 0 ? index : throw FieldNotFound($"the field mapping {field.Describe()}", field, Fields.Select(f => f.ToString()));
    }

    private SyncException FieldNotFound(string what, object target, IEnumerable<string> mapped)
        => new(FieldNotFoundErrorId, SyncErrorKind.ObjectNotFound, $"Mapping '{Name}' has no field mapping for {what}; {Listed("its fields are", mapped)}.", target)
        {
            RecommendedAction = "Name a field the mapping already maps (see the mapping's Fields), or add it with Add-FieldMapping.",
        };

    private static string Listed(string lead, IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "it has none" : $"{lead} {string.Join(", ", list.Select(n => $"'{n}'"))}";
    }

    private SyncMapping Rebuild(IEnumerable<FieldMapping> fields, IEnumerable<AssociationMapping> associations, MappingStatus status)
        => new(Name, SalesforceObject, HubSpotObject, ConflictWinner, CreateDirection, DeleteDirection, SalesforceIdProperty, HubSpotIdField, status, fields, associations, Source);

    private void RefuseDuplicateFields(FieldMapping[] fields)
    {
        // Salesforce API names are case-insensitive (SOQL treats Amount__c and amount__c alike); HubSpot's are lowercase already.
        var bySalesforce = new Dictionary<string, FieldMapping>(StringComparer.OrdinalIgnoreCase);
        var byHubSpot = new Dictionary<string, FieldMapping>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (!bySalesforce.TryAdd(field.SalesforceField, field))
            {
                throw FieldDuplicate(bySalesforce[field.SalesforceField], field, $"Salesforce field '{field.SalesforceField}'");
            }

            if (!byHubSpot.TryAdd(field.HubSpotProperty, field))
            {
                throw FieldDuplicate(byHubSpot[field.HubSpotProperty], field, $"HubSpot property '{field.HubSpotProperty}'");
            }
        }
    }

    private SyncException FieldDuplicate(FieldMapping first, FieldMapping second, string what)
        => new(FieldDuplicateErrorId, SyncErrorKind.InvalidData, $"Mapping '{Name}' maps the {what} twice: {first.Describe()} and {second.Describe()}. Map each field and property once.", second)
        {
            RecommendedAction = "Remove one of the two field mappings.",
        };

    private void RefuseDuplicateAssociations(AssociationMapping[] associations)
    {
        var byField = new Dictionary<string, AssociationMapping>(StringComparer.OrdinalIgnoreCase);
        foreach (var association in associations)
        {
            if (!byField.TryAdd(association.SalesforceField, association))
            {
                var first = byField[association.SalesforceField];
                throw new SyncException(
                    AssociationDuplicateErrorId,
                    SyncErrorKind.InvalidData,
                    $"Mapping '{Name}' maps the lookup field '{association.SalesforceField}' to associations twice: {first.Describe()} and {association.Describe()}. A lookup syncs through one association.",
                    association)
                {
                    RecommendedAction = "Remove one of the two association mappings.",
                };
            }
        }
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
