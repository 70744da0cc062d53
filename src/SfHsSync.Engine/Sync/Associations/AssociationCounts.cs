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

    /// <summary>Of those created, the ones that replaced an association removed from the same record (the lookup moved).</summary>
    public long Moved { get; init; }

    /// <summary>Of those archived, the ones no new association replaced (the lookup was cleared).</summary>
    public long Removed { get; init; }

    /// <summary>The run's share of these counts, as Get-SyncRun keeps them: created (new), moved, removed, waiting, failed.</summary>
    public State.SyncRunCounts ToRunCounts() => new()
    {
        AssociationsCreated = Created - Moved,
        AssociationsMoved = Moved,
        AssociationsRemoved = Removed,
        AssociationsWaiting = Waiting,
        AssociationsFailed = Failed,
    };

    public static AssociationCounts operator +(AssociationCounts a, AssociationCounts b) => new()
    {
        Created = a.Created + b.Created,
        Archived = a.Archived + b.Archived,
        Waiting = a.Waiting + b.Waiting,
        UpdatedInSalesforce = a.UpdatedInSalesforce + b.UpdatedInSalesforce,
        Failed = a.Failed + b.Failed,
        Conflicts = a.Conflicts + b.Conflicts,
        Moved = a.Moved + b.Moved,
        Removed = a.Removed + b.Removed,
    };

    public override string ToString() => $"{Created} created, {Archived} archived, {Waiting} waiting, {UpdatedInSalesforce} written to Salesforce, {Failed} failed";
}
