namespace SfHsSync.Engine.State;

/// <summary>
/// A mapping's history as another store holds it, for Copy-SyncState: runs (with their retries), record errors,
/// conflicts, and the API yardsticks of runs that recorded them (keyed by the runs' ids in that store).
/// </summary>
public sealed record StateHistory(IReadOnlyList<SyncRunRecord> Runs, IReadOnlyList<RecordError> Errors, IReadOnlyList<ConflictRecord> Conflicts)
{
    public IReadOnlyDictionary<long, RunApiUse> ApiUse { get; init; } = new Dictionary<long, RunApiUse>();
}
