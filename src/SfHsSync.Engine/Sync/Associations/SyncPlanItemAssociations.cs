namespace SfHsSync.Engine.Sync.Associations;

/// <summary>Adds a record's association changes to its preview line.</summary>
internal static class SyncPlanItemAssociations
{
    public static SyncPlanItem WithAssociations(this SyncPlanItem item, IReadOnlyList<PlannedAssociationChange> changes)
    {
        if (changes.Count == 0)
        {
            return item;
        }

        var direction = changes.Select(c => c.Direction).Aggregate(item.Direction, Combine);
        return item with { Associations = changes, Direction = direction };
    }

    private static PlanDirection Combine(PlanDirection a, PlanDirection b)
        => a == PlanDirection.None ? b : b == PlanDirection.None || a == b ? a : PlanDirection.Both;
}
