using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Reports;

/// <summary>
/// One mapping's history as the report draws it: its runs oldest first, each run's API yardsticks, the failed records
/// the state remembers (open and resolved; each under the last run it failed in), the open ones, and the latest conflicts.
/// </summary>
public sealed record SyncReportData(
    string Mapping,
    IReadOnlyList<SyncRunRecord> Runs,
    IReadOnlyDictionary<long, RunApiUse> ApiUse,
    IReadOnlyList<RecordError> Errors,
    IReadOnlyList<ConflictRecord> Conflicts)
{
    public IEnumerable<RecordError> OpenErrors => Errors.Where(e => e.ResolvedAt is null);

    /// <summary>Reads what the report needs for every mapping the options name, from one store.</summary>
    public static async Task<IReadOnlyList<SyncReportData>> LoadAsync(IStateStore store, SyncReportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var mappings = options.Mapping is { } one ? new[] { one } : await store.GetMappingsAsync(cancellationToken).ConfigureAwait(false);
        var found = new List<SyncReportData>();
        foreach (var mapping in mappings.OrderBy(m => m, StringComparer.Ordinal))
        {
            var runs = (await store.GetRunsAsync(mapping, null, options.MaxRuns, cancellationToken).ConfigureAwait(false))
                .Where(r => options.Since is not { } since || r.StartedAt >= since)
                .OrderBy(r => r.Id)
                .ToList();
            var apiUse = await store.GetApiUseAsync(mapping, cancellationToken).ConfigureAwait(false);
            var errors = await store.GetErrorsAsync(mapping, includeResolved: true, cancellationToken).ConfigureAwait(false);
            var conflicts = (await store.GetConflictsAsync(mapping, options.Conflicts, cancellationToken).ConfigureAwait(false))
                .Where(c => options.Since is not { } since || c.At >= since)
                .ToList();
            found.Add(new SyncReportData(mapping, runs, apiUse, errors, conflicts));
        }

        return found;
    }
}
