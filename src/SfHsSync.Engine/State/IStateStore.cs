namespace SfHsSync.Engine.State;

/// <summary>
/// Where a sync keeps what it must not forget between runs: links, last-synced values, watermarks, runs, record errors
/// and conflicts, per mapping. Implementations: SQLite (a file, the default) and PostgreSQL (for pipelines).
/// Every method is safe to call from one runner at a time per mapping; a commit is all or nothing.
/// </summary>
public interface IStateStore : IAsyncDisposable
{
    /// <summary>Where the state lives, safe to print (no password).</summary>
    string Location { get; }

    /// <summary>The schema version the store is at after its migrations ran.</summary>
    int SchemaVersion { get; }

    Task<IReadOnlyDictionary<string, RecordLink>> GetLinksBySalesforceIdAsync(string mapping, IReadOnlyCollection<string> salesforceIds, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, RecordLink>> GetLinksByHubSpotIdAsync(string mapping, IReadOnlyCollection<string> hubSpotIds, CancellationToken cancellationToken);

    /// <summary>Every link of a mapping, streamed in Salesforce Id order.</summary>
    IAsyncEnumerable<RecordLink> ReadLinksAsync(string mapping, CancellationToken cancellationToken);

    Task<long> CountLinksAsync(string mapping, CancellationToken cancellationToken);

    /// <summary>The association rows of the records named (every lookup field of each).</summary>
    Task<IReadOnlyList<AssociationLink>> GetAssociationLinksAsync(string mapping, IReadOnlyCollection<string> salesforceIds, CancellationToken cancellationToken);

    /// <summary>Association rows of a mapping, streamed in (Salesforce Id, field) order; only waiting and failed ones when <paramref name="pendingOnly"/>.</summary>
    IAsyncEnumerable<AssociationLink> ReadAssociationLinksAsync(string mapping, bool pendingOnly, CancellationToken cancellationToken);

    Task<SyncWatermarks> GetWatermarksAsync(string mapping, CancellationToken cancellationToken);

    /// <summary>
    /// The story of a linked record's fields, newest first: each field's current origin (with its last-synced value)
    /// and, with <paramref name="includeHistory"/>, the earlier decisions kept for it. Empty when the record is not linked.
    /// </summary>
    Task<IReadOnlyList<FieldOrigin>> GetFieldOriginsAsync(string mapping, string salesforceId, bool includeHistory, CancellationToken cancellationToken);

    /// <summary>Applies one batch's bookkeeping in a single transaction.</summary>
    Task CommitAsync(StateChange change, CancellationToken cancellationToken);

    /// <summary>Forgets the last-synced values of one field for every link of a mapping (the field's mapping changed or was removed).</summary>
    Task<long> ForgetFieldAsync(string mapping, string field, CancellationToken cancellationToken);

    Task<SyncRunRecord> StartRunAsync(string mapping, SyncRunKind kind, long? total, string? runner, CancellationToken cancellationToken);

    /// <summary>Closes a run with its final state and (when it failed) the reason.</summary>
    Task<SyncRunRecord> FinishRunAsync(long runId, SyncRunState state, string? error, CancellationToken cancellationToken);

    /// <summary>Records the API versions a run speaks to each side.</summary>
    Task SetRunApiVersionsAsync(long runId, string apiVersions, CancellationToken cancellationToken);

    Task<SyncRunRecord?> GetRunAsync(long runId, CancellationToken cancellationToken);

    /// <summary>Runs newest first, optionally of one mapping and kind, at most <paramref name="last"/>.</summary>
    Task<IReadOnlyList<SyncRunRecord>> GetRunsAsync(string? mapping, SyncRunKind? kind, int last, CancellationToken cancellationToken);

    /// <summary>Keeps what a finished run's API calls are measured against (replacing what the run had).</summary>
    Task RecordApiUseAsync(RunApiUse use, CancellationToken cancellationToken);

    /// <summary>The API yardsticks of the runs that recorded them, by run id, optionally of one mapping.</summary>
    Task<IReadOnlyDictionary<long, RunApiUse>> GetApiUseAsync(string? mapping, CancellationToken cancellationToken);

    /// <summary>Adds a run's retries by side and kind to what it has (a continued import adds its own).</summary>
    Task RecordRetriesAsync(long runId, string mapping, SyncRunRetries retries, CancellationToken cancellationToken);

    /// <summary>The store's own retries so far: SQLite's busy waits (StateBusy), PostgreSQL work sent again (StateUnavailable).</summary>
    Connections.RetryCounter Retries { get; }

    /// <summary>Record errors, unresolved only unless <paramref name="includeResolved"/>.</summary>
    Task<IReadOnlyList<RecordError>> GetErrorsAsync(string? mapping, bool includeResolved, CancellationToken cancellationToken);

    Task<IReadOnlyList<ConflictRecord>> GetConflictsAsync(string? mapping, int last, CancellationToken cancellationToken);

    /// <summary>Every mapping this store holds anything for.</summary>
    Task<IReadOnlyList<string>> GetMappingsAsync(CancellationToken cancellationToken);

    /// <summary>How much this store holds for a mapping, to verify a copy.</summary>
    Task<StateCounts> CountAsync(string mapping, CancellationToken cancellationToken);

    /// <summary>Forgets everything about a mapping: links, watermarks, runs, errors, conflicts (a copy's -Force).</summary>
    Task ClearMappingAsync(string mapping, CancellationToken cancellationToken);

    /// <summary>
    /// Adds history read from another store as it was: runs (under new ids, which the errors, conflicts, retries and API
    /// yardsticks follow), record errors with their attempts and resolution, and conflicts. One transaction.
    /// </summary>
    /// <returns>The new id of each run, by its id in the store it was read from.</returns>
    Task<IReadOnlyDictionary<long, long>> AppendHistoryAsync(string mapping, StateHistory history, CancellationToken cancellationToken);

    /// <summary>Every link's current field origins (links that have any), streamed in Salesforce Id order.</summary>
    IAsyncEnumerable<LinkOrigins> ReadLinkOriginsAsync(string mapping, CancellationToken cancellationToken);

    /// <summary>Every earlier field decision kept (field_history), streamed in the order they were kept.</summary>
    IAsyncEnumerable<FieldHistoryEntry> ReadFieldHistoryAsync(string mapping, CancellationToken cancellationToken);

    /// <summary>Sets links' current field origins and adds earlier decisions as they were read from another store. One transaction.</summary>
    Task AppendFieldStoriesAsync(string mapping, IReadOnlyList<LinkOrigins> origins, IReadOnlyList<FieldHistoryEntry> history, CancellationToken cancellationToken);

    /// <summary>What the state keeps about the mapping itself: a recorded status and the field pairs of the last pass (null where never recorded).</summary>
    Task<MappingSettings> GetMappingSettingsAsync(string mapping, CancellationToken cancellationToken);

    /// <summary>Records the mapping's status (Enable-/Disable-SyncMapping -State), which overrides the mapping's own; null removes the record.</summary>
    Task<MappingSettings> SetMappingStatusAsync(string mapping, Mapping.MappingStatus? status, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Keeps the field pairs a pass ran with, so the next pass can tell which pairs changed since.</summary>
    Task SetFieldPairsAsync(string mapping, IReadOnlyList<FieldPair> pairs, CancellationToken cancellationToken);

    /// <summary>Keeps the mapping's definition as a run ran it (replacing the one kept before), so the mapping can be run by its name alone.</summary>
    Task StoreMappingDefinitionAsync(MappingDefinition definition, CancellationToken cancellationToken);

    /// <summary>The mapping's definition as its last run ran it; null when no run of this module version stored one.</summary>
    Task<MappingDefinition?> GetMappingDefinitionAsync(string mapping, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the lease on a mapping for <paramref name="holder"/>, waiting up to <paramref name="waitTimeout"/> while
    /// another runner holds it; then fails with SyncLeaseUnavailable naming that runner.
    /// </summary>
    Task<StateLease> AcquireLeaseAsync(string mapping, string holder, TimeSpan timeToLive, TimeSpan waitTimeout, CancellationToken cancellationToken);

    /// <summary>Extends a held lease (the heartbeat); fails with SyncLeaseLost when it expired or was taken over.</summary>
    Task<StateLease> RenewLeaseAsync(StateLease lease, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>Gives a lease up so the next runner need not wait for it to expire.</summary>
    Task ReleaseLeaseAsync(StateLease lease, CancellationToken cancellationToken);
}
