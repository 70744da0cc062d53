using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.State;

/// <summary>
/// One field pair as a pass ran it: which Salesforce field travelled with which HubSpot property, and where changes
/// could go. The state keeps the pairs of the last pass so the next one notices a pair that changed under it, whether
/// through Set-FieldMapping or a hand edit of the YAML file.
/// </summary>
public sealed record FieldPair(string SalesforceField, string HubSpotProperty, SyncDirection Direction)
{
    public static FieldPair Of(FieldMapping field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new FieldPair(field.SalesforceField, field.HubSpotProperty, field.Direction);
    }
}

/// <summary>
/// What the state keeps about a mapping itself, beside its records: the status recorded by Enable-SyncMapping or
/// Disable-SyncMapping with -State (it overrides the status in the mapping, so a running Start-Sync -Continuous sees it
/// at its next pass), and the field pairs of the last pass. A value never recorded is null.
/// </summary>
public sealed record MappingSettings(string Mapping)
{
    /// <summary>The recorded status, or null when none was recorded (the mapping's own status stands).</summary>
    public MappingStatus? Status { get; init; }

    /// <summary>When the status was last recorded or cleared.</summary>
    public DateTimeOffset? StatusChangedAt { get; init; }

    /// <summary>The field pairs of the last pass that finished reading, or null before the first.</summary>
    public IReadOnlyList<FieldPair>? FieldPairs { get; init; }
}
