using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Sync;

/// <summary>What the reconciler knows of a record on one side in this pass.</summary>
public enum SideState
{
    /// <summary>Not read this pass: it has not changed since that side's watermark.</summary>
    Unchanged,

    /// <summary>Read this pass, with its current values.</summary>
    Present,

    /// <summary>Deleted (Salesforce) or archived (HubSpot) since the watermark.</summary>
    Deleted,

    /// <summary>There is no such record on this side.</summary>
    Absent,
}

/// <summary>
/// One side of a record pair. <see cref="Values"/> holds canonical values (see FieldConverter) keyed by the mapped
/// Salesforce field name, for every mapped field when the state is Present.
/// </summary>
public sealed record SideSnapshot(SideState State, string? Id, IReadOnlyDictionary<string, string?>? Values)
{
    public static readonly SideSnapshot Unchanged = new(SideState.Unchanged, null, null);

    public static readonly SideSnapshot Absent = new(SideState.Absent, null, null);

    public static SideSnapshot Present(string id, IReadOnlyDictionary<string, string?> values) => new(SideState.Present, id, values);

    public static SideSnapshot Deleted(string id) => new(SideState.Deleted, id, null);
}

/// <summary>
/// The rules of one mapping, as the reconciler needs them. <see cref="ReadOnlyInHubSpot"/> and
/// <see cref="ReadOnlyInSalesforce"/> name the mapped fields (by Salesforce field name) a create cannot fill on that
/// side, such as a calculated HubSpot property.
/// </summary>
public sealed record ReconcilePolicy(
    IReadOnlyList<FieldMapping> Fields,
    ConflictWinner ConflictWinner,
    SyncDirection CreateDirection,
    SyncDirection DeleteDirection,
    bool NeverArchiveInHubSpot = false)
{
    public IReadOnlySet<string> ReadOnlyInHubSpot { get; init; } = new HashSet<string>();

    public IReadOnlySet<string> ReadOnlyInSalesforce { get; init; } = new HashSet<string>();

    /// <summary>
    /// Mapped fields (by Salesforce field name) Salesforce lets a create fill but no update change: the field is createable
    /// and not updateable, or the object cannot be updated at all. Once the record exists, Salesforce's value is the one
    /// that stands: see <see cref="UpdateDirection"/>.
    /// </summary>
    public IReadOnlySet<string> CreateOnlyInSalesforce { get; init; } = new HashSet<string>();

    /// <summary>
    /// The direction a field's changes travel in once both records exist: its own, except for a create-only Salesforce
    /// field, whose updates are never sent to Salesforce (a two-way one travels Salesforce to HubSpot only, so a HubSpot
    /// edit is put back from Salesforce; a HubSpot-to-Salesforce one is sent on create only).
    /// </summary>
    public SyncDirection UpdateDirection(FieldMapping field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return CreateOnlyInSalesforce.Contains(field.SalesforceField) ? CapabilityPolicy.WithoutSalesforce(field.Direction) : field.Direction;
    }

    public static ReconcilePolicy For(SyncMapping mapping, bool neverArchiveInHubSpot = false)
        => new(mapping.Fields, mapping.ConflictWinner, mapping.CreateDirection, mapping.DeleteDirection, neverArchiveInHubSpot);
}

/// <summary>A record pair to decide on: its link (null when not linked yet) and both sides as this pass sees them.</summary>
public sealed record ReconcileInput(RecordLink? Link, SideSnapshot Salesforce, SideSnapshot HubSpot);

/// <summary>What to do with a record pair.</summary>
public enum RecordAction
{
    /// <summary>Nothing to write (the last-synced values may still move, e.g. when both sides converged).</summary>
    None,

    /// <summary>Link two records that are the same one (matched by the link keys) and align their fields.</summary>
    Link,

    CreateInHubSpot,
    CreateInSalesforce,

    /// <summary>Write changed fields to one side or both.</summary>
    Update,

    ArchiveInHubSpot,
    DeleteInSalesforce,

    /// <summary>Forget the link: one side is gone and the delete does not travel (or both are gone).</summary>
    Unlink,
}

/// <summary>One field value to write to one side.</summary>
public sealed record FieldChange(string Field, SyncSide Target, string? OldValue, string? NewValue)
{
    /// <summary>Which rule decided the write; the side it came from is the other one than <see cref="Target"/>.</summary>
    public FieldRule Rule { get; init; } = FieldRule.TravelledByDirection;

    /// <summary>The side whose value this write carries.</summary>
    public SyncSide Source => Target == SyncSide.HubSpot ? SyncSide.Salesforce : SyncSide.HubSpot;
}

/// <summary>A two-way field changed on both sides; <see cref="Winner"/> is the side whose value stays.</summary>
public sealed record FieldConflict(string Field, string? SalesforceValue, string? HubSpotValue, SyncSide Winner);

/// <summary>
/// The reconciler's decision for one record pair: the action, the field values to write (per side), the conflicts it
/// settled, and the last-synced values to keep once the writes succeed.
/// </summary>
public sealed record RecordDecision(
    RecordAction Action,
    IReadOnlyList<FieldChange> Changes,
    IReadOnlyList<FieldConflict> Conflicts,
    IReadOnlyDictionary<string, string?> SyncedValues)
{
    public static readonly RecordDecision Nothing = new(RecordAction.None, Array.Empty<FieldChange>(), Array.Empty<FieldConflict>(), new Dictionary<string, string?>());

    public bool WritesTo(SyncSide side) => Action switch
    {
        RecordAction.CreateInHubSpot or RecordAction.ArchiveInHubSpot => side == SyncSide.HubSpot,
        RecordAction.CreateInSalesforce or RecordAction.DeleteInSalesforce => side == SyncSide.Salesforce,
        RecordAction.Update or RecordAction.Link => Changes.Any(c => c.Target == side),
        _ => false,
    };

    /// <summary>True when the state must change even if nothing is written (a link made, forgotten or re-aligned).</summary>
    public bool ChangesState(RecordLink? link)
        => Action is not RecordAction.None || (link is not null && !SameValues(link.Values, SyncedValues));

    private static bool SameValues(IReadOnlyDictionary<string, string?> a, IReadOnlyDictionary<string, string?> b)
        => b.All(kv => a.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
