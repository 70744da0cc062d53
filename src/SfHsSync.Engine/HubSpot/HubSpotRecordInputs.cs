namespace SfHsSync.Engine.HubSpot;

/// <summary>A record to create, with associations made in the same call.</summary>
public sealed record HubSpotCreateInput(IReadOnlyDictionary<string, string> Properties)
{
    public IReadOnlyList<HubSpotAssociationTarget> Associations { get; init; } = Array.Empty<HubSpotAssociationTarget>();
}

/// <summary>An existing record to change, named by its id (or by the value of the call's idProperty).</summary>
public sealed record HubSpotUpdateInput(string Id, IReadOnlyDictionary<string, string> Properties);

/// <summary>A record to create or update, named by the value of a unique-value property.</summary>
public sealed record HubSpotUpsertInput(string IdValue, IReadOnlyDictionary<string, string> Properties);

/// <summary>A record to associate with, when creating: the other record's id and the association type.</summary>
public sealed record HubSpotAssociationTarget(string ToId, HubSpotAssociationType Type);
