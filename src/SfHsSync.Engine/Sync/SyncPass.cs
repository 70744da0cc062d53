using System.Runtime.CompilerServices;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync.Associations;
using SfHsSync.Engine.Sync.Reading;

namespace SfHsSync.Engine.Sync;

/// <summary>
/// One pass of one mapping, as data flows: read what changed on each side since its watermark, pair the records with
/// their links, let the reconciler decide, and hand each step's decisions to the executor (a real run) or turn them
/// into plan items (a preview). Watermarks move only when the whole pass has been read and written.
/// </summary>
public sealed partial class SyncPass
{
    /// <summary>Linked records compared per step after a pair changed: two HubSpot batch reads and one Salesforce retrieve.</summary>
    private const int CompareBatch = 200;

    private readonly SalesforceClient _salesforce;
    private readonly HubSpotClient _hubSpot;
    private readonly IStateStore _state;
    private readonly SyncOptions _options;
    private readonly ISyncObserver _observer;
    private SalesforceReading? _lastReading;

    public SyncPass(SalesforceClient salesforce, HubSpotClient hubSpot, IStateStore state, SyncOptions? options = null, ISyncObserver? observer = null)
    {
        _salesforce = salesforce ?? throw new ArgumentNullException(nameof(salesforce));
        _hubSpot = hubSpot ?? throw new ArgumentNullException(nameof(hubSpot));
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _options = options ?? new SyncOptions();
        _observer = observer ?? SilentSyncObserver.Instance;
    }

    /// <summary>
    /// How the last pass or preview read a Salesforce object that cannot be read incrementally with queryAll (a full
    /// comparison, or deletes found by Ids), and what that costs per pass; null for an ordinary incremental read.
    /// </summary>
    public string? ReadingCost => _lastReading is { Kind: not Metadata.SalesforceReadKind.Incremental } reading ? reading.Describe() : null;

    /// <summary>
    /// Runs the pass: writes in batches, commits each batch's state with it, and reports a run that failed records
    /// as CompletedWithErrors. <paramref name="stop"/> (Ctrl+C) stops at the next batch boundary with nothing lost.
    /// </summary>
    public Task<SyncRunResult> RunAsync(MappingRuntime runtime, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return RunAsync(runtime, new PassReader(SyncRunKind.Sync, (changes, step, token) => ReadAsync(runtime, changes, step, token)), stop);
    }

    /// <summary>What a pass reads and how it is recorded: a sync pass reads the changes since the watermarks; a resync the records named.</summary>
    private sealed record PassReader(SyncRunKind Kind, Func<FieldPairChanges, Func<IReadOnlyList<RecordPair>, CancellationToken, Task>, CancellationToken, Task<ReadOutcome>> Read)
    {
        public bool IsResync => Kind == SyncRunKind.Resync;
    }

    private async Task<SyncRunResult> RunAsync(MappingRuntime runtime, PassReader reader, CancellationToken stop)
    {
        var mapping = runtime.Mapping.Name;
        var sfCalls = _salesforce.ApiCallCount;
        var hsCalls = _hubSpot.ApiCallCount;
        var retries = new RunRetryTracker(_salesforce, _hubSpot, _state);
        await using var lease = await LeaseKeeper.AcquireAsync(_state, mapping, _options.Runner, _options.LeaseTimeToLive, _options.LeaseTimeout, stop).ConfigureAwait(false);
        var changes = await FieldPairChangesAsync(runtime, stop).ConfigureAwait(false);
        foreach (var field in reader.IsResync ? Enumerable.Empty<string>() : changes.Forgotten)
        {
            var forgotten = await _state.ForgetFieldAsync(mapping, field, stop).ConfigureAwait(false);
            _observer.Verbose($"{mapping}: the pair of {field} changed or was removed since the last pass; its last-synced values were forgotten on {forgotten} link(s).");
        }

        var run = await _state.StartRunAsync(mapping, reader.Kind, null, _options.Runner, CancellationToken.None).ConfigureAwait(false);
        await _state.SetRunApiVersionsAsync(run.Id, RunApiVersions.Of(_salesforce, _hubSpot), CancellationToken.None).ConfigureAwait(false);
        await _state.StoreMappingDefinitionAsync(MappingDefinition.Of(runtime.Mapping, run.Id), CancellationToken.None).ConfigureAwait(false);
        var executor = new SyncStepExecutor(runtime, _salesforce, _hubSpot, _state, _options, run.Id, lease);
        AssociationSync? associations = null;
        ReadOutcome? read = null;
        var state = SyncRunState.Succeeded;
        string? error = null;
        try
        {
            associations = await AssociationSync.CreateAsync(runtime, _salesforce, _hubSpot, _state, lease, run.Id, _observer, stop).ConfigureAwait(false);
            var reading = await reader.Read(changes, async (pairs, token) =>
            {
                var decided = pairs.Select(p => (p, Reconciler.Decide(runtime.Policy, p.Input))).ToList();

                // A partly filled batch waits for the next step, so steps never cost a call more than their records need.
                var settled = await executor.ExecuteAsync(decided, stop, hold: true).ConfigureAwait(false);

                // After the commit, so records it created have their HubSpot ids in the links; held ones follow when committed.
                if (!stop.IsCancellationRequested)
                {
                    await associations.ApplyAsync(settled, stop).ConfigureAwait(false);
                }

                _observer.Progress(mapping, "Writing", executor.Written, null);
            }, stop).ConfigureAwait(false);

            if (!stop.IsCancellationRequested)
            {
                // The batches the steps left partly filled.
                var settled = await executor.FlushAsync(stop).ConfigureAwait(false);
                if (!stop.IsCancellationRequested)
                {
                    await associations.ApplyAsync(settled, stop).ConfigureAwait(false);
                }
            }

            if (stop.IsCancellationRequested)
            {
                state = SyncRunState.Cancelled;
                error = "Stopped at a batch boundary; the next run continues from the last committed batch.";
            }
            else
            {
                if (!reader.IsResync)
                {
                    await associations.RetryPendingAsync(stop).ConfigureAwait(false);
                }

                if (_options.ScanAssociations && !reader.IsResync)
                {
                    await associations.ScanHubSpotAsync(stop).ConfigureAwait(false);
                }

                await _state.CommitAsync(new StateChange
                {
                    Mapping = mapping,
                    RunId = run.Id,
                    Lease = lease.Current,
                    CountsDelta = associations.RunCounts + new SyncRunCounts
                    {
                        Read = reading.Read,
                        SalesforceApiCalls = _salesforce.ApiCallCount - sfCalls,
                        HubSpotApiCalls = _hubSpot.ApiCallCount - hsCalls,
                    },
                    Watermarks = reader.IsResync ? null : reading.Watermarks,
                }, CancellationToken.None).ConfigureAwait(false);
                read = reading;
                WarnOfWaits(mapping, associations.Counts);

                // Only now: a pass stopped before its compare finished leaves the old pairs, so the next pass compares again.
                // A resync compares only its records, so the next sync pass still compares every link on a changed pair.
                if (!reader.IsResync)
                {
                    await _state.SetFieldPairsAsync(mapping, runtime.Mapping.Fields.Select(FieldPair.Of).ToList(), CancellationToken.None).ConfigureAwait(false);
                }
                if (executor.Failed > 0)
                {
                    state = SyncRunState.CompletedWithErrors;
                    error = $"{executor.Failed} record(s) failed; Get-SyncError lists them with their reasons. They are retried on the next run.";
                }

                if (associations.Counts.Failed > 0)
                {
                    state = SyncRunState.CompletedWithErrors;
                    error = (error is null ? string.Empty : error + " ")
                        + $"{associations.Counts.Failed} association(s) failed; the warnings give their reasons. They are retried on the next run.";
                }
            }
        }
        catch (Exception ex)
        {
            state = ex is OperationCanceledException ? SyncRunState.Cancelled : SyncRunState.Failed;
            error = ex.Message;
            await retries.AbandonAsync(run.Id, mapping, () => _state.FinishRunAsync(run.Id, state, error, CancellationToken.None)).ConfigureAwait(false);
            throw;
        }

        var finished = await retries.FinishRunAsync(run.Id, mapping, state, error).ConfigureAwait(false);
        if (read is not null)
        {
            var minimum = RunCallMinimum.Pass(read.Read - read.HubSpotRead, read.HubSpotRead, finished.Counts);
            await _state.RecordApiUseAsync(RunCallMinimum.Measure(finished, minimum, _salesforce.LastApiUsage, _hubSpot), CancellationToken.None).ConfigureAwait(false);
        }

        return new SyncRunResult
        {
            Mapping = mapping,
            RunId = run.Id,
            State = state,
            StartedAt = finished.StartedAt,
            FinishedAt = finished.FinishedAt ?? DateTimeOffset.UtcNow,
            Counts = finished.Counts,
            Associations = associations?.Counts ?? new AssociationCounts(),
            Error = error,
        };
    }

    /// <summary>One warning per pass that left associations waiting: how many, and why (their targets do not sync yet).</summary>
    private void WarnOfWaits(string mapping, AssociationCounts counts)
    {
        if (counts.Waiting > 0)
        {
            _observer.Warning($"{mapping}: {counts.Waiting} association(s) wait because the records their lookups name do not sync to HubSpot yet; "
                + "they are made once those records sync. Get-SyncError -Category Association lists each with the target it waits for.");
        }
    }

    /// <summary>The preview: the same reads and decisions as a run, and nothing written anywhere.</summary>
    public IAsyncEnumerable<SyncPlanItem> PreviewAsync(MappingRuntime runtime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return PreviewAsync(runtime, new PassReader(SyncRunKind.Sync, (changes, step, token) => ReadAsync(runtime, changes, step, token)), cancellationToken);
    }

    private async IAsyncEnumerable<SyncPlanItem> PreviewAsync(MappingRuntime runtime, PassReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var items = new List<SyncPlanItem>();

        // A preview writes nothing, so a changed pair's last-synced values are dropped in memory only (FieldPairChanges.Strip).
        var changes = await FieldPairChangesAsync(runtime, cancellationToken).ConfigureAwait(false);
        var associations = await AssociationSync.CreateAsync(runtime, _salesforce, _hubSpot, _state, null, null, _observer, cancellationToken).ConfigureAwait(false);
        await reader.Read(changes, async (pairs, token) =>
        {
            var decided = pairs.Select(p => (p, Reconciler.Decide(runtime.Policy, p.Input))).ToList();
            var planned = await associations.PlanAsync(decided, token).ConfigureAwait(false);
            foreach (var (pair, decision) in decided)
            {
                var associated = pair.SalesforceId is { } id && planned.TryGetValue(id, out var found) ? found : Array.Empty<PlannedAssociationChange>();
                if (decision.Action != RecordAction.None || decision.Conflicts.Count > 0 || associated.Count > 0)
                {
                    // A record whose write would be refused gets no association either.
                    var item = PlanItem(runtime, pair, decision);
                    items.Add(item.Error is null ? item.WithAssociations(associated) : item);
                }
            }
        }, cancellationToken).ConfigureAwait(false);
        if (!reader.IsResync)
        {
            items.AddRange(await associations.PlanPendingAsync(cancellationToken).ConfigureAwait(false));
        }

        if (_options.ScanAssociations && !reader.IsResync)
        {
            items.AddRange(await associations.PlanScanAsync(cancellationToken).ConfigureAwait(false));
        }

        foreach (var item in items)
        {
            yield return item;
        }
    }

    private sealed record ReadOutcome(long Read, SyncWatermarks Watermarks)
    {
        /// <summary>Of <see cref="Read"/>, the changed records HubSpot's search returned.</summary>
        public long HubSpotRead { get; init; }
    }

    /// <summary>
    /// Reads both sides' changes and hands the pairs over in steps. HubSpot's changes are read first and held (they are
    /// the smaller, rate-limited side); Salesforce's stream page by page, each paired with its link and its HubSpot record.
    /// </summary>
    private async Task<ReadOutcome> ReadAsync(MappingRuntime runtime, FieldPairChanges changes, Func<IReadOnlyList<RecordPair>, CancellationToken, Task> step, CancellationToken stop)
    {
        var mapping = runtime.Mapping.Name;
        var passStart = DateTimeOffset.UtcNow;
        var marks = await _state.GetWatermarksAsync(mapping, stop).ConfigureAwait(false);
        long read = 0;

        // The links a changed pair left without an honest last-synced value, as they stand before anything is written.
        var toCompare = new List<(string SalesforceId, string HubSpotId)>();
        if (changes.Compared.Count > 0)
        {
            await foreach (var link in _state.ReadLinksAsync(mapping, stop).ConfigureAwait(false))
            {
                if (changes.NeedsCompare(changes.Strip(link)))
                {
                    toCompare.Add((link.SalesforceId, link.HubSpotId));
                }
            }

            _observer.Verbose($"{mapping}: {string.Join(", ", changes.Compared)} changed pair or newly syncs; {toCompare.Count} linked record(s) are compared on both sides.");
        }

        // HubSpot: changed records since the watermark, and the archived ones.
        var hsChanged = new Dictionary<string, HubSpotRecord>(StringComparer.Ordinal);
        DateTimeOffset? hsMax = null;
        await foreach (var record in _hubSpot.ReadChangedSinceAsync(runtime.HubSpotObjectType, runtime.HubSpotProperties, marks.HubSpot ?? DateTimeOffset.UnixEpoch, stop).ConfigureAwait(false))
        {
            hsChanged[record.Id] = record;
            hsMax = hsMax is null || record.LastModified > hsMax ? record.LastModified : hsMax;
            if (++read % 1000 == 0)
            {
                _observer.Progress(mapping, "Reading HubSpot changes", hsChanged.Count, null);
            }
        }

        var hubSpotRead = read;
        var hsArchived = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var record in _hubSpot.ListAsync(runtime.HubSpotObjectType, Array.Empty<string>(), archived: true, stop).ConfigureAwait(false))
        {
            hsArchived.Add(record.Id);
        }

        var bySalesforceId = runtime.Mapping.SalesforceIdProperty is { } idProperty
            ? hsChanged.Values.Where(r => !string.IsNullOrEmpty(r[idProperty])).GroupBy(r => r[idProperty]!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)
            : new Dictionary<string, HubSpotRecord>(StringComparer.Ordinal);
        _observer.Verbose($"{mapping}: {hsChanged.Count} HubSpot record(s) changed since {Show(marks.HubSpot)}, {hsArchived.Count} archived.");

        // Records that failed before are read again, both halves of a linked pair, whether or not they changed: an edit
        // to the half that did not fail was read once, failed with its pair, and may be behind its watermark by now.
        var pending = await _state.GetErrorsAsync(mapping, includeResolved: false, stop).ConfigureAwait(false);
        var retrySalesforce = pending.Where(e => e.Side == SyncSide.HubSpot).Select(e => e.RecordId).ToHashSet(StringComparer.Ordinal);
        var failedInSalesforce = pending.Where(e => e.Side == SyncSide.Salesforce).Select(e => e.RecordId).ToHashSet(StringComparer.Ordinal);
        var retryHubSpotIds = new HashSet<string>(failedInSalesforce, StringComparer.Ordinal);
        if (retrySalesforce.Count > 0)
        {
            retryHubSpotIds.UnionWith((await _state.GetLinksBySalesforceIdAsync(mapping, retrySalesforce.ToArray(), stop).ConfigureAwait(false)).Values.Select(l => l.HubSpotId));
        }

        if (failedInSalesforce.Count > 0)
        {
            retrySalesforce.UnionWith((await _state.GetLinksByHubSpotIdAsync(mapping, failedInSalesforce.ToArray(), stop).ConfigureAwait(false)).Values.Select(l => l.SalesforceId));
        }

        var retryHubSpot = retryHubSpotIds.Where(id => !hsChanged.ContainsKey(id) && !hsArchived.Contains(id)).ToList();
        if (retryHubSpot.Count > 0)
        {
            foreach (var result in await _hubSpot.BatchReadAsync(runtime.HubSpotObjectType, retryHubSpot, runtime.HubSpotProperties, null, stop).ConfigureAwait(false))
            {
                if (result.Record is { } record)
                {
                    hsChanged[record.Id] = record;
                }
            }
        }

        var consumedHubSpot = new HashSet<string>(StringComparer.Ordinal);
        var sfWatermark = marks.Salesforce is { } sfAt ? new SalesforceWatermark(sfAt, marks.SalesforceLastId) : null;
        SalesforceRecord? lastRead = null;

        // Salesforce: changed records, page by page, each page one step.
        var page = new List<SalesforceRecord>(_options.StepSize);
        DateTimeOffset? sfServerTime = null;
        var recent = new Dictionary<string, (long Stamp, string Version)>(StringComparer.Ordinal);
        long skipped = 0;
        var salesforceReading = _lastReading = new SalesforceReading(_salesforce, runtime);
        await foreach (var record in salesforceReading.ReadAsync(sfWatermark, at => sfServerTime ??= at, stop).ConfigureAwait(false))
        {
            // A full comparison keeps no watermark: every record is read, and the reconciler finds what changed.
            if (salesforceReading.After(record) is { } after)
            {
                lastRead = record;
                var stamp = after.SystemModstamp.ToUnixTimeMilliseconds();
                string? version = null;
                if (_options.SalesforceCommitLag > TimeSpan.Zero && stamp >= ((sfServerTime ?? passStart) - _options.SalesforceCommitLag).ToUnixTimeMilliseconds())
                {
                    // Stamped within the commit lag: the next pass reads it again, and should know it has seen this version.
                    version = SalesforceSeenVersion.Of(runtime, record, stamp);
                    recent[record.Id!] = (stamp, version);
                }

                if (marks.SalesforceSeen.TryGetValue(record.Id!, out var seenVersion) && string.Equals(seenVersion, version ?? SalesforceSeenVersion.Of(runtime, record, stamp), StringComparison.Ordinal))
                {
                    // Read again only because the watermark was held back for transactions still committing: this version
                    // was read (and synced, or failed and retried below) by an earlier pass.
                    skipped++;
                    continue;
                }
            }

            page.Add(record);
            retrySalesforce.Remove(record.Id!);
            if (page.Count == _options.StepSize)
            {
                read += page.Count;
                await StepSalesforceAsync(runtime, changes, page, hsChanged, hsArchived, bySalesforceId, consumedHubSpot, step, stop).ConfigureAwait(false);
                page.Clear();
                if (stop.IsCancellationRequested)
                {
                    return new ReadOutcome(read, marks);
                }
            }
        }

        if (retrySalesforce.Count > 0)
        {
            var retried = await _salesforce.RetrieveAsync(runtime.Mapping.SalesforceObject, retrySalesforce.ToList(), runtime.SalesforceFields, stop).ConfigureAwait(false);
            page.AddRange(retried.OfType<SalesforceRecord>());
        }

        read += page.Count;
        await StepSalesforceAsync(runtime, changes, page, hsChanged, hsArchived, bySalesforceId, consumedHubSpot, step, stop).ConfigureAwait(false);

        // Salesforce deletes (and CampaignMembers removed from their campaign): the rows queryAll still sees, or the
        // linked Ids the object no longer has (SalesforceReading).
        if (!stop.IsCancellationRequested)
        {
            var deleted = await salesforceReading.ReadDeletedAsync(_state, marks.Salesforce, stop).ConfigureAwait(false);
            foreach (var chunk in deleted.Chunk(_options.StepSize))
            {
                var links = changes.Strip(await _state.GetLinksBySalesforceIdAsync(mapping, chunk, stop).ConfigureAwait(false));
                var pairs = new List<RecordPair>();
                foreach (var link in links.Values)
                {
                    consumedHubSpot.Add(link.HubSpotId);
                    pairs.Add(new RecordPair(link, SideSnapshot.Deleted(link.SalesforceId), HubSpotSide(runtime, link.HubSpotId, hsChanged, hsArchived)));
                }

                read += chunk.Length;
                await step(pairs, stop).ConfigureAwait(false);
            }
        }

        // HubSpot records no Salesforce change accounted for: changed, and archived ones still linked.
        var remaining = hsChanged.Keys.Where(id => !consumedHubSpot.Contains(id))
            .Concat(hsArchived.Where(id => !consumedHubSpot.Contains(id) && !hsChanged.ContainsKey(id)))
            .ToList();
        foreach (var chunk in remaining.Chunk(_options.StepSize))
        {
            if (stop.IsCancellationRequested)
            {
                return new ReadOutcome(read, marks);
            }

            read += chunk.Length;
            await StepHubSpotAsync(runtime, changes, chunk, hsChanged, hsArchived, step, stop).ConfigureAwait(false);
        }

        // Linked records a changed pair must compare that no change above brought in: both sides read, in batches.
        if (toCompare.Count > 0)
        {
            var handled = new HashSet<string>(consumedHubSpot, StringComparer.Ordinal);
            handled.UnionWith(hsChanged.Keys);
            handled.UnionWith(hsArchived);
            foreach (var chunk in toCompare.Where(l => !handled.Contains(l.HubSpotId)).Select(l => l.SalesforceId).Chunk(CompareBatch))
            {
                if (stop.IsCancellationRequested)
                {
                    return new ReadOutcome(read, marks);
                }

                read += chunk.Length;
                await StepComparedAsync(runtime, changes, chunk, step, stop).ConfigureAwait(false);
            }
        }

        var newMarks = marks;
        if (lastRead is not null)
        {
            var after = SalesforceMarkAfter(salesforceReading.After(lastRead)!, sfServerTime ?? passStart, sfWatermark) ?? sfWatermark!;
            var from = after.LastId is null ? after.SystemModstamp.ToUnixTimeMilliseconds() : long.MaxValue;
            newMarks = newMarks with
            {
                Salesforce = after.SystemModstamp,
                SalesforceLastId = after.LastId,
                SalesforceSeen = recent.Where(kv => kv.Value.Stamp >= from).ToDictionary(kv => kv.Key, kv => kv.Value.Version, StringComparer.Ordinal),
            };
        }

        if (skipped > 0)
        {
            _observer.Verbose($"{mapping}: {skipped} Salesforce record(s) read again within the commit lag were unchanged since an earlier pass read them.");
        }

        if (hsMax is { } seen)
        {
            // Never past what search may not show yet, never back behind where we were. A last change older than that
            // bound was read with every other record stamped in its millisecond (search showed them all), so the next
            // pass starts just after it rather than reading those records again.
            var bound = passStart - _options.HubSpotSearchLag;
            var mark = seen < bound ? DateTimeOffset.FromUnixTimeMilliseconds(seen.ToUnixTimeMilliseconds() + 1) : bound;
            if (marks.HubSpot is null || mark > marks.HubSpot)
            {
                newMarks = newMarks with { HubSpot = mark };
            }
        }

        return new ReadOutcome(read, newMarks) { HubSpotRead = hubSpotRead };
    }

    /// <summary>
    /// Where the next pass reads Salesforce from: right after the last record read when its stamp is older than the
    /// org's time at the read less <see cref="SyncOptions.SalesforceCommitLag"/> (every transaction stamped then has
    /// committed), else from that bound, inclusive and without an Id, so a record committed late with an earlier or
    /// equal stamp is still read. Null keeps the old watermark: never back behind where we were.
    /// </summary>
    private SalesforceWatermark? SalesforceMarkAfter(SalesforceWatermark lastRead, DateTimeOffset serverTime, SalesforceWatermark? old)
    {
        if (_options.SalesforceCommitLag <= TimeSpan.Zero)
        {
            return lastRead;
        }

        var bound = serverTime - _options.SalesforceCommitLag;
        if (lastRead.SystemModstamp < bound)
        {
            return lastRead;
        }

        return old is not null && bound <= old.SystemModstamp ? null : new SalesforceWatermark(bound);
    }

    private async Task StepSalesforceAsync(MappingRuntime runtime, FieldPairChanges changes, IReadOnlyList<SalesforceRecord> records, Dictionary<string, HubSpotRecord> hsChanged,
        HashSet<string> hsArchived, Dictionary<string, HubSpotRecord> bySalesforceId, HashSet<string> consumedHubSpot,
        Func<IReadOnlyList<RecordPair>, CancellationToken, Task> step, CancellationToken stop)
    {
        if (records.Count == 0)
        {
            return;
        }

        var links = changes.Strip(await _state.GetLinksBySalesforceIdAsync(runtime.Mapping.Name, records.Select(r => r.Id!).ToArray(), stop).ConfigureAwait(false));
        var twins = await NamedTwinsAsync(runtime, records, links, bySalesforceId, hsChanged, hsArchived, stop).ConfigureAwait(false);
        var pairs = new List<RecordPair>(records.Count);
        foreach (var record in records)
        {
            var sf = SideSnapshot.Present(record.Id!, runtime.CanonicalOf(record));
            if (links.TryGetValue(record.Id!, out var link))
            {
                consumedHubSpot.Add(link.HubSpotId);
                var hsRecord = hsChanged.GetValueOrDefault(link.HubSpotId);
                pairs.Add(new RecordPair(link, sf, HubSpotSide(runtime, link.HubSpotId, hsChanged, hsArchived)) { SalesforceRecord = record, HubSpotRecord = hsRecord });
            }
            else if (bySalesforceId.TryGetValue(record.Id!, out var match) && !hsArchived.Contains(match.Id))
            {
                // The same record on both sides, not linked yet: HubSpot carries this Salesforce Id.
                consumedHubSpot.Add(match.Id);
                pairs.Add(new RecordPair(null, sf, SideSnapshot.Present(match.Id, runtime.CanonicalOf(match))) { SalesforceRecord = record, HubSpotRecord = match });
            }
            else if (twins.TryGetValue(record.Id!, out var twin))
            {
                // This record names its HubSpot original but has no link: the run that created it from that original died
                // before its commit. Link the two rather than create the original a second time.
                consumedHubSpot.Add(twin.Id);
                pairs.Add(new RecordPair(null, sf, SideSnapshot.Present(twin.Id, runtime.CanonicalOf(twin))) { SalesforceRecord = record, HubSpotRecord = twin });
            }
            else
            {
                pairs.Add(new RecordPair(null, sf, SideSnapshot.Absent) { SalesforceRecord = record });
            }
        }

        await step(await FillOtherSideAsync(runtime, pairs, stop).ConfigureAwait(false), stop).ConfigureAwait(false);
    }

    /// <summary>
    /// The live HubSpot records that unlinked Salesforce records name in the HubSpot id field, when no other record is linked
    /// to them. A create in Salesforce is an upsert on that field, so such a record is our copy of the HubSpot one.
    /// </summary>
    private async Task<Dictionary<string, HubSpotRecord>> NamedTwinsAsync(MappingRuntime runtime, IReadOnlyList<SalesforceRecord> records,
        IReadOnlyDictionary<string, RecordLink> links, Dictionary<string, HubSpotRecord> bySalesforceId, Dictionary<string, HubSpotRecord> hsChanged,
        HashSet<string> hsArchived, CancellationToken stop)
    {
        var twins = new Dictionary<string, HubSpotRecord>(StringComparer.Ordinal);
        if (runtime.Mapping.HubSpotIdField is not { } idField)
        {
            return twins;
        }

        var named = records.Where(r => !links.ContainsKey(r.Id!) && !bySalesforceId.ContainsKey(r.Id!) && !string.IsNullOrEmpty(r[idField]) && !hsArchived.Contains(r[idField]!))
            .ToDictionary(r => r.Id!, r => r[idField]!, StringComparer.Ordinal);
        if (named.Count == 0)
        {
            return twins;
        }

        var linkedElsewhere = await _state.GetLinksByHubSpotIdAsync(runtime.Mapping.Name, named.Values.Distinct(StringComparer.Ordinal).ToArray(), stop).ConfigureAwait(false);
        var found = new Dictionary<string, HubSpotRecord>(StringComparer.Ordinal);
        var unread = named.Values.Where(id => !hsChanged.ContainsKey(id) && !linkedElsewhere.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        if (unread.Count > 0)
        {
            foreach (var result in await _hubSpot.BatchReadAsync(runtime.HubSpotObjectType, unread, runtime.HubSpotProperties, null, stop).ConfigureAwait(false))
            {
                if (result.Record is { } record)
                {
                    found[record.Id] = record;
                }
            }
        }

        foreach (var (salesforceId, hubSpotId) in named)
        {
            if (!linkedElsewhere.ContainsKey(hubSpotId) && (hsChanged.GetValueOrDefault(hubSpotId) ?? found.GetValueOrDefault(hubSpotId)) is { } twin)
            {
                twins[salesforceId] = twin;
            }
        }

        return twins;
    }

    private async Task StepHubSpotAsync(MappingRuntime runtime, FieldPairChanges changes, IReadOnlyList<string> hubSpotIds, Dictionary<string, HubSpotRecord> hsChanged,
        HashSet<string> hsArchived, Func<IReadOnlyList<RecordPair>, CancellationToken, Task> step, CancellationToken stop)
    {
        var links = changes.Strip(await _state.GetLinksByHubSpotIdAsync(runtime.Mapping.Name, hubSpotIds, stop).ConfigureAwait(false));
        var pairs = new List<RecordPair>(hubSpotIds.Count);
        var unlinkedWithSalesforceId = new List<(HubSpotRecord Record, string SalesforceId)>();
        foreach (var id in hubSpotIds)
        {
            var hs = HubSpotSide(runtime, id, hsChanged, hsArchived);
            if (links.TryGetValue(id, out var link))
            {
                pairs.Add(new RecordPair(link, SideSnapshot.Unchanged, hs) { HubSpotRecord = hsChanged.GetValueOrDefault(id) });
            }
            else if (hs.State == SideState.Present)
            {
                var record = hsChanged[id];
                if (runtime.Mapping.SalesforceIdProperty is { } idProperty && !string.IsNullOrEmpty(record[idProperty]))
                {
                    unlinkedWithSalesforceId.Add((record, record[idProperty]!));
                }
                else
                {
                    pairs.Add(new RecordPair(null, SideSnapshot.Absent, hs) { HubSpotRecord = record });
                }
            }
        }

        if (unlinkedWithSalesforceId.Count > 0)
        {
            // HubSpot names a Salesforce record we have not linked: read it, so the two are linked rather than duplicated.
            var found = await _salesforce.RetrieveAsync(runtime.Mapping.SalesforceObject, unlinkedWithSalesforceId.Select(u => u.SalesforceId).ToList(), runtime.SalesforceFields, stop).ConfigureAwait(false);
            for (var i = 0; i < unlinkedWithSalesforceId.Count; i++)
            {
                var (record, _) = unlinkedWithSalesforceId[i];
                var sf = found[i] is { } sfRecord ? SideSnapshot.Present(sfRecord.Id!, runtime.CanonicalOf(sfRecord)) : SideSnapshot.Absent;
                pairs.Add(new RecordPair(null, sf, SideSnapshot.Present(record.Id, runtime.CanonicalOf(record))) { HubSpotRecord = record, SalesforceRecord = found[i] });
            }
        }

        await step(await FillOtherSideAsync(runtime, pairs, stop).ConfigureAwait(false), stop).ConfigureAwait(false);
    }

    /// <summary>
    /// Linked records compared because a field's pair changed: both sides are read (HubSpot 100 a call, Salesforce 200),
    /// so the reconciler sees the new pair's real values; a record gone from one side reads as deleted.
    /// </summary>
    private async Task StepComparedAsync(MappingRuntime runtime, FieldPairChanges changes, IReadOnlyList<string> salesforceIds, Func<IReadOnlyList<RecordPair>, CancellationToken, Task> step, CancellationToken stop)
    {
        var links = changes.Strip(await _state.GetLinksBySalesforceIdAsync(runtime.Mapping.Name, salesforceIds, stop).ConfigureAwait(false));
        var linked = salesforceIds.Where(links.ContainsKey).Select(id => links[id]).ToList();
        if (linked.Count == 0)
        {
            return;
        }

        var hsRead = new Dictionary<string, HubSpotRecord>(StringComparer.Ordinal);
        foreach (var result in await _hubSpot.BatchReadAsync(runtime.HubSpotObjectType, linked.Select(l => l.HubSpotId).ToList(), runtime.HubSpotProperties, null, stop).ConfigureAwait(false))
        {
            if (result.Record is { } record)
            {
                hsRead[record.Id] = record;
            }
        }

        var sfRead = await _salesforce.RetrieveAsync(runtime.Mapping.SalesforceObject, linked.Select(l => l.SalesforceId).ToList(), runtime.SalesforceFields, stop).ConfigureAwait(false);
        var pairs = new List<RecordPair>(linked.Count);
        for (var i = 0; i < linked.Count; i++)
        {
            var link = linked[i];
            var sf = sfRead[i];
            var hs = hsRead.GetValueOrDefault(link.HubSpotId);
            pairs.Add(new RecordPair(
                link,
                sf is null ? SideSnapshot.Deleted(link.SalesforceId) : SideSnapshot.Present(sf.Id!, runtime.CanonicalOf(sf)),
                hs is null ? SideSnapshot.Deleted(link.HubSpotId) : SideSnapshot.Present(hs.Id, runtime.CanonicalOf(hs)))
            {
                SalesforceRecord = sf,
                HubSpotRecord = hs,
            });
        }

        await step(pairs, stop).ConfigureAwait(false);
    }

    private async Task<FieldPairChanges> FieldPairChangesAsync(MappingRuntime runtime, CancellationToken cancellationToken)
    {
        var settings = await _state.GetMappingSettingsAsync(runtime.Mapping.Name, cancellationToken).ConfigureAwait(false);
        return FieldPairChanges.Between(settings.FieldPairs, runtime.Mapping);
    }

    private static SideSnapshot HubSpotSide(MappingRuntime runtime, string hubSpotId, Dictionary<string, HubSpotRecord> hsChanged, HashSet<string> hsArchived)
        => hsArchived.Contains(hubSpotId)
            ? SideSnapshot.Deleted(hubSpotId)
            : hsChanged.TryGetValue(hubSpotId, out var record)
                ? SideSnapshot.Present(record.Id, runtime.CanonicalOf(record))
                : new SideSnapshot(SideState.Unchanged, hubSpotId, null);

    /// <summary>
    /// A linked pair with a field that has no last-synced value (a new link or a newly mapped field) needs both sides'
    /// values to be decided honestly: the side not read this pass is read now, in batches.
    /// </summary>
    private async Task<IReadOnlyList<RecordPair>> FillOtherSideAsync(MappingRuntime runtime, List<RecordPair> pairs, CancellationToken stop)
    {
        // An unsynced (None) field never gets a last-synced value; counting it would read the other side of every pair.
        var keys = runtime.Converters.Where(c => c.Mapping.Direction != SyncDirection.None).Select(c => c.Key).ToArray();
        var needHubSpot = pairs.Where(p => p.NeedsOtherSide(keys) && p.HubSpot.State == SideState.Unchanged).Select(p => p.Link!.HubSpotId).ToList();
        var needSalesforce = pairs.Where(p => p.NeedsOtherSide(keys) && p.Salesforce.State == SideState.Unchanged).Select(p => p.Link!.SalesforceId).ToList();
        if (needHubSpot.Count == 0 && needSalesforce.Count == 0)
        {
            return pairs;
        }

        var hsRead = new Dictionary<string, HubSpotRecord>(StringComparer.Ordinal);
        if (needHubSpot.Count > 0)
        {
            foreach (var result in await _hubSpot.BatchReadAsync(runtime.HubSpotObjectType, needHubSpot, runtime.HubSpotProperties, null, stop).ConfigureAwait(false))
            {
                if (result.Record is { } record)
                {
                    hsRead[record.Id] = record;
                }
            }
        }

        var sfRead = new Dictionary<string, SalesforceRecord>(StringComparer.Ordinal);
        if (needSalesforce.Count > 0)
        {
            foreach (var record in await _salesforce.RetrieveAsync(runtime.Mapping.SalesforceObject, needSalesforce, runtime.SalesforceFields, stop).ConfigureAwait(false))
            {
                if (record?.Id is { } id)
                {
                    sfRead[id] = record;
                }
            }
        }

        return pairs.Select(p =>
        {
            if (p.Link is null || !p.NeedsOtherSide(keys))
            {
                return p;
            }

            if (p.HubSpot.State == SideState.Unchanged)
            {
                return hsRead.TryGetValue(p.Link.HubSpotId, out var hs)
                    ? p with { HubSpot = SideSnapshot.Present(hs.Id, runtime.CanonicalOf(hs)), HubSpotRecord = hs }
                    : p with { HubSpot = SideSnapshot.Deleted(p.Link.HubSpotId) };
            }

            return sfRead.TryGetValue(p.Link.SalesforceId, out var sf)
                ? p with { Salesforce = SideSnapshot.Present(sf.Id!, runtime.CanonicalOf(sf)), SalesforceRecord = sf }
                : p with { Salesforce = SideSnapshot.Deleted(p.Link.SalesforceId) };
        }).ToList();
    }

    internal static SyncPlanItem PlanItem(MappingRuntime runtime, RecordPair pair, RecordDecision decision)
    {
        var changes = decision.Changes.Select(c => new PlannedFieldChange(c.Field, runtime.ConverterFor(c.Field).HubSpot.Name, c.Target, c.OldValue, c.NewValue)).ToList();
        var toHs = decision.WritesTo(SyncSide.HubSpot);
        var toSf = decision.WritesTo(SyncSide.Salesforce);
        var problems = decision.Changes
            .Select(c => c.Target == SyncSide.HubSpot ? runtime.ConverterFor(c.Field).ToHubSpot(c.NewValue) : runtime.ConverterFor(c.Field).ToSalesforce(c.NewValue))
            .Where(v => !v.Ok).Select(v => v.Error).ToList();
        return new SyncPlanItem
        {
            Mapping = runtime.Mapping.Name,
            Action = decision.Action,
            Direction = toHs && toSf ? PlanDirection.Both : toHs ? PlanDirection.ToHubSpot : toSf ? PlanDirection.ToSalesforce : PlanDirection.None,
            SalesforceId = pair.SalesforceId,
            HubSpotId = pair.HubSpotId,
            Changes = changes,
            Conflicts = decision.Conflicts,
            Error = problems.Count == 0 ? null : string.Join(" ", problems),
        };
    }

    private static string Show(DateTimeOffset? mark) => mark is { } m ? m.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "the beginning";
}
