namespace SfHsSync.Engine.Sync.Associations;

/// <summary>
/// One record's lookup as a pass sees it: its ids on both sides (no HubSpot id yet in a preview of a create), the
/// lookup's value when Salesforce's record was read, and, for a two-way association when HubSpot's record was read,
/// the HubSpot records it is associated with by the mapping's type.
/// </summary>
internal sealed record AssociationSubject(string SalesforceId, string? HubSpotId)
{
    /// <summary>True when <see cref="SalesforceTarget"/> is the lookup's current value (the record was read).</summary>
    public bool SalesforceKnown { get; init; }

    public string? SalesforceTarget { get; init; }

    /// <summary>True when a step just linked the record to a Salesforce record it found, not read: its lookup is read before a first decision.</summary>
    public bool SalesforceUnread { get; init; }

    /// <summary>HubSpot's associated ids of the mapping's type, when they were read; null when not.</summary>
    public IReadOnlyList<string>? HubSpotTargets { get; init; }
}
