using System.Data.Common;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Sync;

/// <summary>
/// The retries of one run: snapshots of both clients' and the store's counters when the run starts, recorded with the
/// run (by kind, per side) before it finishes, whether it succeeded or failed.
/// </summary>
internal sealed class RunRetryTracker
{
    private readonly SalesforceClient _salesforce;
    private readonly HubSpotClient? _hubSpot;
    private readonly IStateStore _state;
    private readonly IReadOnlyDictionary<RetryKind, long> _salesforceAtStart;
    private readonly IReadOnlyDictionary<RetryKind, long> _hubSpotAtStart;
    private readonly IReadOnlyDictionary<RetryKind, long> _stateAtStart;

    public RunRetryTracker(SalesforceClient salesforce, HubSpotClient? hubSpot, IStateStore state)
    {
        _salesforce = salesforce;
        _hubSpot = hubSpot;
        _state = state;
        _salesforceAtStart = salesforce.Retries.Snapshot();
        _hubSpotAtStart = hubSpot?.Retries.Snapshot() ?? new Dictionary<RetryKind, long>();
        _stateAtStart = state.Retries.Snapshot();
    }

    /// <summary>The retries since the run started.</summary>
    public SyncRunRetries Counted => SyncRunRetries.From(
        _salesforce.Retries.Since(_salesforceAtStart),
        _hubSpot?.Retries.Since(_hubSpotAtStart) ?? new Dictionary<RetryKind, long>(),
        _state.Retries.Since(_stateAtStart));

    public Task RecordAsync(long runId, string mapping) => _state.RecordRetriesAsync(runId, mapping, Counted, CancellationToken.None);

    /// <summary>Records the run's retries, then closes it: the record returned has them.</summary>
    public async Task<SyncRunRecord> FinishRunAsync(long runId, string mapping, SyncRunState state, string? error)
    {
        await RecordAsync(runId, mapping).ConfigureAwait(false);
        return await _state.FinishRunAsync(runId, state, error, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>For a run that failed: records its retries as it can, then lets <paramref name="abandon"/> close it.</summary>
    public async Task AbandonAsync(long runId, string mapping, Func<Task> abandon)
    {
        ArgumentNullException.ThrowIfNull(abandon);
        await RecordQuietlyAsync(runId, mapping).ConfigureAwait(false);
        await abandon().ConfigureAwait(false);
    }

    /// <summary>For a run that is failing: records what it can; a state that cannot take it does not hide the run's own error.</summary>
    public async Task RecordQuietlyAsync(long runId, string mapping)
    {
        try
        {
            await RecordAsync(runId, mapping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SyncException or DbException or IOException or InvalidOperationException)
        {
        }
    }
}
