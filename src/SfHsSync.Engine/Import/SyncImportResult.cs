using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Import;

/// <summary>
/// One import as the imports table shows it (Import-SalesforceObject's output, Get-SyncImport's rows): how many records
/// the count found, how many were read, created in HubSpot, linked to a HubSpot record that already existed, updated,
/// and failed, with its times and state. An import with failed records reads CompletedWithErrors, never Succeeded.
/// </summary>
public sealed record SyncImportResult
{
    /// <summary>The run id (Get-SyncRun shows the same run).</summary>
    public long Id { get; init; }

    public required string Mapping { get; init; }

    public required SyncRunState State { get; init; }

    /// <summary>How many records the count query found when the import began.</summary>
    public long? Total { get; init; }

    public long Read { get; init; }

    public long Created { get; init; }

    /// <summary>Records linked to a HubSpot record that already existed (by the Salesforce Id property or -MatchOn).</summary>
    public long Linked { get; init; }

    /// <summary>Records whose HubSpot values changed (already linked ones that differed, and linked ones aligned).</summary>
    public long Updated { get; init; }

    public long Failed { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the import ended; null while it runs (or was killed and waits to be resumed).</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    public TimeSpan? Duration => FinishedAt - StartedAt;

    /// <summary>The last Salesforce Id committed: a resumed import continues after it.</summary>
    public string? LastSalesforceId { get; init; }

    public long SalesforceApiCalls { get; init; }

    public long HubSpotApiCalls { get; init; }

    /// <summary>Why the import failed or stopped, when it did.</summary>
    public string? Error { get; init; }

    public string? Runner { get; init; }

    /// <summary>True only when the import ran to its end and no record failed.</summary>
    public bool Success => State == SyncRunState.Succeeded;

    public static SyncImportResult From(SyncRunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new SyncImportResult
        {
            Id = run.Id,
            Mapping = run.Mapping,
            State = run.State,
            Total = run.Total,
            Read = run.Counts.Read,
            Created = run.Counts.CreatedInHubSpot,
            Linked = run.Counts.Linked,
            Updated = run.Counts.UpdatedInHubSpot,
            Failed = run.Counts.Failed,
            StartedAt = run.StartedAt,
            FinishedAt = run.State == SyncRunState.Running ? null : run.FinishedAt,
            LastSalesforceId = ImportCursor.TryParse(run.Cursor)?.LastId,
            SalesforceApiCalls = run.Counts.SalesforceApiCalls,
            HubSpotApiCalls = run.Counts.HubSpotApiCalls,
            Error = run.Error,
            Runner = run.Runner,
        };
    }

    public override string ToString() => $"Import {Id} of {Mapping}: {State}, {Read:N0} of {Total:N0} read, {Created:N0} created, {Linked:N0} linked, {Updated:N0} updated, {Failed:N0} failed";
}
