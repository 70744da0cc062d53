using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Sync.Associations;

/// <summary>The parts of an association mapping a decision depends on.</summary>
internal sealed record AssociationRule(string Field, string HubSpotObject, bool TwoWay, ConflictWinner Winner);

/// <summary>
/// Decides one record's association, purely: from the lookup's value now, HubSpot's associations now (two-way), the
/// row the sync kept from last time, and where targets sync on the other side. Salesforce's lookup is carried to
/// HubSpot when it changed (a set creates, a change moves, a clear removes); a two-way association carries a HubSpot
/// change back to the lookup; a change on both sides goes to the mapping's conflict winner. Only the associations the
/// sync made are removed: ones made by hand stay unless a two-way lookup says otherwise.
/// </summary>
internal static class AssociationPlanner
{
    public static AssociationDecision Decide(
        AssociationRule rule,
        AssociationSubject subject,
        AssociationLink? row,
        Func<string, TargetMatch> toHubSpot,
        Func<string, TargetMatch> toSalesforce)
    {
        if (row is null && !subject.SalesforceKnown)
        {
            // Never carried and not read: there is nothing to compare with.
            return new AssociationDecision(subject);
        }

        // Associations of ours live on the HubSpot record the row was made for; a relinked record starts afresh.
        var sameRecord = row is not null && string.Equals(row.HubSpotId, subject.HubSpotId, StringComparison.Ordinal);
        var lastSalesforce = row?.TargetSalesforceId;
        var lastHubSpot = sameRecord && row!.State == AssociationLinkState.Synced ? row.TargetHubSpotId : null;
        var salesforceNow = subject.SalesforceKnown ? Blank(subject.SalesforceTarget) : lastSalesforce;
        var hubSpotRead = rule.TwoWay && subject.HubSpotTargets is not null;
        var hubSpotNow = hubSpotRead ? subject.HubSpotTargets!.Distinct(StringComparer.Ordinal).ToList() : Single(lastHubSpot);

        var hubSpotChanged = hubSpotRead && !SameSet(hubSpotNow, lastHubSpot);
        var salesforceChanged = row is null || !sameRecord
            ? salesforceNow is not null || !hubSpotChanged // first sight: an empty lookup takes HubSpot's association
            : row.IsPending || (subject.SalesforceKnown && !Same(salesforceNow, lastSalesforce));

        if (!salesforceChanged && !hubSpotChanged)
        {
            return new AssociationDecision(subject);
        }

        FieldConflict? conflict = null;
        var useSalesforce = salesforceChanged;
        if (salesforceChanged && hubSpotChanged)
        {
            var wanted = salesforceNow is null ? null : toHubSpot(salesforceNow).Id;
            if (SameSet(hubSpotNow, wanted) && (salesforceNow is null || wanted is not null))
            {
                // Both sides moved to the same target: nothing to write, only to remember.
                return new AssociationDecision(subject) { Row = Synced(rule, subject, salesforceNow, wanted) };
            }

            var winner = rule.Winner == ConflictWinner.HubSpot ? SyncSide.HubSpot : SyncSide.Salesforce;
            conflict = new FieldConflict(rule.Field, salesforceNow, string.Join(";", hubSpotNow), winner);
            useSalesforce = winner == SyncSide.Salesforce;
        }

        var decision = useSalesforce
            ? FromSalesforce(rule, subject, salesforceNow, hubSpotNow, toHubSpot)
            : FromHubSpot(rule, subject, salesforceNow, hubSpotNow, lastHubSpot, toSalesforce);
        return decision with { Conflict = conflict };
    }

    private static AssociationDecision FromSalesforce(AssociationRule rule, AssociationSubject subject, string? target, IReadOnlyList<string> hubSpotNow,
        Func<string, TargetMatch> toHubSpot)
    {
        if (target is null)
        {
            return new AssociationDecision(subject)
            {
                Archive = hubSpotNow,
                Row = Synced(rule, subject, null, null),
                Changes = hubSpotNow.Select(id => Change(rule, AssociationChangeKind.Archive, null, id)).ToList(),
            };
        }

        var match = toHubSpot(target);
        if (match.Id is not { } targetHubSpot)
        {
            return new AssociationDecision(subject)
            {
                Archive = hubSpotNow,
                Row = new AssociationLink(subject.SalesforceId, rule.Field, AssociationLinkState.Waiting)
                {
                    TargetSalesforceId = target,
                    HubSpotId = subject.HubSpotId,
                    Reason = match.Reason,
                },
                Changes = hubSpotNow.Select(id => Change(rule, AssociationChangeKind.Archive, null, id))
                    .Append(Change(rule, AssociationChangeKind.Wait, target, null) with { Reason = match.Reason })
                    .ToList(),
            };
        }

        var archive = hubSpotNow.Where(id => id != targetHubSpot).ToList();
        var create = hubSpotNow.Contains(targetHubSpot, StringComparer.Ordinal) ? null : targetHubSpot;
        return new AssociationDecision(subject)
        {
            Archive = archive,
            Create = create,
            Row = Synced(rule, subject, target, targetHubSpot),
            Changes = archive.Select(id => Change(rule, AssociationChangeKind.Archive, null, id))
                .Concat(create is null ? Array.Empty<PlannedAssociationChange>() : new[] { Change(rule, AssociationChangeKind.Create, target, create) })
                .ToList(),
        };
    }

    private static AssociationDecision FromHubSpot(AssociationRule rule, AssociationSubject subject, string? salesforceNow, IReadOnlyList<string> hubSpotNow,
        string? lastHubSpot, Func<string, TargetMatch> toSalesforce)
    {
        string? newHubSpot = null;
        string? newSalesforce = null;
        var fresh = hubSpotNow.Where(id => id != lastHubSpot).ToList();
        if (hubSpotNow.Count > 0)
        {
            if (fresh.Count != 1)
            {
                return new AssociationDecision(subject)
                {
                    Problem = $"HubSpot associates record {subject.HubSpotId} with {fresh.Count} new {rule.HubSpotObject} records ({string.Join(", ", fresh)}); " +
                        $"the lookup {rule.Field} holds one, so none was carried to Salesforce.",
                };
            }

            newHubSpot = fresh[0];
            var match = toSalesforce(newHubSpot);
            if (match.Id is null)
            {
                return new AssociationDecision(subject) { Problem = $"{rule.Field} of {subject.SalesforceId} was not changed: {match.Reason}." };
            }

            newSalesforce = match.Id;
        }

        var archive = hubSpotNow.Where(id => id != newHubSpot).ToList();
        var writes = !Same(newSalesforce, salesforceNow);
        return new AssociationDecision(subject)
        {
            Archive = archive,
            WritesSalesforce = writes,
            SalesforceValue = newSalesforce,
            Row = Synced(rule, subject, newSalesforce, newHubSpot),
            Changes = archive.Select(id => Change(rule, AssociationChangeKind.Archive, null, id))
                .Concat(writes ? new[] { Change(rule, AssociationChangeKind.UpdateSalesforce, newSalesforce, newHubSpot) } : Array.Empty<PlannedAssociationChange>())
                .ToList(),
        };
    }

    private static AssociationLink Synced(AssociationRule rule, AssociationSubject subject, string? target, string? targetHubSpot)
        => new(subject.SalesforceId, rule.Field, AssociationLinkState.Synced) { TargetSalesforceId = target, HubSpotId = subject.HubSpotId, TargetHubSpotId = targetHubSpot };

    private static PlannedAssociationChange Change(AssociationRule rule, AssociationChangeKind kind, string? target, string? targetHubSpot)
        => new(rule.Field, rule.HubSpotObject, kind) { TargetSalesforceId = target, TargetHubSpotId = targetHubSpot };

    private static IReadOnlyList<string> Single(string? id) => id is null ? Array.Empty<string>() : new[] { id };

    private static bool SameSet(IReadOnlyList<string> ids, string? single) => single is null ? ids.Count == 0 : ids.Count == 1 && ids[0] == single;

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.Ordinal);

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
