using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Sync.Associations;

/// <summary>
/// What to do with one record's association: HubSpot associations to remove and to create, the Salesforce lookup to
/// write (two-way), the row to keep once that succeeded, a conflict settled, or a problem that stops it this pass.
/// </summary>
internal sealed record AssociationDecision(AssociationSubject Subject)
{
    /// <summary>HubSpot records to unassociate from the subject's HubSpot record.</summary>
    public IReadOnlyList<string> Archive { get; init; } = Array.Empty<string>();

    /// <summary>The HubSpot record to associate with, when one is to be.</summary>
    public string? Create { get; init; }

    public bool WritesSalesforce { get; init; }

    /// <summary>The lookup value to write to Salesforce (null clears it).</summary>
    public string? SalesforceValue { get; init; }

    /// <summary>The association row once the writes went through; null leaves the stored row as it is.</summary>
    public AssociationLink? Row { get; init; }

    public FieldConflict? Conflict { get; init; }

    /// <summary>Why nothing could be done this pass (a HubSpot change naming no Salesforce record, say).</summary>
    public string? Problem { get; init; }

    public IReadOnlyList<PlannedAssociationChange> Changes { get; init; } = Array.Empty<PlannedAssociationChange>();

    public bool WritesAnything => Archive.Count > 0 || Create is not null || WritesSalesforce;
}
