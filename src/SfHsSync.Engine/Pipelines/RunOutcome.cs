using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Pipelines;

/// <summary>
/// One finished run as a pipeline reports it: the run with its counts, the records that failed in it, the conflicts
/// it decided and its API yardsticks, read back from the state so the summary says what the state says.
/// </summary>
public sealed record RunOutcome(SyncRunRecord Run, IReadOnlyList<RecordError> Failures, IReadOnlyList<ConflictRecord> Conflicts, RunApiUse? ApiUse)
{
    /// <summary>The conflicts read back per run at most (the summary shows the first few; Get-SyncConflict has all).</summary>
    public const int MaxConflicts = 1_000;

    public static async Task<RunOutcome?> LoadAsync(IStateStore store, long runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var run = await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return null;
        }

        var failures = (await store.GetErrorsAsync(run.Mapping, includeResolved: false, cancellationToken).ConfigureAwait(false))
            .Where(e => e.RunId == runId).OrderBy(e => e.RecordId, StringComparer.Ordinal).ToList();
        var conflicts = (await store.GetConflictsAsync(run.Mapping, MaxConflicts, cancellationToken).ConfigureAwait(false))
            .Where(c => c.RunId == runId).ToList();
        var apiUse = (await store.GetApiUseAsync(run.Mapping, cancellationToken).ConfigureAwait(false)).GetValueOrDefault(runId);
        return new RunOutcome(run, failures, conflicts, apiUse);
    }
}
