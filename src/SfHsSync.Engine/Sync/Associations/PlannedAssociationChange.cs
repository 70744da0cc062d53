namespace SfHsSync.Engine.Sync.Associations;

/// <summary>What a pass does to one record's association.</summary>
public enum AssociationChangeKind
{
    /// <summary>An association is created in HubSpot.</summary>
    Create,

    /// <summary>An association is removed in HubSpot (the lookup changed or was cleared).</summary>
    Archive,

    /// <summary>The lookup's target does not sync yet: the association waits for it.</summary>
    Wait,

    /// <summary>The Salesforce lookup is written from a HubSpot association change (two-way).</summary>
    UpdateSalesforce,
}

/// <summary>
/// One change to one record's association, as Start-Sync -WhatIf shows it: the lookup field, the HubSpot object at the
/// other end, what happens, the target on each side, and why it waits when it does.
/// </summary>
public sealed record PlannedAssociationChange(string Field, string HubSpotObject, AssociationChangeKind Kind)
{
    /// <summary>The Salesforce record the lookup points (or will point) at.</summary>
    public string? TargetSalesforceId { get; init; }

    /// <summary>The HubSpot record associated (or unassociated).</summary>
    public string? TargetHubSpotId { get; init; }

    /// <summary>Why the association waits.</summary>
    public string? Reason { get; init; }

    public PlanDirection Direction => Kind == AssociationChangeKind.UpdateSalesforce ? PlanDirection.ToSalesforce : PlanDirection.ToHubSpot;

    public override string ToString() => Kind switch
    {
        AssociationChangeKind.Create => $"{Field}: associate {HubSpotObject} {TargetHubSpotId} ({TargetSalesforceId})",
        AssociationChangeKind.Archive => $"{Field}: unassociate {HubSpotObject} {TargetHubSpotId}",
        AssociationChangeKind.Wait => $"{Field}: wait for {TargetSalesforceId} ({Reason})",
        _ => $"{Field}: set Salesforce lookup to {TargetSalesforceId ?? "(empty)"} from {HubSpotObject} {TargetHubSpotId ?? "(none)"}",
    };
}
