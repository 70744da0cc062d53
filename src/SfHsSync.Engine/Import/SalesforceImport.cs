using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Sync.Associations;
using SfHsSync.Engine.Sync.Values;

namespace SfHsSync.Engine.Import;

/// <summary>
/// The backfill: every Salesforce record of a mapped object (or those changed since a date) reaches HubSpot. Records
/// stream in Id order (REST pages for small objects, a Bulk API 2.0 job above the threshold); each 100 are paired with
/// their links, decided by the reconciler and written as one HubSpot batch upsert on the Salesforce Id property, then
/// committed with the run's cursor. Records already linked with equal values are skipped, so a second import writes
/// nothing, and an import killed at any point continues after its last commit and ends as one that ran straight through.
/// When it ends, a mapping that never synced gets watermarks taken before the first read, so Start-Sync carries on from
/// there.
/// </summary>
public sealed class SalesforceImport
{
    private const int BatchSize = HubSpotClient.BatchSize;

    private readonly SalesforceClient _salesforce;
    private readonly HubSpotClient _hubSpot;
    private readonly IStateStore _state;
    private readonly ImportOptions _options;
    private readonly ISyncObserver _observer;

    public SalesforceImport(SalesforceClient salesforce, HubSpotClient hubSpot, IStateStore state, ImportOptions? options = null, ISyncObserver? observer = null)
    {
        _salesforce = salesforce ?? throw new ArgumentNullException(nameof(salesforce));
        _hubSpot = hubSpot ?? throw new ArgumentNullException(nameof(hubSpot));
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _options = options ?? new ImportOptions();
        _options.Validate();
        _observer = observer ?? SilentSyncObserver.Instance;
    }

    /// <summary>How many records an import would read, at the cost of one count query (the seed's review step).</summary>
    public async Task<SyncImportPreview> PreviewAsync(MappingRuntime runtime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        MatchFieldOf(runtime);
        var unfinished = await ResumableAsync(runtime.Mapping.Name, cancellationToken).ConfigureAwait(false);
        if (_options.Resume && unfinished is null)
        {
            throw NothingToResume(runtime.Mapping.Name);
        }

        var since = unfinished?.Cursor.ChangedSince ?? _options.ChangedSince;
        var count = await _salesforce.CountAsync(ImportQuery.Count(runtime.Salesforce, since, unfinished?.Cursor.LastId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new SyncImportPreview
        {
            Mapping = runtime.Mapping.Name,
            SalesforceObject = runtime.Mapping.SalesforceObject,
            HubSpotObject = runtime.Mapping.HubSpotObject,
            Records = count,
            Method = MethodFor(count),
            ChangedSince = since,
            ResumesImport = unfinished?.Run.Id,
        };
    }

    /// <summary>
    /// Runs the import, or continues the mapping's unfinished one. <paramref name="stop"/> (Ctrl+C) stops at the next
    /// batch boundary with nothing lost; the run then reads Cancelled and the next import continues it.
    /// </summary>
    public async Task<SyncImportResult> RunAsync(MappingRuntime runtime, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var matchField = MatchFieldOf(runtime);
        var mapping = runtime.Mapping.Name;
        var sfCalls = _salesforce.ApiCallCount;
        var hsCalls = _hubSpot.ApiCallCount;
        var sync = _options.Sync;
        var retries = new RunRetryTracker(_salesforce, _hubSpot, _state);
        await using var lease = await LeaseKeeper.AcquireAsync(_state, mapping, sync.Runner, sync.LeaseTimeToLive, sync.LeaseTimeout, stop).ConfigureAwait(false);
        var (run, cursor) = await BeginAsync(runtime, lease, stop).ConfigureAwait(false);
        await _state.StoreMappingDefinitionAsync(MappingDefinition.Of(runtime.Mapping, run.Id), CancellationToken.None).ConfigureAwait(false);
        var state = SyncRunState.Succeeded;
        string? error = null;
        try
        {
            var (failedNow, associationCounts) = await ImportRecordsAsync(runtime, matchField, run, cursor, lease, stop).ConfigureAwait(false);
            var failed = run.Counts.Failed + failedNow;

            // The associations this session made, moved, removed, left waiting or failed, counted in the run as a pass counts them.
            var calls = associationCounts + new SyncRunCounts { SalesforceApiCalls = _salesforce.ApiCallCount - sfCalls, HubSpotApiCalls = _hubSpot.ApiCallCount - hsCalls };
            if (stop.IsCancellationRequested)
            {
                state = SyncRunState.Cancelled;
                error = "Stopped at a batch boundary; run Import-SalesforceObject again (or with -Resume) to continue after the last committed record.";
                await _state.CommitAsync(new StateChange { Mapping = mapping, RunId = run.Id, Lease = lease.Current, CountsDelta = calls }, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                var marks = await _state.GetWatermarksAsync(mapping, CancellationToken.None).ConfigureAwait(false);
                await _state.CommitAsync(new StateChange
                {
                    Mapping = mapping,
                    RunId = run.Id,
                    Lease = lease.Current,
                    CountsDelta = calls,
                    Watermarks = WatermarksAfter(marks, cursor),
                }, CancellationToken.None).ConfigureAwait(false);
                if (failed > 0)
                {
                    state = SyncRunState.CompletedWithErrors;
                    error = $"{failed} record(s) failed; Get-SyncError lists them with their reasons. Start-Sync retries them.";
                }
            }
        }
        catch (Exception ex)
        {
            await retries.AbandonAsync(run.Id, mapping, () => AbandonAsync(run.Id, ex)).ConfigureAwait(false);
            throw;
        }

        var finished = await retries.FinishRunAsync(run.Id, mapping, state, error).ConfigureAwait(false);
        var minimum = RunCallMinimum.Import(finished.Counts.Read, MethodFor(finished.Total ?? finished.Counts.Read) == ImportReadMethod.Bulk, finished.Counts);
        await _state.RecordApiUseAsync(RunCallMinimum.Measure(finished, minimum, _salesforce.LastApiUsage, _hubSpot), CancellationToken.None).ConfigureAwait(false);
        return SyncImportResult.From(finished);
    }

    private sealed record Resumable(SyncRunRecord Run, ImportCursor Cursor);

    /// <summary>The mapping's last import when it did not finish and kept a cursor to continue from.</summary>
    private async Task<Resumable?> ResumableAsync(string mapping, CancellationToken cancellationToken)
    {
        var last = (await _state.GetRunsAsync(mapping, SyncRunKind.Import, 1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        return last is { State: SyncRunState.Running or SyncRunState.Cancelled or SyncRunState.Failed or SyncRunState.Interrupted } && ImportCursor.TryParse(last.Cursor) is { } cursor
            ? new Resumable(last, cursor)
            : null;
    }

    /// <summary>Continues the unfinished import, or starts one: the watermarks are taken here, before anything is read.</summary>
    private async Task<(SyncRunRecord Run, ImportCursor Cursor)> BeginAsync(MappingRuntime runtime, LeaseKeeper lease, CancellationToken stop)
    {
        var mapping = runtime.Mapping.Name;
        if (await ResumableAsync(mapping, stop).ConfigureAwait(false) is { } unfinished)
        {
            if (_options.ChangedSince is { } asked && asked != unfinished.Cursor.ChangedSince)
            {
                _observer.Warning($"{mapping}: import {unfinished.Run.Id} is continued with the filter it began with ({Show(unfinished.Cursor.ChangedSince)}), not {Show(asked)}.");
            }

            // Reopened rather than replaced, so the imports table shows one import however often it was resumed.
            var reopened = await _state.FinishRunAsync(unfinished.Run.Id, SyncRunState.Running, null, CancellationToken.None).ConfigureAwait(false);
            _observer.Verbose($"{mapping}: resuming import {reopened.Id} {unfinished.Cursor} ({reopened.Counts.Read:N0} of {reopened.Total:N0} records done).");
            return (reopened, unfinished.Cursor);
        }

        if (_options.Resume)
        {
            throw NothingToResume(mapping);
        }

        var last = (await _state.GetRunsAsync(mapping, SyncRunKind.Import, 1, stop).ConfigureAwait(false)).FirstOrDefault();
        if (last is { State: SyncRunState.Running })
        {
            // Killed before it recorded where it began: nothing of it can be continued, and nothing of it is lost.
            await _state.FinishRunAsync(last.Id, SyncRunState.Failed, "Stopped before its first commit; a new import replaced it.", CancellationToken.None).ConfigureAwait(false);
        }

        var hubSpotMark = DateTimeOffset.UtcNow - _options.Sync.HubSpotSearchLag;
        var since = _options.ChangedSince;
        var total = await _salesforce.CountAsync(ImportQuery.Count(runtime.Salesforce, since, null), cancellationToken: stop).ConfigureAwait(false);
        var salesforceMark = await ImportQuery.LatestChangeAsync(_salesforce, runtime, _options.Sync.SalesforceCommitLag, stop).ConfigureAwait(false);
        var run = await _state.StartRunAsync(mapping, SyncRunKind.Import, total, _options.Sync.Runner, CancellationToken.None).ConfigureAwait(false);
        await _state.SetRunApiVersionsAsync(run.Id, RunApiVersions.Of(_salesforce, _hubSpot), CancellationToken.None).ConfigureAwait(false);
        var cursor = new ImportCursor(null, salesforceMark, hubSpotMark, since);
        await _state.CommitAsync(new StateChange { Mapping = mapping, RunId = run.Id, Lease = lease.Current, Cursor = cursor.ToText() }, CancellationToken.None).ConfigureAwait(false);
        _observer.Verbose($"{mapping}: {total:N0} {runtime.Mapping.SalesforceObject} record(s) to import{(since is null ? string.Empty : " changed since " + Show(since))} (import {run.Id}).");
        return (run, cursor);
    }

    /// <summary>Reads, decides and writes every record after the cursor; returns how many failed in this session, and its association counts.</summary>
    private async Task<(long Failed, SyncRunCounts Associations)> ImportRecordsAsync(MappingRuntime runtime, FieldConverter? matchField, SyncRunRecord run, ImportCursor cursor, LeaseKeeper lease, CancellationToken stop)
    {
        var mapping = runtime.Mapping.Name;

        // The import is the explicit order to bring Salesforce's records over, whatever the mapping lets creates do later.
        var policy = runtime.Policy with { CreateDirection = SyncDirection.SalesforceToHubSpot };
        var options = _options.Sync with { SalesforceBatchSize = BatchSize, HubSpotBatchSize = BatchSize };
        var associations = await AssociationSync.CreateAsync(runtime, _salesforce, _hubSpot, _state, lease, run.Id, _observer, stop).ConfigureAwait(false);
        var executor = new SyncStepExecutor(runtime, _salesforce, _hubSpot, _state, options, run.Id, lease)
        {
            CreatedByThisRunSince = run.StartedAt,
            AssociationFields = associations.Associations.Select(a => a.Field).ToList(),
        };
        var matches = matchField is null ? null : await HubSpotMatchIndex.BuildAsync(runtime, matchField, _hubSpot, _state, stop).ConfigureAwait(false);
        if (matches is not null)
        {
            _observer.Verbose($"{mapping}: {matches.Count:N0} HubSpot record(s) without a Salesforce Id can be matched on {matches.PropertyName}.");
        }

        var left = Math.Max(0, (run.Total ?? 0) - run.Counts.Read);
        var method = MethodFor(left);
        _observer.Verbose($"{mapping}: reading about {left:N0} record(s) {cursor} with {(method == ImportReadMethod.Bulk ? "a Bulk API 2.0 query" : "REST query pages")}.");
        var query = ImportQuery.Records(runtime, cursor.ChangedSince, cursor.LastId);
        var records = method == ImportReadMethod.Bulk ? _salesforce.BulkQueryAsync(query, cancellationToken: stop) : _salesforce.QueryAsync(query, cancellationToken: stop);

        var clock = Stopwatch.StartNew();
        long done = 0;
        var batch = new List<SalesforceRecord>(BatchSize);
        await foreach (var record in records.ConfigureAwait(false))
        {
            batch.Add(record);
            if (batch.Count < BatchSize)
            {
                continue;
            }

            cursor = await ImportBatchAsync(runtime, policy, executor, associations, matches, batch, cursor, stop).ConfigureAwait(false);
            done += batch.Count;
            batch.Clear();
            Report(mapping, run, done, clock.Elapsed);
            if (stop.IsCancellationRequested)
            {
                return (executor.Failed, associations.RunCounts);
            }
        }

        if (batch.Count > 0 && !stop.IsCancellationRequested)
        {
            await ImportBatchAsync(runtime, policy, executor, associations, matches, batch, cursor, stop).ConfigureAwait(false);
            done += batch.Count;
            Report(mapping, run, done, clock.Elapsed);
        }

        if (!stop.IsCancellationRequested)
        {
            // Lookups whose target had not synced when their record was imported get their association once it has.
            await associations.RetryPendingAsync(stop).ConfigureAwait(false);
        }

        return (executor.Failed, associations.RunCounts);
    }

    /// <summary>One batch: pair with links (or -MatchOn matches), decide, write, and commit with the cursor after its last record.</summary>
    private async Task<ImportCursor> ImportBatchAsync(MappingRuntime runtime, ReconcilePolicy policy, SyncStepExecutor executor, AssociationSync associations, HubSpotMatchIndex? matches,
        IReadOnlyList<SalesforceRecord> batch, ImportCursor cursor, CancellationToken stop)
    {
        var mapping = runtime.Mapping.Name;
        var links = await _state.GetLinksBySalesforceIdAsync(mapping, batch.Select(r => r.Id!).ToArray(), stop).ConfigureAwait(false);
        var decided = new List<(RecordPair, RecordDecision)>(batch.Count);
        var errors = new List<RecordError>();
        foreach (var record in batch)
        {
            var salesforce = SideSnapshot.Present(record.Id!, runtime.CanonicalOf(record));
            RecordPair pair;
            if (links.TryGetValue(record.Id!, out var link))
            {
                // HubSpot is not read for linked records: its value is the last-synced one until Start-Sync sees it change.
                pair = new RecordPair(link, salesforce, new SideSnapshot(SideState.Unchanged, link.HubSpotId, null)) { SalesforceRecord = record };
            }
            else if (matches?.Claim(record) is { } found && (found.Match is not null || found.Ambiguous.Count > 0))
            {
                if (found.Match is not { } match)
                {
                    errors.Add(Ambiguous(mapping, record, matches.PropertyName, found.Ambiguous));
                    continue;
                }

                pair = new RecordPair(null, salesforce, SideSnapshot.Present(match.Id, runtime.CanonicalOf(match))) { SalesforceRecord = record, HubSpotRecord = match };
            }
            else
            {
                pair = new RecordPair(null, salesforce, SideSnapshot.Absent) { SalesforceRecord = record };
            }

            decided.Add((pair, Reconciler.Decide(policy, pair.Input)));
        }

        var next = cursor with { LastId = batch[^1].Id };
        await executor.ExecuteAsync(decided, stop, new StateChange
        {
            Mapping = mapping,
            Cursor = next.ToText(),
            Errors = errors,
            CountsDelta = new SyncRunCounts { Read = batch.Count, Failed = errors.Count },
        }).ConfigureAwait(false);
        if (!stop.IsCancellationRequested)
        {
            // The batch's records are linked and committed: their lookups become associations now.
            await associations.ApplyAsync(decided.Select(d => d.Item1), stop).ConfigureAwait(false);
        }

        return next;
    }

    /// <summary>
    /// The watermarks a finished import leaves: a side that has none yet starts where the import began, so Start-Sync
    /// carries on from there (the imported records come back once as echoes and are recognised as no change). A side
    /// that already has one keeps it: changes and deletes made since then were never imported and must still travel.
    /// </summary>
    internal static SyncWatermarks? WatermarksAfter(SyncWatermarks current, ImportCursor cursor)
    {
        var salesforce = current.Salesforce is null ? cursor.SalesforceMark : null;
        var hubSpot = current.HubSpot is null ? cursor.HubSpotMark : null;
        return salesforce is null && hubSpot is null ? null : new SyncWatermarks(salesforce, hubSpot);
    }

    /// <summary>Records the failure when the state can still be reached; a run that cannot be closed stays Running and is resumed.</summary>
    private async Task AbandonAsync(long runId, Exception failure)
    {
        try
        {
            await _state.FinishRunAsync(runId, failure is OperationCanceledException ? SyncRunState.Cancelled : SyncRunState.Failed, failure.Message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SyncException or DbException or IOException or InvalidOperationException)
        {
            _observer.Warning($"Import {runId} could not be marked as stopped ({ex.Message}); the next import continues it.");
        }
    }

    private void Report(string mapping, SyncRunRecord run, long done, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        _observer.Progress(mapping, string.Create(CultureInfo.InvariantCulture, $"Importing at {rate:N0} records/s"), run.Counts.Read + done, run.Total);
    }

    private ImportReadMethod MethodFor(long records) => records > _options.BulkThreshold ? ImportReadMethod.Bulk : ImportReadMethod.Rest;

    /// <summary>Checks what the import needs of the mapping; returns the -MatchOn field, when one is asked for.</summary>
    private FieldConverter? MatchFieldOf(MappingRuntime runtime)
    {
        var mapping = runtime.Mapping;
        if (mapping.SalesforceIdProperty is null)
        {
            throw new SyncException("ImportSalesforceIdPropertyMissing", SyncErrorKind.InvalidArgument,
                $"Mapping '{mapping.Name}' names no HubSpot property for the Salesforce Id, so an import could not tell what it already wrote.", mapping.Name)
            {
                RecommendedAction = $"Give the mapping -SalesforceIdProperty: a unique-value property of {mapping.HubSpotObject} that holds the Salesforce record Id.",
            };
        }

        if (_options.MatchOn is not { } matchOn)
        {
            return null;
        }

        return runtime.Converters.FirstOrDefault(c => string.Equals(c.HubSpot.Name, matchOn, StringComparison.OrdinalIgnoreCase))
            ?? runtime.Converters.FirstOrDefault(c => string.Equals(c.Salesforce.Name, matchOn, StringComparison.OrdinalIgnoreCase))
            ?? throw new SyncException("ImportMatchPropertyNotMapped", SyncErrorKind.InvalidArgument,
                $"-MatchOn '{matchOn}' is not a field of mapping '{mapping.Name}'; it maps {string.Join(", ", runtime.Converters.Select(c => $"{c.Salesforce.Name} -> {c.HubSpot.Name}"))}.",
                matchOn)
            {
                RecommendedAction = "Name a mapped HubSpot property (or its Salesforce field) whose value identifies a record on both sides.",
            };
    }

    private static RecordError Ambiguous(string mapping, SalesforceRecord record, string property, IReadOnlyList<HubSpotRecord> candidates)
        => new()
        {
            Mapping = mapping,
            Side = SyncSide.HubSpot,
            RecordId = record.Id!,
            Operation = "Link",
            ErrorCode = "MATCH_AMBIGUOUS",
            Message = $"{candidates.Count} HubSpot records ({string.Join(", ", candidates.Select(c => c.Id))}) share this record's {property}; " +
                "none was linked. Give the right one the Salesforce Id, or make the values unique, and import again.",
            LastSeen = DateTimeOffset.UtcNow,
        };

    private static SyncException NothingToResume(string mapping)
        => new("ImportNothingToResume", SyncErrorKind.InvalidOperation,
            $"Mapping '{mapping}' has no unfinished import to resume.", mapping)
        {
            RecommendedAction = "Run Import-SalesforceObject without -Resume to start an import; Get-SyncImport lists the past ones.",
        };

    private static string Show(DateTimeOffset? at) => at is { } value ? value.ToString("u", CultureInfo.InvariantCulture) : "no filter";
}
