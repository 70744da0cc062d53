namespace SfHsSync.Engine.HubSpot;

/// <summary>An association to create between two records.</summary>
public sealed record HubSpotAssociationInput(string FromId, string ToId, HubSpotAssociationType Type);

/// <summary>Associations to remove: every association of any type from one record to the records named.</summary>
public sealed record HubSpotAssociationRemoval(string FromId, IReadOnlyList<string> ToIds);

/// <summary>What links one record to another, as associations batch/read reports it.</summary>
public sealed record HubSpotAssociationLink(string FromId, string ToId, IReadOnlyList<HubSpotAssociationType> Types);

/// <summary>The outcome of one association input, at its position in the list given.</summary>
public sealed record HubSpotAssociationResult(int Index, HubSpotAssociationInput Input, HubSpotRecordError? Error)
{
    public bool Success => Error is null;
}
