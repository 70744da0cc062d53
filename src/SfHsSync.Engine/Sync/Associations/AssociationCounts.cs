namespace SfHsSync.Engine.Sync.Associations;

/// <summary>What one pass (or import) did to associations.</summary>
public sealed record AssociationCounts
{
    /// <summary>Associations created in HubSpot.</summary>
    public long Created { get; init; }

    /// <summary>Associations removed in HubSpot (lookups changed or cleared).</summary>
    public long Archived { get; init; }

    /// <summary>Lookups whose target does not sync yet; they are retried every pass.</summary>
    public long Waiting { get; init; }

    /// <summary>Salesforce lookups written from HubSpot association changes (two-way).</summary>
    public long UpdatedInSalesforce { get; init; }

    /// <summary>Associations HubSpot or Salesforce refused, or HubSpot changes that could not be carried; each was reported.</summary>
    public long Failed { get; init; }

    public long Conflicts { get; init; }

    public static AssociationCounts operator +(AssociationCounts a, AssociationCounts b) => new()
    {
        Created = a.Created + b.Created,
        Archived = a.Archived + b.Archived,
        Waiting = a.Waiting + b.Waiting,
        UpdatedInSalesforce = a.UpdatedInSalesforce + b.UpdatedInSalesforce,
        Failed = a.Failed + b.Failed,
        Conflicts = a.Conflicts + b.Conflicts,
    };

    public override string ToString() => $"{Created} created, {Archived} archived, {Waiting} waiting, {UpdatedInSalesforce} written to Salesforce, {Failed} failed";
}
