using System.Runtime.CompilerServices;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.State;

/// <summary>
/// What every caller gets from <see cref="StateStore.OpenAsync"/>: the store, with its outages handled in one place.
/// Work the store calls transient (SQLite's file locked by another process, a PostgreSQL server restarting, a dropped
/// connection) is sent again, a bounded number of times, each counted in the store's retries (StateBusy,
/// StateUnavailable); every unit of work is one transaction, so a retried one committed nothing before. What still fails (SQLite held locked longer than its
/// busy timeout, a server that stays down) ends as one clear error naming the state.
/// </summary>
internal sealed class ResilientStateStore(SqlStateStore inner) : IStateStore
{
    /// <summary>The store itself (tests shorten a SQLite store's busy timeout through it).</summary>
    internal SqlStateStore Inner => inner;

    public string Location => inner.Location;

    public int SchemaVersion => inner.SchemaVersion;

    public RetryCounter Retries => inner.Retries;

    private async Task<T> Guard<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (inner.Transient(ex) is { } fault && attempt < fault.MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                inner.Retries.Count(fault.Kind);
                if (fault.Backoff > TimeSpan.Zero)
                {
                    await Task.Delay(fault.Backoff * attempt, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (inner.Explain(ex, attempt) is { } explained)
            {
                throw explained;
            }
        }
    }

    private Task Guard(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
        => Guard(async ct =>
        {
            await work(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    private async IAsyncEnumerable<T> Stream<T>(IAsyncEnumerable<T> rows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var e = rows.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await e.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (inner.Explain(ex, 1) is { } explained)
            {
                throw explained;
            }

            if (!more)
            {
                yield break;
            }

            yield return e.Current;
        }
    }

    public Task<IReadOnlyDictionary<string, RecordLink>> GetLinksBySalesforceIdAsync(string mapping, IReadOnlyCollection<string> salesforceIds, CancellationToken cancellationToken)
        => Guard(ct => inner.GetLinksBySalesforceIdAsync(mapping, salesforceIds, ct), cancellationToken);

    public Task<IReadOnlyDictionary<string, RecordLink>> GetLinksByHubSpotIdAsync(string mapping, IReadOnlyCollection<string> hubSpotIds, CancellationToken cancellationToken)
        => Guard(ct => inner.GetLinksByHubSpotIdAsync(mapping, hubSpotIds, ct), cancellationToken);

    public IAsyncEnumerable<RecordLink> ReadLinksAsync(string mapping, CancellationToken cancellationToken)
        => Stream(inner.ReadLinksAsync(mapping, cancellationToken), cancellationToken);

    public Task<long> CountLinksAsync(string mapping, CancellationToken cancellationToken)
        => Guard(ct => inner.CountLinksAsync(mapping, ct), cancellationToken);

    public Task<IReadOnlyList<AssociationLink>> GetAssociationLinksAsync(string mapping, IReadOnlyCollection<string> salesforceIds, CancellationToken cancellationToken)
        => Guard(ct => inner.GetAssociationLinksAsync(mapping, salesforceIds, ct), cancellationToken);

    public IAsyncEnumerable<AssociationLink> ReadAssociationLinksAsync(string mapping, bool pendingOnly, CancellationToken cancellationToken)
        => Stream(inner.ReadAssociationLinksAsync(mapping, pendingOnly, cancellationToken), cancellationToken);

    public Task<SyncWatermarks> GetWatermarksAsync(string mapping, CancellationToken cancellationToken)
        => Guard(ct => inner.GetWatermarksAsync(mapping, ct), cancellationToken);

    public Task<IReadOnlyList<FieldOrigin>> GetFieldOriginsAsync(string mapping, string salesforceId, bool includeHistory, CancellationToken cancellationToken)
        => Guard(ct => inner.GetFieldOriginsAsync(mapping, salesforceId, includeHistory, ct), cancellationToken);

    public Task CommitAsync(StateChange change, CancellationToken cancellationToken)
        => Guard(ct => inner.CommitAsync(change, ct), cancellationToken);

    public Task<long> ForgetFieldAsync(string mapping, string field, CancellationToken cancellationToken)
        => Guard(ct => inner.ForgetFieldAsync(mapping, field, ct), cancellationToken);

    public Task<SyncRunRecord> StartRunAsync(string mapping, SyncRunKind kind, long? total, string? runner, CancellationToken cancellationToken)
        => Guard(ct => inner.StartRunAsync(mapping, kind, total, runner, ct), cancellationToken);

    public Task<SyncRunRecord> FinishRunAsync(long runId, SyncRunState state, string? error, CancellationToken cancellationToken)
        => Guard(ct => inner.FinishRunAsync(runId, state, error, ct), cancellationToken);

    public Task SetRunApiVersionsAsync(long runId, string apiVersions, CancellationToken cancellationToken)
        => Guard(ct => inner.SetRunApiVersionsAsync(runId, apiVersions, ct), cancellationToken);

    public Task<SyncRunRecord?> GetRunAsync(long runId, CancellationToken cancellationToken)
        => Guard(ct => inner.GetRunAsync(runId, ct), cancellationToken);

    public Task<IReadOnlyList<SyncRunRecord>> GetRunsAsync(string? mapping, SyncRunKind? kind, int last, CancellationToken cancellationToken)
        => Guard(ct => inner.GetRunsAsync(mapping, kind, last, ct), cancellationToken);

    public Task RecordApiUseAsync(RunApiUse use, CancellationToken cancellationToken)
        => Guard(ct => inner.RecordApiUseAsync(use, ct), cancellationToken);

    public Task<IReadOnlyDictionary<long, RunApiUse>> GetApiUseAsync(string? mapping, CancellationToken cancellationToken)
        => Guard(ct => inner.GetApiUseAsync(mapping, ct), cancellationToken);

    public Task RecordRetriesAsync(long runId, string mapping, SyncRunRetries retries, CancellationToken cancellationToken)
        => Guard(ct => inner.RecordRetriesAsync(runId, mapping, retries, ct), cancellationToken);

    public Task<IReadOnlyList<RecordError>> GetErrorsAsync(string? mapping, bool includeResolved, CancellationToken cancellationToken)
        => Guard(ct => inner.GetErrorsAsync(mapping, includeResolved, ct), cancellationToken);

    public Task<IReadOnlyList<ConflictRecord>> GetConflictsAsync(string? mapping, int last, CancellationToken cancellationToken)
        => Guard(ct => inner.GetConflictsAsync(mapping, last, ct), cancellationToken);

    public Task<IReadOnlyList<string>> GetMappingsAsync(CancellationToken cancellationToken)
        => Guard(inner.GetMappingsAsync, cancellationToken);

    public Task<StateCounts> CountAsync(string mapping, CancellationToken cancellationToken)
        => Guard(ct => inner.CountAsync(mapping, ct), cancellationToken);

    public Task ClearMappingAsync(string mapping, CancellationToken cancellationToken)
        => Guard(ct => inner.ClearMappingAsync(mapping, ct), cancellationToken);

    public Task<IReadOnlyDictionary<long, long>> AppendHistoryAsync(string mapping, StateHistory history, CancellationToken cancellationToken)
        => Guard(ct => inner.AppendHistoryAsync(mapping, history, ct), cancellationToken);

    public IAsyncEnumerable<LinkOrigins> ReadLinkOriginsAsync(string mapping, CancellationToken cancellationToken)
        => Stream(inner.ReadLinkOriginsAsync(mapping, cancellationToken), cancellationToken);

    public IAsyncEnumerable<FieldHistoryEntry> ReadFieldHistoryAsync(string mapping, CancellationToken cancellationToken)
        => Stream(inner.ReadFieldHistoryAsync(mapping, cancellationToken), cancellationToken);

    public Task AppendFieldStoriesAsync(string mapping, IReadOnlyList<LinkOrigins> origins, IReadOnlyList<FieldHistoryEntry> history, CancellationToken cancellationToken)
        => Guard(ct => inner.AppendFieldStoriesAsync(mapping, origins, history, ct), cancellationToken);

    public Task StoreMappingDefinitionAsync(MappingDefinition definition, CancellationToken cancellationToken)
        => Guard(ct => inner.StoreMappingDefinitionAsync(definition, ct), cancellationToken);

    public Task<MappingDefinition?> GetMappingDefinitionAsync(string mapping, CancellationToken cancellationToken)
        => Guard(ct => inner.GetMappingDefinitionAsync(mapping, ct), cancellationToken);

    public Task<MappingSettings> GetMappingSettingsAsync(string mapping, CancellationToken cancellationToken)
        => Guard(ct => inner.GetMappingSettingsAsync(mapping, ct), cancellationToken);

    public Task<MappingSettings> SetMappingStatusAsync(string mapping, Mapping.MappingStatus? status, DateTimeOffset at, CancellationToken cancellationToken)
        => Guard(ct => inner.SetMappingStatusAsync(mapping, status, at, ct), cancellationToken);

    public Task SetFieldPairsAsync(string mapping, IReadOnlyList<FieldPair> pairs, CancellationToken cancellationToken)
        => Guard(ct => inner.SetFieldPairsAsync(mapping, pairs, ct), cancellationToken);

    public Task<StateLease> AcquireLeaseAsync(string mapping, string holder, TimeSpan timeToLive, TimeSpan waitTimeout, CancellationToken cancellationToken)
        => Guard(ct => inner.AcquireLeaseAsync(mapping, holder, timeToLive, waitTimeout, ct), cancellationToken);

    public Task<StateLease> RenewLeaseAsync(StateLease lease, TimeSpan timeToLive, CancellationToken cancellationToken)
        => Guard(ct => inner.RenewLeaseAsync(lease, timeToLive, ct), cancellationToken);

    public Task ReleaseLeaseAsync(StateLease lease, CancellationToken cancellationToken)
        => Guard(ct => inner.ReleaseLeaseAsync(lease, ct), cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
