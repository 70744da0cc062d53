using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync.Associations;

namespace SfHsSync.Engine.Sync;

/// <summary>Where a planned action writes.</summary>
public enum PlanDirection
{
    None,
    ToHubSpot,
    ToSalesforce,
    Both,
}

/// <summary>One field as a plan shows it: the Salesforce field, the HubSpot property, the side written, old and new values.</summary>
public sealed record PlannedFieldChange(string SalesforceField, string HubSpotProperty, SyncSide Target, string? OldValue, string? NewValue)
{
    public override string ToString() => $"{SalesforceField}->{Target}: '{OldValue}' => '{NewValue}'";
}

/// <summary>
/// One record's line in a preview (Start-Sync -WhatIf): what would happen, in which direction, to which records, which
/// fields would change from what to what, the conflicts and who wins them, and why it would fail if it would.
/// </summary>
public sealed record SyncPlanItem
{
    public required string Mapping { get; init; }

    public required RecordAction Action { get; init; }

    public required PlanDirection Direction { get; init; }

    public string? SalesforceId { get; init; }

    public string? HubSpotId { get; init; }

    public IReadOnlyList<PlannedFieldChange> Changes { get; init; } = Array.Empty<PlannedFieldChange>();

    public IReadOnlyList<FieldConflict> Conflicts { get; init; } = Array.Empty<FieldConflict>();

    /// <summary>Why the write would be refused before it is sent (a value the other side cannot hold), when it would.</summary>
    public string? Error { get; init; }

    /// <summary>The record's lookups that would change as associations (created, removed, waiting, written back).</summary>
    public IReadOnlyList<PlannedAssociationChange> Associations { get; init; } = Array.Empty<PlannedAssociationChange>();

    public override string ToString() => $"{Action} {SalesforceId ?? "-"} / {HubSpotId ?? "-"} ({Changes.Count} field(s)" + (Associations.Count == 0 ? ")" : $", {Associations.Count} association change(s))");
}

/// <summary>What one pass of one mapping did (Start-Sync's output).</summary>
public sealed record SyncRunResult
{
    public required string Mapping { get; init; }

    public long RunId { get; init; }

    public required SyncRunState State { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset FinishedAt { get; init; }

    public TimeSpan Duration => FinishedAt - StartedAt;

    public SyncRunCounts Counts { get; init; } = new();

    public long CreatedInHubSpot => Counts.CreatedInHubSpot;

    public long UpdatedInHubSpot => Counts.UpdatedInHubSpot;

    public long ArchivedInHubSpot => Counts.DeletedInHubSpot;

    public long CreatedInSalesforce => Counts.CreatedInSalesforce;

    public long UpdatedInSalesforce => Counts.UpdatedInSalesforce;

    public long DeletedInSalesforce => Counts.DeletedInSalesforce;

    public long Conflicts => Counts.Conflicts;

    public long Failed => Counts.Failed;

    public long SalesforceApiCalls => Counts.SalesforceApiCalls;

    public long HubSpotApiCalls => Counts.HubSpotApiCalls;

    /// <summary>What the pass did to associations (lookups carried to HubSpot, waiting, written back).</summary>
    public AssociationCounts Associations { get; init; } = new();

    /// <summary>True only when the pass ran to its end and no record failed.</summary>
    public bool Success => State == SyncRunState.Succeeded;

    /// <summary>Why the run failed or stopped, when it did.</summary>
    public string? Error { get; init; }
}

/// <summary>How the engine tells its host (a cmdlet) what it is doing, without knowing PowerShell.</summary>
public interface ISyncObserver
{
    /// <summary>Progress of the current stage: records done, of a total when known.</summary>
    void Progress(string mapping, string stage, long done, long? total);

    void Verbose(string message);

    void Warning(string message);
}

/// <summary>An observer that ignores everything.</summary>
public sealed class SilentSyncObserver : ISyncObserver
{
    public static readonly SilentSyncObserver Instance = new();

    public void Progress(string mapping, string stage, long done, long? total)
    {
    }

    public void Verbose(string message)
    {
    }

    public void Warning(string message)
    {
    }
}
