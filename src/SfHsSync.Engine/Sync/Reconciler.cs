using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Sync;

/// <summary>
/// Decides, for one record pair, what a sync pass does. A pure function: the link with its last-synced values, and both
/// sides as this pass sees them, in; an action, the field values to write and the conflicts settled, out.
///
/// Per field, against the value both sides last agreed on (L):
/// <list type="bullet">
/// <item>a side whose value differs from L changed; a value we wrote ourselves comes back equal to L, so echoes die;</item>
/// <item>a change travels when the field's direction lets it; a change against a one-way field is overwritten by the
/// source side, so one-way fields always end equal to their source;</item>
/// <item>when both sides changed to different values, a two-way field's conflict is settled by the mapping's winner
/// and recorded; a one-way field's source simply wins;</item>
/// <item>with no L yet (a new link or a newly mapped field), equal values just become L, and different ones are aligned
/// from the source side (the winner for two-way fields) without calling it a conflict;</item>
/// <item>a value never seen this pass is never overwritten blindly: with neither L nor a read, the field waits.</item>
/// <item>each write names its rule (<see cref="FieldRule"/>): travelled by its direction, conflict won, aligned on
/// first link (creates too), or overwritten as one-way; the state keeps it as the field's story.</item>
/// </list>
/// Records: an unlinked record is created on the other side when the create direction lets it, carrying every synced
/// field the new record can hold (one-way fields included: the new record starts equal to its origin, and nothing is
/// cleared on the origin because the copy began empty); two unlinked records that are the same one are linked; a delete
/// travels when the delete direction lets it, else the link is forgotten.
/// </summary>
public static class Reconciler
{
    public static RecordDecision Decide(ReconcilePolicy policy, ReconcileInput input)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(input);
        var (link, sf, hs) = (input.Link, input.Salesforce, input.HubSpot);

        if (link is null)
        {
            return (sf.State, hs.State) switch
            {
                (SideState.Present, SideState.Present) => Align(policy, RecordAction.Link, null, sf, hs),
                (SideState.Present, SideState.Absent or SideState.Unchanged) when Travels(policy.CreateDirection, SyncSide.HubSpot)
                    => Create(policy, SyncSide.HubSpot, sf.Values!),
                (SideState.Absent or SideState.Unchanged, SideState.Present) when Travels(policy.CreateDirection, SyncSide.Salesforce)
                    => Create(policy, SyncSide.Salesforce, hs.Values!),
                _ => RecordDecision.Nothing,
            };
        }

        var sfGone = sf.State is SideState.Deleted or SideState.Absent;
        var hsGone = hs.State is SideState.Deleted or SideState.Absent;
        if (sfGone && hsGone)
        {
            return Only(RecordAction.Unlink);
        }

        if (sfGone)
        {
            return Travels(policy.DeleteDirection, SyncSide.HubSpot) && !policy.NeverArchiveInHubSpot
                ? Only(RecordAction.ArchiveInHubSpot)
                : Only(RecordAction.Unlink);
        }

        if (hsGone)
        {
            return Travels(policy.DeleteDirection, SyncSide.Salesforce) ? Only(RecordAction.DeleteInSalesforce) : Only(RecordAction.Unlink);
        }

        return Align(policy, RecordAction.Update, link, sf, hs);
    }

    /// <summary>True when a change may travel to <paramref name="target"/> under <paramref name="direction"/>.</summary>
    public static bool Travels(SyncDirection direction, SyncSide target) => direction switch
    {
        SyncDirection.TwoWay => true,
        SyncDirection.SalesforceToHubSpot => target == SyncSide.HubSpot,
        SyncDirection.HubSpotToSalesforce => target == SyncSide.Salesforce,
        _ => false,
    };

    private static RecordDecision Only(RecordAction action)
        => new(action, Array.Empty<FieldChange>(), Array.Empty<FieldConflict>(), new Dictionary<string, string?>());

    private static RecordDecision Create(ReconcilePolicy policy, SyncSide target, IReadOnlyDictionary<string, string?> source)
    {
        var changes = new List<FieldChange>();
        var synced = new Dictionary<string, string?>(StringComparer.Ordinal);
        var readOnly = target == SyncSide.HubSpot ? policy.ReadOnlyInHubSpot : policy.ReadOnlyInSalesforce;
        foreach (var field in policy.Fields)
        {
            if (field.Direction == SyncDirection.None || readOnly.Contains(field.SalesforceField))
            {
                continue;
            }

            var value = source.GetValueOrDefault(field.SalesforceField);
            synced[field.SalesforceField] = value;
            if (value is not null)
            {
                changes.Add(new FieldChange(field.SalesforceField, target, null, value) { Rule = FieldRule.AlignedOnFirstLink });
            }
        }

        return new RecordDecision(target == SyncSide.HubSpot ? RecordAction.CreateInHubSpot : RecordAction.CreateInSalesforce, changes, Array.Empty<FieldConflict>(), synced);
    }

    private static RecordDecision Align(ReconcilePolicy policy, RecordAction action, RecordLink? link, SideSnapshot sf, SideSnapshot hs)
    {
        var changes = new List<FieldChange>();
        var conflicts = new List<FieldConflict>();
        var synced = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (link is not null)
        {
            foreach (var (field, value) in link.Values)
            {
                synced[field] = value;
            }
        }

        foreach (var mapped in policy.Fields)
        {
            var direction = policy.UpdateDirection(mapped);
            var field = direction == mapped.Direction ? mapped : new FieldMapping(mapped.SalesforceField, mapped.HubSpotProperty, direction, mapped.Source);
            var key = field.SalesforceField;
            string? last = null;
            var hasLast = link is not null && link.Values.TryGetValue(key, out last);
            var (knowS, s) = Current(sf, key, hasLast, last);
            var (knowH, h) = Current(hs, key, hasLast, last);
            if (field.Direction == SyncDirection.None || (!knowS && !knowH))
            {
                continue;
            }

            if (!knowS || !knowH)
            {
                // One side unseen and nothing agreed yet: writing would overwrite a value never looked at.
                continue;
            }

            if (s == h)
            {
                synced[key] = s;
                continue;
            }

            SyncSide source;
            FieldRule rule;
            if (!hasLast)
            {
                (source, rule) = (SourceOf(field.Direction, policy.ConflictWinner), FieldRule.AlignedOnFirstLink);
            }
            else
            {
                var sfChanged = s != last;
                var hsChanged = h != last;
                if (sfChanged && hsChanged)
                {
                    source = SourceOf(field.Direction, policy.ConflictWinner);
                    rule = field.Direction == SyncDirection.TwoWay ? FieldRule.ConflictWon : FieldRule.OverwrittenAsOneWay;
                    if (field.Direction == SyncDirection.TwoWay)
                    {
                        conflicts.Add(new FieldConflict(key, s, h, source));
                    }
                }
                else
                {
                    var changedOn = sfChanged ? SyncSide.Salesforce : SyncSide.HubSpot;
                    var travels = Travels(field.Direction, changedOn == SyncSide.Salesforce ? SyncSide.HubSpot : SyncSide.Salesforce);
                    source = travels ? changedOn : changedOn == SyncSide.Salesforce ? SyncSide.HubSpot : SyncSide.Salesforce;
                    rule = travels ? FieldRule.TravelledByDirection : FieldRule.OverwrittenAsOneWay;
                }
            }

            if (source == SyncSide.Salesforce)
            {
                changes.Add(new FieldChange(key, SyncSide.HubSpot, h, s) { Rule = rule });
                synced[key] = s;
            }
            else
            {
                changes.Add(new FieldChange(key, SyncSide.Salesforce, s, h) { Rule = rule });
                synced[key] = h;
            }
        }

        var resultAction = action == RecordAction.Link ? RecordAction.Link : changes.Count > 0 ? RecordAction.Update : RecordAction.None;
        return new RecordDecision(resultAction, changes, conflicts, synced);
    }

    /// <summary>The value of a field on one side: read this pass, or (unchanged since the watermark) the last-synced value.</summary>
    private static (bool Known, string? Value) Current(SideSnapshot side, string field, bool hasLast, string? last)
        => side.State == SideState.Present
            ? (true, side.Values!.GetValueOrDefault(field))
            : hasLast ? (true, last) : (false, null);

    /// <summary>The side whose value stands when both differ: a one-way field's source, else the conflict winner.</summary>
    private static SyncSide SourceOf(SyncDirection direction, ConflictWinner winner) => direction switch
    {
        SyncDirection.SalesforceToHubSpot => SyncSide.Salesforce,
        SyncDirection.HubSpotToSalesforce => SyncSide.HubSpot,
        _ => winner == ConflictWinner.Salesforce ? SyncSide.Salesforce : SyncSide.HubSpot,
    };
}
