using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Sync.Associations;

/// <summary>
/// Carries a mapping's Salesforce lookups as HubSpot associations, for the records a step has just written and
/// committed (Start-Sync's steps, an import's batches): the links in state then give every record's HubSpot id, also
/// of records created in that step. Decisions are made per record against the association rows kept in state;
/// removals and creates go through the associations v4 batch endpoints (100 inputs a call), two-way lookups through a
/// Salesforce collection update, and the rows commit in one transaction under the run's lease. Lookups whose target
/// does not sync yet wait with their reason and are tried again by <see cref="RetryPendingAsync"/> each pass.
/// A mapping without associations costs nothing: no call, no state read.
/// </summary>
public sealed partial class AssociationSync
{
    private const int PendingChunk = 500;

    /// <summary>Linked records whose HubSpot associations one scan step reads: one v4 batch read.</summary>
    private const int ScanChunk = 1000;

    private readonly MappingRuntime _runtime;
    private readonly SalesforceClient _salesforce;
    private readonly HubSpotClient _hubSpot;
    private readonly IStateStore _state;
    private readonly IReadOnlyList<AssociationRuntime> _associations;
    private readonly AssociationTargets _targets;
    private readonly LeaseKeeper? _lease;
    private readonly long? _runId;
    private readonly ISyncObserver _observer;

    // Records decided this pass: their rows are fresh, so the retry of pending rows leaves them alone.
    private readonly HashSet<string> _decided = new(StringComparer.Ordinal);

    // Of those, the ones whose HubSpot associations were read and compared: the scan leaves only these alone.
    private readonly HashSet<string> _compared = new(StringComparer.Ordinal);

    private AssociationSync(MappingRuntime runtime, SalesforceClient salesforce, HubSpotClient hubSpot, IStateStore state, IReadOnlyList<AssociationRuntime> associations,
        LeaseKeeper? lease, long? runId, ISyncObserver observer)
    {
        _runtime = runtime;
        _salesforce = salesforce;
        _hubSpot = hubSpot;
        _state = state;
        _associations = associations;
        _targets = new AssociationTargets(hubSpot, state);
        _lease = lease;
        _runId = runId;
        _observer = observer;
    }

    /// <summary>What was done so far by this instance (one pass or one import).</summary>
    public AssociationCounts Counts { get; private set; } = new();

    // Of the associations created, those that replaced one removed from the same record; of those removed, those no new one replaced.
    private long _moved;
    private long _removed;

    /// <summary>The run's association counts as Get-SyncRun keeps them: created (new), moved, removed, waiting, failed.</summary>
    public SyncRunCounts RunCounts => new()
    {
        AssociationsCreated = Counts.Created - _moved,
        AssociationsMoved = _moved,
        AssociationsRemoved = _removed,
        AssociationsWaiting = Counts.Waiting,
        AssociationsFailed = Counts.Failed,
    };

    public IReadOnlyList<AssociationRuntime> Associations => _associations;

    /// <summary>
    /// Resolves the mapping's associations (one HubSpot schema and one labels read each). <paramref name="lease"/> and
    /// <paramref name="runId"/> are the run's, so commits are fenced and conflicts counted; both null for a preview.
    /// </summary>
    public static async Task<AssociationSync> CreateAsync(MappingRuntime runtime, SalesforceClient salesforce, HubSpotClient hubSpot, IStateStore state,
        LeaseKeeper? lease, long? runId, ISyncObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(salesforce);
        ArgumentNullException.ThrowIfNull(hubSpot);
        ArgumentNullException.ThrowIfNull(state);
        var associations = runtime.Mapping.Associations.Count == 0
            ? Array.Empty<AssociationRuntime>()
            : await AssociationRuntime.ResolveAllAsync(runtime, hubSpot, cancellationToken).ConfigureAwait(false);
        return new AssociationSync(runtime, salesforce, hubSpot, state, associations, lease, runId, observer ?? SilentSyncObserver.Instance);
    }

    /// <summary>
    /// Carries the lookups of <paramref name="pairs"/>, once the step that read them has committed its records. Pairs
    /// whose record did not reach the other side (a failed create) are left for the pass that links them.
    /// </summary>
    public async Task ApplyAsync(IEnumerable<RecordPair> pairs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (_associations.Count == 0)
        {
            return;
        }

        var inputs = await InputsAsync(pairs, cancellationToken).ConfigureAwait(false);
        if (inputs.Count == 0)
        {
            return;
        }

        MarkDecided(inputs);
        await ExecuteAsync(await DecideAsync(inputs, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Tries again every waiting or failed association of the mapping not decided this pass, so a lookup whose target
    /// has synced since (another mapping's run, a company now carrying the Salesforce Id) gets its association without
    /// its own record changing.
    /// </summary>
    public async Task RetryPendingAsync(CancellationToken cancellationToken)
    {
        if (_associations.Count == 0)
        {
            return;
        }

        _targets.Forget();
        await foreach (var chunk in PendingAsync(cancellationToken).ConfigureAwait(false))
        {
            await ExecuteAsync(await DecideAsync(chunk, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads HubSpot's associations of every linked record this pass did not decide (one v4 batch read per 1,000
    /// records and two-way association) and carries those changed in HubSpot back to the Salesforce lookups, conflicts
    /// to the mapping's winner. HubSpot changes no property when an association alone changes, so such a change never
    /// shows in the search for changed records; this scan is how a two-way association sees it. One-way associations
    /// are not read; a mapping without a two-way association costs nothing.
    /// </summary>
    public async Task ScanHubSpotAsync(CancellationToken cancellationToken)
    {
        if (!_associations.Any(a => a.TwoWay))
        {
            return;
        }

        long scanned = 0;
        await foreach (var chunk in ScanChunksAsync(cancellationToken).ConfigureAwait(false))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            scanned += chunk.Count;
            await ExecuteAsync(await DecideAsync(chunk, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }

        _observer.Verbose($"{_runtime.Mapping.Name}: HubSpot's associations of {scanned} linked record(s) read for the two-way association(s).");
    }

    /// <summary>
    /// The linked records this pass did not decide, 1,000 at a time, marked decided as they go. The links are read
    /// first, so no reader stays open on the state while a chunk commits.
    /// </summary>
    private async IAsyncEnumerable<List<Input>> ScanChunksAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var links = new List<Input>();
        await foreach (var link in _state.ReadLinksAsync(_runtime.Mapping.Name, cancellationToken).ConfigureAwait(false))
        {
            if (!_compared.Contains(link.SalesforceId))
            {
                links.Add(new Input(link.SalesforceId, link.HubSpotId, null, true));
            }
        }

        foreach (var chunk in links.Chunk(ScanChunk))
        {
            MarkDecided(chunk);
            yield return chunk.ToList();
        }
    }

    /// <summary>
    /// The preview of <see cref="ApplyAsync"/> for a step's decisions, before anything is written: the association
    /// changes per Salesforce Id. Records the step would create in HubSpot are planned without their HubSpot id.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<PlannedAssociationChange>>> PlanAsync(
        IEnumerable<(RecordPair Pair, RecordDecision Decision)> decided, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decided);
        var planned = new Dictionary<string, IReadOnlyList<PlannedAssociationChange>>(StringComparer.Ordinal);
        if (_associations.Count == 0)
        {
            return planned;
        }

        var inputs = new List<Input>();
        foreach (var (pair, decision) in decided)
        {
            var remains = decision.Action is not (RecordAction.ArchiveInHubSpot or RecordAction.DeleteInSalesforce or RecordAction.Unlink)
                && pair.Salesforce.State != SideState.Deleted && pair.HubSpot.State != SideState.Deleted;
            var willBeLinked = pair.Link is not null || decision.Action is RecordAction.CreateInHubSpot or RecordAction.Link;
            if (pair.SalesforceId is { } id && remains && willBeLinked)
            {
                inputs.Add(new Input(id, pair.Link?.HubSpotId ?? pair.HubSpot.Id, pair.SalesforceRecord, pair.HubSpotRecord is not null));
            }
        }

        MarkDecided(inputs);
        foreach (var group in (await DecideAsync(inputs, cancellationToken).ConfigureAwait(false)).GroupBy(d => d.Decision.Subject.SalesforceId, StringComparer.Ordinal))
        {
            var changes = group.SelectMany(d => d.Decision.Changes).ToList();
            if (changes.Count > 0)
            {
                planned[group.Key] = changes;
            }
        }

        return planned;
    }

    /// <summary>The preview of <see cref="RetryPendingAsync"/>: records whose waiting association a run would change.</summary>
    public async Task<IReadOnlyList<SyncPlanItem>> PlanPendingAsync(CancellationToken cancellationToken)
    {
        if (_associations.Count == 0)
        {
            return [];
        }

        _targets.Forget();
        return await PlanAsync(PendingAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The preview of <see cref="ScanHubSpotAsync"/>: records whose association a scan would carry.</summary>
    public async Task<IReadOnlyList<SyncPlanItem>> PlanScanAsync(CancellationToken cancellationToken)
        => _associations.Any(a => a.TwoWay) ? await PlanAsync(ScanChunksAsync(cancellationToken), cancellationToken).ConfigureAwait(false) : [];

    private async Task<IReadOnlyList<SyncPlanItem>> PlanAsync(IAsyncEnumerable<List<Input>> chunks, CancellationToken cancellationToken)
    {
        var items = new List<SyncPlanItem>();
        await foreach (var chunk in chunks.ConfigureAwait(false))
        {
            foreach (var group in (await DecideAsync(chunk, cancellationToken).ConfigureAwait(false)).GroupBy(d => d.Decision.Subject.SalesforceId, StringComparer.Ordinal))
            {
                var subject = group.First().Decision.Subject;
                var changes = group.SelectMany(d => d.Decision.Changes).ToList();
                if (changes.Any(c => c.Kind != AssociationChangeKind.Wait))
                {
                    var toSalesforce = changes.Any(c => c.Kind == AssociationChangeKind.UpdateSalesforce);
                    var toHubSpot = changes.Any(c => c.Kind is AssociationChangeKind.Create or AssociationChangeKind.Archive);
                    items.Add(new SyncPlanItem
                    {
                        Mapping = _runtime.Mapping.Name,
                        Action = RecordAction.None,
                        Direction = toSalesforce && toHubSpot ? PlanDirection.Both : toSalesforce ? PlanDirection.ToSalesforce : PlanDirection.ToHubSpot,
                        SalesforceId = subject.SalesforceId,
                        HubSpotId = subject.HubSpotId,
                        Associations = changes,
                    });
                }
            }
        }

        return items;
    }


    private async IAsyncEnumerable<List<Input>> PendingAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = new List<AssociationLink>();
        await foreach (var row in _state.ReadAssociationLinksAsync(_runtime.Mapping.Name, pendingOnly: true, cancellationToken).ConfigureAwait(false))
        {
            if (!_decided.Contains(row.SalesforceId))
            {
                rows.Add(row);
            }
        }

        foreach (var chunk in rows.Select(r => r.SalesforceId).Distinct(StringComparer.Ordinal).Chunk(PendingChunk))
        {
            var links = await _state.GetLinksBySalesforceIdAsync(_runtime.Mapping.Name, chunk, cancellationToken).ConfigureAwait(false);
            _decided.UnionWith(chunk);
            yield return chunk.Where(links.ContainsKey).Select(id => new Input(id, links[id].HubSpotId, null, false)).ToList();
        }
    }

    private async Task<List<(AssociationRuntime Association, AssociationDecision Decision)>> DecideAsync(IReadOnlyList<Input> inputs, CancellationToken cancellationToken)
    {
        var decisions = new List<(AssociationRuntime, AssociationDecision)>();
        if (inputs.Count == 0)
        {
            return decisions;
        }

        var rows = (await _state.GetAssociationLinksAsync(_runtime.Mapping.Name, inputs.Select(i => i.SalesforceId).ToArray(), cancellationToken).ConfigureAwait(false))
            .ToDictionary(r => (r.SalesforceId, r.Field));
        foreach (var association in _associations)
        {
            var rule = new AssociationRule(association.Field, association.Target.Name, association.TwoWay, _runtime.Mapping.ConflictWinner);
            var hubSpotTargets = association.TwoWay ? await ReadHubSpotTargetsAsync(association, inputs, cancellationToken).ConfigureAwait(false) : null;
            var subjects = new List<(AssociationSubject Subject, AssociationLink? Row)>(inputs.Count);
            foreach (var input in inputs)
            {
                var row = rows.GetValueOrDefault((input.SalesforceId, association.Field));
                subjects.Add((new AssociationSubject(input.SalesforceId, input.HubSpotId)
                {
                    SalesforceKnown = input.Record is not null || (input.Made == MadeBy.Create && !WritesLookup(association)),
                    SalesforceUnread = input.Record is null && input.Made != MadeBy.None,
                    SalesforceTarget = input.Record?[association.Field],
                    HubSpotTargets = input.HubSpotId is { } hs && hubSpotTargets is not null && input.HubSpotRead ? hubSpotTargets.GetValueOrDefault(hs) ?? Array.Empty<string>() : null,
                }, row));
            }

            subjects = await ReadUnknownLookupsAsync(association, subjects, cancellationToken).ConfigureAwait(false);

            var toHubSpot = await _targets.ToHubSpotAsync(association, WorthResolving(subjects), cancellationToken).ConfigureAwait(false);
            var fromHubSpot = subjects.Where(s => s.Subject.HubSpotTargets is not null)
                .SelectMany(s => s.Subject.HubSpotTargets!.Where(id => id != s.Row?.TargetHubSpotId)).ToList();
            var toSalesforce = await _targets.ToSalesforceAsync(association, fromHubSpot, cancellationToken).ConfigureAwait(false);

            foreach (var (subject, row) in subjects)
            {
                decisions.Add((association, AssociationPlanner.Decide(rule, subject, row,
                    id => toHubSpot.TryGetValue(id, out var m) ? m : TargetMatch.Missing($"{association.Lookup.ReferenceTo.FirstOrDefault()} {id} was not looked up"),
                    id => toSalesforce.TryGetValue(id, out var m) ? m : TargetMatch.Missing($"HubSpot {association.Target.Name} {id} was not looked up"))));
            }
        }

        return decisions;
    }

    /// <summary>The lookup targets a decision may need: those of records whose lookup is new, changed, pending or relinked, or read on HubSpot too.</summary>
    private static IEnumerable<string> WorthResolving(IEnumerable<(AssociationSubject Subject, AssociationLink? Row)> subjects)
    {
        foreach (var (subject, row) in subjects)
        {
            var target = subject.SalesforceKnown ? subject.SalesforceTarget : row?.TargetSalesforceId;
            if (string.IsNullOrEmpty(target))
            {
                continue;
            }

            if (row is null || row.IsPending || row.HubSpotId != subject.HubSpotId || row.TargetSalesforceId != target || subject.HubSpotTargets is not null)
            {
                yield return target;
            }
        }
    }

    /// <summary>HubSpot's associations of the mapping's type, for the records whose HubSpot side was read this pass (one batch read per 1,000).</summary>
    private async Task<Dictionary<string, IReadOnlyList<string>>?> ReadHubSpotTargetsAsync(AssociationRuntime association, IReadOnlyList<Input> inputs, CancellationToken cancellationToken)
    {
        var ids = inputs.Where(i => i.HubSpotRead && i.HubSpotId is not null).Select(i => i.HubSpotId!).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return null;
        }

        var links = await _hubSpot.ReadAssociationsAsync(association.FromObjectType, association.ToObjectType, ids, cancellationToken).ConfigureAwait(false);
        return links.Where(l => l.Types.Any(t => t.TypeId == association.Type.TypeId))
            .GroupBy(l => l.FromId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(l => l.ToId).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }

    /// <summary>
    /// A two-way record seen only on HubSpot's side, never carried before, with an association there: its lookup is
    /// read from Salesforce (one retrieve per 200) so HubSpot's association is not taken for a change it is not.
    /// </summary>
    private async Task<List<(AssociationSubject Subject, AssociationLink? Row)>> ReadUnknownLookupsAsync(AssociationRuntime association,
        List<(AssociationSubject Subject, AssociationLink? Row)> subjects, CancellationToken cancellationToken)
    {
        // Read when HubSpot holds associations to compare with, or when the row only says the lookup was never carried.
        static bool Unknown((AssociationSubject Subject, AssociationLink? Row) s)
            => !s.Subject.SalesforceKnown && ((s.Row is null && (s.Subject.HubSpotTargets is { Count: > 0 } || s.Subject.SalesforceUnread)) || s.Row is { IsPlaceholder: true });

        var unknown = subjects.Where(Unknown).Select(s => s.Subject.SalesforceId).ToList();
        if (unknown.Count == 0)
        {
            return subjects;
        }

        var read = await _salesforce.RetrieveAsync(_runtime.Mapping.SalesforceObject, unknown, new[] { association.Field }, cancellationToken).ConfigureAwait(false);
        var values = read.OfType<SalesforceRecord>().ToDictionary(r => r.Id!, r => r[association.Field], StringComparer.Ordinal);
        return subjects.Select(s => Unknown(s) && values.TryGetValue(s.Subject.SalesforceId, out var value)
            ? (s.Subject with { SalesforceKnown = true, SalesforceTarget = value }, s.Row)
            : s).ToList();
    }

    private async Task ExecuteAsync(List<(AssociationRuntime Association, AssociationDecision Decision)> decisions, CancellationToken cancellationToken)
    {
        var rows = new List<AssociationLink>();
        var conflicts = new List<ConflictRecord>();
        var counts = new AssociationCounts();
        foreach (var group in decisions.GroupBy(d => d.Association))
        {
            var association = group.Key;
            var list = group.Select(g => g.Decision).Where(d => d.Subject.HubSpotId is not null).ToList();
            var rowFor = new Dictionary<AssociationDecision, AssociationLink?>(ReferenceEqualityComparer.Instance);
            foreach (var decision in list)
            {
                rowFor[decision] = decision.Row;
            }

            var removals = list.Where(d => d.Archive.Count > 0).Select(d => new HubSpotAssociationRemoval(d.Subject.HubSpotId!, d.Archive)).ToList();
            if (removals.Count > 0)
            {
                // A labeled type is removed alone, so other associations between the two records (a user's) stay;
                // removing the unlabeled default removes every type between them in HubSpot whichever call is used.
                if (association.Type.Label is not null)
                {
                    await _hubSpot.ArchiveAssociationTypeAsync(association.FromObjectType, association.ToObjectType, removals, association.Type, CancellationToken.None).ConfigureAwait(false);
                }
                else
                {
                    await _hubSpot.ArchiveAssociationsAsync(association.FromObjectType, association.ToObjectType, removals, CancellationToken.None).ConfigureAwait(false);
                }

                counts += new AssociationCounts { Archived = removals.Sum(r => r.ToIds.Count) };
                _removed += list.Where(d => d.Archive.Count > 0 && d.Create is null).Sum(d => d.Archive.Count);
            }

            var creates = list.Where(d => d.Create is not null).ToList();
            if (creates.Count > 0)
            {
                var results = await _hubSpot.CreateAssociationsAsync(association.FromObjectType, association.ToObjectType,
                    creates.Select(d => new HubSpotAssociationInput(d.Subject.HubSpotId!, d.Create!, association.Type)).ToList(), CancellationToken.None).ConfigureAwait(false);
                foreach (var result in results)
                {
                    var decision = creates[result.Index];
                    if (result.Success)
                    {
                        counts += new AssociationCounts { Created = 1 };
                        _moved += decision.Archive.Count > 0 ? 1 : 0;
                    }
                    else
                    {
                        rowFor[decision] = decision.Row! with { State = AssociationLinkState.Failed, TargetHubSpotId = null, Reason = $"HubSpot refused the association: {result.Error}" };
                        counts += new AssociationCounts { Failed = 1 };
                        _observer.Warning($"{_runtime.Mapping.Name}: {association.Field} of {decision.Subject.SalesforceId} could not be associated with {association.Target.Name} {decision.Create}: {result.Error}");
                    }
                }
            }

            var writes = list.Where(d => d.WritesSalesforce).ToList();
            if (writes.Count > 0)
            {
                var records = writes.Select(d => SalesforceRecord.ForUpdate(_runtime.Mapping.SalesforceObject, d.Subject.SalesforceId,
                    new[] { new KeyValuePair<string, string?>(association.Field, d.SalesforceValue) })).ToList();
                foreach (var result in await _salesforce.UpdateAsync(_runtime.Mapping.SalesforceObject, records, CancellationToken.None).ConfigureAwait(false))
                {
                    var decision = writes[result.Index];
                    if (result.Success)
                    {
                        counts += new AssociationCounts { UpdatedInSalesforce = 1 };
                    }
                    else
                    {
                        // The row stays as it was: the HubSpot change is carried when HubSpot's record is read again.
                        rowFor[decision] = null;
                        counts += new AssociationCounts { Failed = 1 };
                        _observer.Warning($"{_runtime.Mapping.Name}: {association.Field} of {decision.Subject.SalesforceId} could not be set to {decision.SalesforceValue ?? "(empty)"}: {string.Join("; ", result.Errors)}");
                    }
                }
            }

            foreach (var decision in list)
            {
                if (decision.Problem is { } problem)
                {
                    counts += new AssociationCounts { Failed = 1 };
                    _observer.Warning($"{_runtime.Mapping.Name}: {problem}");
                }

                if (rowFor[decision] is { } row)
                {
                    rows.Add(row);
                    counts += new AssociationCounts { Waiting = row.State == AssociationLinkState.Waiting ? 1 : 0 };
                }

                if (decision.Conflict is { } conflict && rowFor[decision] is not null)
                {
                    conflicts.Add(new ConflictRecord
                    {
                        Mapping = _runtime.Mapping.Name,
                        RunId = _runId,
                        SalesforceId = decision.Subject.SalesforceId,
                        HubSpotId = decision.Subject.HubSpotId,
                        Field = conflict.Field,
                        SalesforceValue = conflict.SalesforceValue,
                        HubSpotValue = conflict.HubSpotValue,
                        Winner = conflict.Winner,
                        At = DateTimeOffset.UtcNow,
                    });
                }
            }
        }

        counts += new AssociationCounts { Conflicts = conflicts.Count };
        Counts += counts;
        if (rows.Count == 0 && conflicts.Count == 0)
        {
            return;
        }

        await _state.CommitAsync(new StateChange
        {
            Mapping = _runtime.Mapping.Name,
            RunId = _runId,
            Lease = _lease?.Current,
            AssociationLinks = rows,
            Conflicts = conflicts,
            CountsDelta = _runId is null ? null : new SyncRunCounts { Conflicts = conflicts.Count },
        }, CancellationToken.None).ConfigureAwait(false);
    }
}
