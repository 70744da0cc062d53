namespace SfHsSync.Engine.State;

/// <summary>
/// A mapping's history as another store holds it, for Copy-SyncState: runs (with their retries by kind), record errors
/// and conflicts. What else names the runs (API yardsticks, field stories, the definition) follows them by the new run
/// ids <see cref="IStateStore.AppendHistoryAsync"/> returns.
/// </summary>
public sealed record StateHistory(IReadOnlyList<SyncRunRecord> Runs, IReadOnlyList<RecordError> Errors, IReadOnlyList<ConflictRecord> Conflicts);
