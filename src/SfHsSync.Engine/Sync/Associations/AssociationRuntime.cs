using SfHsSync.Engine.Errors;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Sync.Associations;

/// <summary>
/// One association mapping with what a pass needs resolved from live metadata: the lookup field as Salesforce
/// describes it, the HubSpot object types at both ends and the association type every create uses.
/// </summary>
public sealed class AssociationRuntime
{
    private AssociationRuntime(AssociationMapping mapping, SalesforceFieldDescription lookup, string fromObjectType, HubSpotObjectSchema target, HubSpotAssociationType type)
    {
        Mapping = mapping;
        Lookup = lookup;
        FromObjectType = fromObjectType;
        Target = target;
        Type = type;
    }

    public AssociationMapping Mapping { get; }

    /// <summary>The lookup field as described (its API name in Salesforce's own case, what it references).</summary>
    public SalesforceFieldDescription Lookup { get; }

    /// <summary>The synced object's objectTypeId: associations go from its records.</summary>
    public string FromObjectType { get; }

    /// <summary>The HubSpot object the lookup's targets live in.</summary>
    public HubSpotObjectSchema Target { get; }

    public string ToObjectType => Target.ObjectTypeId;

    /// <summary>The association type created and looked for.</summary>
    public HubSpotAssociationType Type { get; }

    /// <summary>The lookup field's name, the key of its association rows and conflicts.</summary>
    public string Field => Lookup.Name;

    public bool TwoWay => Mapping.Direction == SyncDirection.TwoWay;

    /// <summary>Resolves every association of a mapping: one schema read per target object and one labels read per pair of objects.</summary>
    public static async Task<IReadOnlyList<AssociationRuntime>> ResolveAllAsync(MappingRuntime runtime, HubSpotClient hubSpot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(hubSpot);
        var resolved = new List<AssociationRuntime>(runtime.Mapping.Associations.Count);
        foreach (var association in runtime.Mapping.Associations)
        {
            resolved.Add(await ResolveAsync(runtime, association, hubSpot, cancellationToken).ConfigureAwait(false));
        }

        return resolved;
    }

    private static async Task<AssociationRuntime> ResolveAsync(MappingRuntime runtime, AssociationMapping association, HubSpotClient hubSpot, CancellationToken cancellationToken)
    {
        var mapping = runtime.Mapping;
        var lookup = runtime.Salesforce.FindField(association.SalesforceField)
            ?? throw new SyncException("AssociationFieldNotFound", SyncErrorKind.ObjectNotFound,
                $"Mapping '{mapping.Name}': the association's lookup field {mapping.SalesforceObject}.{association.SalesforceField} does not exist.", association.SalesforceField);
        if (!lookup.IsReference)
        {
            throw new SyncException("AssociationFieldNotLookup", SyncErrorKind.InvalidArgument,
                $"Mapping '{mapping.Name}': {mapping.SalesforceObject}.{lookup.Name} is a {lookup.Type} field, not a lookup; only lookups sync as associations.", lookup.Name);
        }

        var target = await hubSpot.GetSchemaAsync(association.HubSpotObject, cancellationToken).ConfigureAwait(false);
        var types = await hubSpot.GetAssociationTypesAsync(runtime.HubSpotObjectType, target.ObjectTypeId, cancellationToken).ConfigureAwait(false);
        return new AssociationRuntime(association, lookup, runtime.HubSpotObjectType, target, ChooseType(mapping, association, types, target.Name));
    }

    /// <summary>The type asked for by id or label, else the unlabeled type between the two objects.</summary>
    internal static HubSpotAssociationType ChooseType(SyncMapping mapping, AssociationMapping association, IReadOnlyList<HubSpotAssociationType> types, string targetName)
    {
        var chosen = association.AssociationTypeId is { } id
            ? types.FirstOrDefault(t => t.TypeId == id)
            : association.AssociationLabel is { } label
                ? types.FirstOrDefault(t => string.Equals(t.Label, label, StringComparison.OrdinalIgnoreCase))
                : types.Where(t => t.Label is null).OrderBy(t => t.TypeId).FirstOrDefault();
        if (chosen is not null)
        {
            return chosen;
        }

        var asked = association.AssociationTypeId is { } typeId ? $"type id {typeId}" : association.AssociationLabel is { } l ? $"label '{l}'" : "an unlabeled type";
        var known = types.Count == 0 ? "none is defined" : "defined: " + string.Join(", ", types.Select(t => t.Label is null ? $"{t.TypeId}" : $"{t.TypeId} '{t.Label}'"));
        throw new SyncException("AssociationTypeNotFound", SyncErrorKind.ObjectNotFound,
            $"Mapping '{mapping.Name}': no association {asked} goes from {mapping.HubSpotObject} to {targetName} ({known}).", association.ToString())
        {
            RecommendedAction = "Run Test-SyncMapping; define the association in HubSpot or name one of the defined types.",
        };
    }

    public override string ToString() => $"{Field} -> {Target.Name} (type {Type.TypeId})";
}
