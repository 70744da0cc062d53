namespace SfHsSync.Engine.State;

/// <summary>Where one record's association stands.</summary>
public enum AssociationLinkState
{
    /// <summary>HubSpot holds the association (or, with no target, none is wanted and none was made by the sync).</summary>
    Synced,

    /// <summary>The lookup names a record that does not sync yet; the association is made on a later pass once it does.</summary>
    Waiting,

    /// <summary>HubSpot or Salesforce refused the change; it is tried again on the next pass.</summary>
    Failed,
}

/// <summary>
/// One Salesforce lookup of one record as the sync last carried it to HubSpot: the lookup's target, the association
/// made between the two HubSpot records, and when it could not be made yet, why. The key is the record and the field.
/// </summary>
public sealed record AssociationLink(string SalesforceId, string Field, AssociationLinkState State)
{
    /// <summary>The Salesforce Id the lookup held when the sync last carried it; null when it was empty.</summary>
    public string? TargetSalesforceId { get; init; }

    /// <summary>The HubSpot id of the record holding the lookup.</summary>
    public string? HubSpotId { get; init; }

    /// <summary>The HubSpot id of the associated record, when the association exists.</summary>
    public string? TargetHubSpotId { get; init; }

    /// <summary>Why the association waits or failed.</summary>
    public string? Reason { get; init; }

    /// <summary>When the row was last written; a commit stamps it when left default.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    public bool IsPending => State is AssociationLinkState.Waiting or AssociationLinkState.Failed;

    /// <summary>
    /// A waiting row for a lookup never carried (no HubSpot record, no target): an import writes it with the record's
    /// link, and the association made afterwards replaces it.
    /// </summary>
    public bool IsPlaceholder => State == AssociationLinkState.Waiting && HubSpotId is null && TargetSalesforceId is null;
}
