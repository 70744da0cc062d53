using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Sync;

/// <summary>
/// Carries out decisions in batches: HubSpot's writes (batches of 100) and Salesforce's (collections of 200), each record's
/// result mapped back to it, then one commit of the finished records' links, last-synced values, errors, conflicts and
/// counts. Every write is idempotent (upserts on the link keys), so records whose commit a crash prevented are simply
/// done again by the next run, without duplicates.
/// </summary>
/// <remarks>
/// Each kind of write (HubSpot upsert, create, update, archive; Salesforce upsert, create, update, delete) has its own
/// queue, and a queue is sent in full batches. A record that writes both sides is written to HubSpot first and joins
/// the Salesforce queue only when HubSpot took it, so a refused record never moves either side's last-synced values.
/// A pass hands decisions over step by step and asks the executor to <em>hold</em> a partly filled batch for the next
/// step (<see cref="ExecuteAsync"/> with <c>hold</c>) and to send what is left at the end (<see cref="FlushAsync"/>): the
/// pass then costs one call per full batch of each kind, however its records fell into steps.
/// </remarks>
internal sealed class SyncStepExecutor
{
    private readonly MappingRuntime _runtime;
    private readonly SalesforceClient _salesforce;
    private readonly HubSpotClient _hubSpot;
    private readonly IStateStore _state;
    private readonly SyncOptions _options;
    private readonly long? _runId;
    private readonly LeaseKeeper _lease;

    private readonly List<(Outcome O, HubSpotUpsertInput Input)> _hsUpserts = new();
    private readonly List<(Outcome O, HubSpotCreateInput Input)> _hsCreates = new();
    private readonly List<(Outcome O, HubSpotUpdateInput Input)> _hsUpdates = new();
    private readonly List<(Outcome O, string Id)> _hsArchives = new();
    private readonly List<(Outcome O, SalesforceRecord Record)> _sfUpserts = new();
    private readonly List<(Outcome O, SalesforceRecord Record)> _sfCreates = new();
    private readonly List<(Outcome O, SalesforceRecord Record)> _sfUpdates = new();
    private readonly List<(Outcome O, string Id)> _sfDeletes = new();

    /// <summary>Records whose writes are all done (or refused), waiting for the next commit.</summary>
    private readonly List<Outcome> _finished = new();

    /// <summary>Pairs settled since the caller last asked: committed, or with nothing to write.</summary>
    private readonly List<RecordPair> _settled = new();

    public SyncStepExecutor(MappingRuntime runtime, SalesforceClient salesforce, HubSpotClient hubSpot, IStateStore state, SyncOptions options, long? runId, LeaseKeeper lease)
    {
        _runtime = runtime;
        _salesforce = salesforce;
        _hubSpot = hubSpot;
        _state = state;
        _options = options;
        _runId = runId;
        _lease = lease;
    }

    public long Written { get; private set; }

    public long Failed { get; private set; }

    /// <summary>Records decided but not committed yet: held in a partly filled batch, or stopped before their write.</summary>
    public int Held => _hsUpserts.Count + _hsCreates.Count + _hsUpdates.Count + _hsArchives.Count
        + _sfUpserts.Count + _sfCreates.Count + _sfUpdates.Count + _sfDeletes.Count;

    /// <summary>
    /// HubSpot records an upsert finds already there count as created, not linked, when HubSpot created them at or after
    /// this instant: an earlier attempt of the same run wrote them and died before its commit (a resumed import).
    /// </summary>
    public DateTimeOffset? CreatedByThisRunSince { get; init; }

    /// <summary>
    /// The lookups of an import's associations: each record a commit links gets a waiting row per lookup (unless it has
    /// one), which the associations made after the commit replace. A run that dies between the two leaves them waiting,
    /// to be made by the retry of waiting associations, rather than forgotten behind the import's cursor.
    /// </summary>
    public IReadOnlyList<string> AssociationFields { get; init; } = Array.Empty<string>();

    private int HubSpotBatch => Math.Max(1, _options.HubSpotBatchSize);

    private int SalesforceBatch => Math.Max(1, _options.SalesforceBatchSize);

    /// <summary>
    /// Writes and commits the decisions a batch at a time; stops between batches when <paramref name="stop"/> is set.
    /// With <paramref name="hold"/>, a partly filled batch of any kind waits for the next call (or <see cref="FlushAsync"/>).
    /// <paramref name="alongside"/> is the caller's own bookkeeping for these records (a resumable run's cursor and read
    /// counts, errors found before deciding): it commits with the last batch, or alone when no record needed a write,
    /// so a cursor never moves past writes that were not committed; it cannot go with <paramref name="hold"/>.
    /// Returns the pairs settled by this call: committed ones (including held ones of earlier calls) and those that
    /// needed nothing written; a held pair is returned by the call that commits it.
    /// </summary>
    public async Task<IReadOnlyList<RecordPair>> ExecuteAsync(IReadOnlyList<(RecordPair Pair, RecordDecision Decision)> decided, CancellationToken stop, StateChange? alongside = null, bool hold = false)
    {
        if (hold && alongside is not null)
        {
            throw new ArgumentException("A held batch cannot carry the caller's bookkeeping: it would commit before the records it describes.", nameof(alongside));
        }

        await RecordConflictsAsync(decided).ConfigureAwait(false);
        foreach (var (pair, decision) in decided)
        {
            if (decision.ChangesState(pair.Link) || decision.Conflicts.Count > 0)
            {
                Enqueue(Prepare(pair, decision));
            }
            else
            {
                _settled.Add(pair);
            }
        }

        await PumpAsync(partial: !hold, alongside, stop).ConfigureAwait(false);
        return TakeSettled();
    }

    /// <summary>
    /// Commits the conflicts decided before anything of them is written: a run killed between a write and its commit
    /// leaves both sides agreeing, so the next run would see no conflict and it would go unrecorded. The batch's own
    /// commit records them again, which the store takes as the same conflict (recorded once).
    /// </summary>
    private async Task RecordConflictsAsync(IReadOnlyList<(RecordPair Pair, RecordDecision Decision)> decided)
    {
        var conflicts = decided
            .Where(d => d.Decision.Conflicts.Count > 0 && d.Pair.SalesforceId is not null)
            .SelectMany(d => d.Decision.Conflicts.Select(conflict => ToRecord(d.Pair.SalesforceId!, d.Pair.HubSpotId, conflict)))
            .ToList();
        if (conflicts.Count > 0)
        {
            await _state.CommitAsync(new StateChange { Mapping = _runtime.Mapping.Name, RunId = _runId, Lease = _lease.Current, Conflicts = conflicts }, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private ConflictRecord ToRecord(string salesforceId, string? hubSpotId, FieldConflict conflict) => new()
    {
        Mapping = _runtime.Mapping.Name,
        RunId = _runId,
        SalesforceId = salesforceId,
        HubSpotId = hubSpotId,
        Field = conflict.Field,
        SalesforceValue = conflict.SalesforceValue,
        HubSpotValue = conflict.HubSpotValue,
        Winner = conflict.Winner,
        At = DateTimeOffset.UtcNow,
    };

    /// <summary>Sends every held write, partly filled batches too, and commits them; returns the pairs so settled.</summary>
    public async Task<IReadOnlyList<RecordPair>> FlushAsync(CancellationToken stop)
    {
        await PumpAsync(partial: true, null, stop).ConfigureAwait(false);
        return TakeSettled();
    }

    private IReadOnlyList<RecordPair> TakeSettled()
    {
        var settled = _settled.ToList();
        _settled.Clear();
        return settled;
    }

    /// <summary>
    /// Rounds of at most one batch per queue (HubSpot's first, so a record written to both sides reaches Salesforce's
    /// queue in the same round), each followed by one commit of the records it finished.
    /// </summary>
    private async Task PumpAsync(bool partial, StateChange? alongside, CancellationToken stop)
    {
        while (true)
        {
            if (stop.IsCancellationRequested)
            {
                return;
            }

            var sent = await SendRoundAsync(partial).ConfigureAwait(false);
            var last = partial && Held == 0 && Stopped is null;
            if (_finished.Count > 0 || (last && alongside is not null))
            {
                await CommitAsync(_finished.ToList(), last ? alongside : null).ConfigureAwait(false);
                _finished.Clear();
            }

            if (Stopped is { } stopped)
            {
                // The refused batch is committed as failed records; the run ends here with the reason.
                throw stopped;
            }

            if (last || !sent)
            {
                return;
            }
        }
    }

    private async Task<bool> SendRoundAsync(bool partial)
    {
        var mapping = _runtime.Mapping;
        var hsType = _runtime.HubSpotObjectType;
        var sent = false;
        if (Take(_hsUpserts, HubSpotBatch, partial) is { } upserts)
        {
            sent = true;
            var results = await SendAsync(upserts.Select(u => u.O).ToList(), new Refusal(SyncSide.HubSpot, "Create", string.Empty, string.Empty), () => _hubSpot.BatchUpsertAsync(hsType, mapping.SalesforceIdProperty!, upserts.Select(u => u.Input).ToList(), CancellationToken.None)).ConfigureAwait(false);
            ApplyHubSpot(upserts.Select(u => u.O).ToList(), results, "Create", (o, r) =>
            {
                o.HubSpotId = r.Id;
                o.CreatedHubSpot = r.IsNew || (CreatedByThisRunSince is { } since && r.Record is { } record && record.CreatedAt >= since);
                o.LinkedExisting = !o.CreatedHubSpot;
            });
        }

        if (Take(_hsCreates, HubSpotBatch, partial) is { } creates)
        {
            sent = true;
            var results = await SendAsync(creates.Select(c => c.O).ToList(), new Refusal(SyncSide.HubSpot, "Create", string.Empty, string.Empty), () => _hubSpot.BatchCreateAsync(hsType, creates.Select(c => c.Input).ToList(), CancellationToken.None)).ConfigureAwait(false);
            ApplyHubSpot(creates.Select(c => c.O).ToList(), results, "Create", (o, r) =>
            {
                o.HubSpotId = r.Id;
                o.CreatedHubSpot = true;
            });
        }

        if (Take(_hsUpdates, HubSpotBatch, partial) is { } updates)
        {
            sent = true;
            var results = await SendAsync(updates.Select(u => u.O).ToList(), new Refusal(SyncSide.HubSpot, "Update", string.Empty, string.Empty), () => _hubSpot.BatchUpdateAsync(hsType, updates.Select(u => u.Input).ToList(), null, CancellationToken.None)).ConfigureAwait(false);
            ApplyHubSpot(updates.Select(u => u.O).ToList(), results, "Update", (_, _) => { });
        }

        if (Take(_hsArchives, HubSpotBatch, partial) is { } archives)
        {
            sent = true;
            var results = await SendAsync(archives.Select(a => a.O).ToList(), new Refusal(SyncSide.HubSpot, "Archive", string.Empty, string.Empty), () => _hubSpot.BatchArchiveAsync(hsType, archives.Select(a => a.Id).ToList(), CancellationToken.None)).ConfigureAwait(false);
            ApplyHubSpot(archives.Select(a => a.O).ToList(), results, "Archive", (_, _) => { }, alreadyGoneIsSuccess: true);
        }

        if (Take(_sfUpserts, SalesforceBatch, partial) is { } sfUpserts)
        {
            sent = true;
            var results = await SendAsync(sfUpserts.Select(u => u.O).ToList(), new Refusal(SyncSide.Salesforce, "Create", string.Empty, string.Empty), () => _salesforce.UpsertAsync(mapping.SalesforceObject, mapping.HubSpotIdField!, sfUpserts.Select(u => u.Record).ToList(), CancellationToken.None)).ConfigureAwait(false);
            ApplySalesforce(sfUpserts.Select(u => u.O).ToList(), results, "Create", (o, r) =>
            {
                o.SalesforceId = r.Id;
                o.CreatedSalesforce = r.Created != false;
                o.LinkedExisting = r.Created == false;
            });
        }

        if (Take(_sfCreates, SalesforceBatch, partial) is { } sfCreates)
        {
            sent = true;
            var results = await SendAsync(sfCreates.Select(c => c.O).ToList(), new Refusal(SyncSide.Salesforce, "Create", string.Empty, string.Empty), () => _salesforce.CreateAsync(mapping.SalesforceObject, sfCreates.Select(c => c.Record).ToList(), CancellationToken.None)).ConfigureAwait(false);
            ApplySalesforce(sfCreates.Select(c => c.O).ToList(), results, "Create", (o, r) =>
            {
                o.SalesforceId = r.Id;
                o.CreatedSalesforce = true;
            });
        }

        if (Take(_sfUpdates, SalesforceBatch, partial) is { } sfUpdates)
        {
            sent = true;
            var results = await SendAsync(sfUpdates.Select(u => u.O).ToList(), new Refusal(SyncSide.Salesforce, "Update", string.Empty, string.Empty), () => _salesforce.UpdateAsync(mapping.SalesforceObject, sfUpdates.Select(u => u.Record).ToList(), CancellationToken.None)).ConfigureAwait(false);
            ApplySalesforce(sfUpdates.Select(u => u.O).ToList(), results, "Update", (_, _) => { });
        }

        if (Take(_sfDeletes, SalesforceBatch, partial) is { } sfDeletes)
        {
            sent = true;
            var results = await SendAsync(sfDeletes.Select(d => d.O).ToList(), new Refusal(SyncSide.Salesforce, "Delete", string.Empty, string.Empty), () => _salesforce.DeleteAsync(sfDeletes.Select(d => d.Id).ToList(), CancellationToken.None)).ConfigureAwait(false);
            ApplySalesforce(sfDeletes.Select(d => d.O).ToList(), results, "Delete", (_, _) => { }, alreadyGoneIsSuccess: true);
        }

        return sent;
    }

    /// <summary>
    /// Sends one batch. A call refused as a whole for a reason that stops the run (a rate limit or this sync's API budget,
    /// refused credentials or permission, the service down after every retry) fails each record of the batch with
    /// that reason, so Get-SyncError shows them in their category and the next pass retries them; the pass commits them
    /// and then stops with the same error (<see cref="Stopped"/>). Once stopped, nothing more is sent.
    /// </summary>
    private async Task<IReadOnlyList<T>?> SendAsync<T>(IReadOnlyList<Outcome> batch, Refusal refusal, Func<Task<IReadOnlyList<T>>> call)
    {
        if (Stopped is not null)
        {
            return null;
        }

        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Errors.SyncException ex) when (StopsRun(ex.Kind))
        {
            Stopped = ex;
            foreach (var o in batch)
            {
                Refuse(o, refusal with { Code = ex.ErrorId, Message = ex.Message });
                o.RefusedWithBatch = true;
                _finished.Add(o);
            }

            return null;
        }
    }

    private static bool StopsRun(Errors.SyncErrorKind kind) => kind is Errors.SyncErrorKind.LimitsExceeded or Errors.SyncErrorKind.AuthenticationError
        or Errors.SyncErrorKind.PermissionDenied or Errors.SyncErrorKind.ConnectionError or Errors.SyncErrorKind.ResourceBusy;

    /// <summary>The error that stopped the sending, once a batch was refused as a whole; the pass ends with it after committing.</summary>
    public Errors.SyncException? Stopped { get; private set; }

    /// <summary>The first batch of a queue: a full one, or with <paramref name="partial"/> whatever it holds; null when none is due.</summary>
    private static List<T>? Take<T>(List<T> queue, int size, bool partial)
    {
        if (queue.Count == 0 || (queue.Count < size && !partial))
        {
            return null;
        }

        var count = Math.Min(size, queue.Count);
        var batch = queue.GetRange(0, count);
        queue.RemoveRange(0, count);
        return batch;
    }

    /// <summary>Why the other side (or the conversion before it) refused a record, and the fields it named.</summary>
    private sealed record Refusal(SyncSide Side, string Operation, string Code, string Message)
    {
        public IReadOnlyCollection<string> Fields { get; init; } = Array.Empty<string>();
    }

    private sealed class Outcome(RecordPair pair, RecordDecision decision, string mapping, long? runId)
    {
        public RecordPair Pair { get; } = pair;

        public RecordDecision Decision { get; } = decision;

        public string? SalesforceId { get; set; } = pair.SalesforceId;

        public string? HubSpotId { get; set; } = pair.HubSpotId;

        public RecordError? Error { get; set; }

        public bool CreatedHubSpot { get; set; }

        public bool CreatedSalesforce { get; set; }

        public bool LinkedExisting { get; set; }

        /// <summary>Its whole batch was refused (limits, credentials, an outage): listed with the reason, not counted as a failed record of the run, which fails with it.</summary>
        public bool RefusedWithBatch { get; set; }

        /// <summary>HubSpot's write, queued first; null when the record writes nothing to HubSpot.</summary>
        public Action? QueueHubSpot { get; set; }

        /// <summary>Salesforce's write, queued once HubSpot's (if any) succeeded; null when the record writes nothing to Salesforce.</summary>
        public Action? QueueSalesforce { get; set; }

        public void Fail(Refusal refusal, ErrorSubject subject)
        {
            var category = ErrorCategories.Of(refusal.Code);
            Error ??= new RecordError
            {
                Mapping = mapping,
                Side = refusal.Side,
                RecordId = (refusal.Side == SyncSide.HubSpot ? SalesforceId : HubSpotId) ?? HubSpotId ?? SalesforceId ?? "(unknown)",
                Operation = refusal.Operation,
                ErrorCode = refusal.Code,
                Message = refusal.Message,
                LastSeen = DateTimeOffset.UtcNow,
                RunId = runId,
                Category = category,
                Hint = ResolutionHint.For(category, refusal.Side, refusal.Code, subject),
            };
        }
    }

    /// <summary>
    /// Fails the record, naming in its hint the field the refusal named (by either side's name) and the value that was
    /// being written there; with no field named, the only field written to that side, if there was one.
    /// </summary>
    private void Refuse(Outcome o, Refusal refusal)
    {
        var toSide = o.Decision.Changes.Where(c => c.Target == refusal.Side).ToList();
        var named = toSide.Where(c =>
        {
            var converter = _runtime.ConverterFor(c.Field);
            return refusal.Fields.Any(f => string.Equals(f, converter.Salesforce.Name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(f, converter.HubSpot.Name, StringComparison.OrdinalIgnoreCase));
        }).ToList();
        var change = named.FirstOrDefault() ?? (toSide.Count == 1 ? toSide[0] : null);
        if (change is null)
        {
            o.Fail(refusal, new ErrorSubject(refusal.Fields.FirstOrDefault(), null));
            return;
        }

        var pair = _runtime.ConverterFor(change.Field);
        o.Fail(refusal, new ErrorSubject($"{pair.Salesforce.Name} (HubSpot {pair.HubSpot.Name})", change.NewValue));
    }

    /// <summary>Queues the record's first write, or marks it finished when it writes nothing (or a value was refused).</summary>
    private void Enqueue(Outcome o)
    {
        if (o.Error is null && o.QueueHubSpot is { } hubSpot)
        {
            hubSpot();
        }
        else
        {
            AfterHubSpot(o);
        }
    }

    /// <summary>HubSpot's half is done (or there was none): Salesforce's write is queued unless the record failed.</summary>
    private void AfterHubSpot(Outcome o)
    {
        if (o.Error is null && o.QueueSalesforce is { } salesforce)
        {
            salesforce();
        }
        else
        {
            _finished.Add(o);
        }
    }

    /// <summary>Converts the decision's values for each side and works out which writes the record needs.</summary>
    private Outcome Prepare(RecordPair pair, RecordDecision decision)
    {
        var mapping = _runtime.Mapping;
        var o = new Outcome(pair, decision, mapping.Name, _runId);
        var hsProps = new Dictionary<string, string>(StringComparer.Ordinal);
        var sfFields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var change in decision.Changes)
        {
            var converter = _runtime.ConverterFor(change.Field);
            var converted = change.Target == SyncSide.HubSpot ? converter.ToHubSpot(change.NewValue) : converter.ToSalesforce(change.NewValue);
            if (!converted.Ok)
            {
                Refuse(o, new Refusal(change.Target, decision.Action.ToString(), converted.ErrorCode!, converted.Error!) { Fields = [change.Field] });
                return o;
            }

            if (change.Target == SyncSide.HubSpot)
            {
                hsProps[converter.HubSpot.Name] = converted.Value ?? string.Empty;
            }
            else
            {
                sfFields[converter.Salesforce.Name] = converted.Value;
            }
        }

        switch (decision.Action)
        {
            case RecordAction.CreateInHubSpot when mapping.SalesforceIdProperty is { } idProperty:
                hsProps[idProperty] = o.SalesforceId!;
                o.QueueHubSpot = () => _hsUpserts.Add((o, new HubSpotUpsertInput(o.SalesforceId!, hsProps)));
                break;
            case RecordAction.CreateInHubSpot:
                o.QueueHubSpot = () => _hsCreates.Add((o, new HubSpotCreateInput(hsProps)));
                break;
            case RecordAction.CreateInSalesforce when mapping.HubSpotIdField is { } idField:
                sfFields[idField] = o.HubSpotId;
                o.QueueSalesforce = () => _sfUpserts.Add((o, SalesforceRecord.ForCreate(mapping.SalesforceObject, sfFields)));
                break;
            case RecordAction.CreateInSalesforce:
                o.QueueSalesforce = () => _sfCreates.Add((o, SalesforceRecord.ForCreate(mapping.SalesforceObject, sfFields)));
                break;
            case RecordAction.ArchiveInHubSpot:
                o.QueueHubSpot = () => _hsArchives.Add((o, o.HubSpotId!));
                break;
            case RecordAction.DeleteInSalesforce:
                o.QueueSalesforce = () => _sfDeletes.Add((o, o.SalesforceId!));
                break;
            case RecordAction.Update or RecordAction.Link:
                if (decision.Action == RecordAction.Link && mapping.SalesforceIdProperty is { } linkKey && string.IsNullOrEmpty(pair.HubSpotRecord?[linkKey]))
                {
                    // Matched on another property (an import's -MatchOn): from now on the record carries the link key, so upserts find it.
                    hsProps[linkKey] = o.SalesforceId!;
                }

                if (hsProps.Count > 0)
                {
                    o.QueueHubSpot = () => _hsUpdates.Add((o, new HubSpotUpdateInput(o.HubSpotId!, hsProps)));
                }

                if (sfFields.Count > 0)
                {
                    o.QueueSalesforce = () => _sfUpdates.Add((o, SalesforceRecord.ForUpdate(mapping.SalesforceObject, o.SalesforceId!, sfFields)));
                }

                break;
        }

        return o;
    }

    private void ApplyHubSpot(IReadOnlyList<Outcome> outcomes, IReadOnlyList<HubSpotBatchResult>? results, string operation, Action<Outcome, HubSpotBatchResult> onSuccess, bool alreadyGoneIsSuccess = false)
    {
        if (results is null)
        {
            return;
        }

        foreach (var result in results)
        {
            var o = outcomes[result.Index];
            if (result.Success || (alreadyGoneIsSuccess && result.Error?.Category == "OBJECT_NOT_FOUND"))
            {
                onSuccess(o, result);
            }
            else
            {
                Refuse(o, new Refusal(SyncSide.HubSpot, operation, result.Error!.Code ?? result.Error.Category, result.Error.ToString()) { Fields = result.Error.PropertyNames });
            }

            AfterHubSpot(o);
        }

        foreach (var o in Unanswered(outcomes, results.Select(r => r.Index)))
        {
            Refuse(o, new Refusal(SyncSide.HubSpot, operation, "NO_RESULT", "HubSpot's batch answer had no result for this record."));
            AfterHubSpot(o);
        }
    }

    private void ApplySalesforce(IReadOnlyList<Outcome> outcomes, IReadOnlyList<SalesforceSaveResult>? results, string operation, Action<Outcome, SalesforceSaveResult> onSuccess, bool alreadyGoneIsSuccess = false)
    {
        if (results is null)
        {
            return;
        }

        foreach (var result in results)
        {
            var o = outcomes[result.Index];
            if (result.Success || (alreadyGoneIsSuccess && result.Errors.Any(e => e.StatusCode is "ENTITY_IS_DELETED" or "INVALID_CROSS_REFERENCE_KEY")))
            {
                onSuccess(o, result);
            }
            else
            {
                var first = result.Errors.FirstOrDefault();
                Refuse(o, new Refusal(SyncSide.Salesforce, operation, first?.StatusCode ?? (result.Unprocessed ? "UNPROCESSED" : "UNKNOWN"),
                    result.Errors.Count == 0 ? "Salesforce did not process the record." : string.Join("; ", result.Errors)) { Fields = first?.Fields ?? Array.Empty<string>() });
            }

            _finished.Add(o);
        }

        foreach (var o in Unanswered(outcomes, results.Select(r => r.Index)))
        {
            Refuse(o, new Refusal(SyncSide.Salesforce, operation, "NO_RESULT", "Salesforce's answer had no result for this record."));
            _finished.Add(o);
        }
    }

    /// <summary>Records a batch answer left out: failed, never taken as written and never lost.</summary>
    private static IEnumerable<Outcome> Unanswered(IReadOnlyList<Outcome> outcomes, IEnumerable<int> answered)
    {
        var seen = answered.ToHashSet();
        return outcomes.Where((_, i) => !seen.Contains(i)).ToList();
    }

    private async Task CommitAsync(IReadOnlyList<Outcome> outcomes, StateChange? alongside)
    {
        var links = new List<RecordLink>();
        var removed = new List<string>();
        var errors = new List<RecordError>();
        var resolved = new List<(SyncSide, string)>();
        var conflicts = new List<ConflictRecord>();
        var origins = new Dictionary<string, IReadOnlyList<FieldOrigin>>(StringComparer.Ordinal);
        var counts = new SyncRunCounts();
        foreach (var o in outcomes)
        {
            if (o.Error is not null)
            {
                errors.Add(o.Error);
                counts += new SyncRunCounts { Failed = o.RefusedWithBatch ? 0 : 1 };
                continue;
            }

            var decision = o.Decision;
            conflicts.AddRange(decision.Conflicts.Select(conflict => ToRecord(o.SalesforceId!, o.HubSpotId, conflict)));

            switch (decision.Action)
            {
                case RecordAction.ArchiveInHubSpot or RecordAction.DeleteInSalesforce or RecordAction.Unlink:
                    removed.Add(o.Pair.Link!.SalesforceId);
                    counts += decision.Action switch
                    {
                        RecordAction.ArchiveInHubSpot => new SyncRunCounts { DeletedInHubSpot = 1 },
                        RecordAction.DeleteInSalesforce => new SyncRunCounts { DeletedInSalesforce = 1 },
                        _ => new SyncRunCounts(),
                    };
                    break;
                default:
                    links.Add(new RecordLink(o.SalesforceId!, o.HubSpotId!, decision.SyncedValues));
                    if (decision.Changes.Count > 0)
                    {
                        origins[o.SalesforceId!] = decision.Changes.Select(c => new FieldOrigin(c.Field, c.Source, c.Rule)).ToList();
                    }

                    counts += new SyncRunCounts
                    {
                        CreatedInHubSpot = o.CreatedHubSpot ? 1 : 0,
                        CreatedInSalesforce = o.CreatedSalesforce ? 1 : 0,
                        Linked = o.LinkedExisting || decision.Action == RecordAction.Link ? 1 : 0,
                        UpdatedInHubSpot = decision.Action is RecordAction.Update or RecordAction.Link && decision.WritesTo(SyncSide.HubSpot) ? 1 : 0,
                        UpdatedInSalesforce = decision.Action is RecordAction.Update or RecordAction.Link && decision.WritesTo(SyncSide.Salesforce) ? 1 : 0,
                    };
                    break;
            }

            counts += new SyncRunCounts { Conflicts = decision.Conflicts.Count };
            if (o.SalesforceId is not null)
            {
                resolved.Add((SyncSide.HubSpot, o.SalesforceId));
            }

            if (o.HubSpotId is not null)
            {
                resolved.Add((SyncSide.Salesforce, o.HubSpotId));
            }
        }

        var written = outcomes.Count - errors.Count;
        if (alongside is not null)
        {
            errors.AddRange(alongside.Errors);
            counts += alongside.CountsDelta ?? new SyncRunCounts();
        }

        await _state.CommitAsync(new StateChange
        {
            Mapping = _runtime.Mapping.Name,
            RunId = _runId,
            Lease = _lease.Current,
            Links = links,
            FieldOrigins = origins,
            HistoryDepth = _options.FieldHistoryDepth,
            RemovedLinks = removed,
            Errors = errors,
            ResolvedErrors = resolved,
            Conflicts = conflicts,
            AssociationPlaceholders = links.SelectMany(l => AssociationFields.Select(field => new AssociationLink(l.SalesforceId, field, AssociationLinkState.Waiting)
            {
                // No HubSpot id: decided later as a first sight, as if the row were not there.
                Reason = "Not made yet: the run stopped after linking the record and before making its associations.",
            })).ToList(),
            CountsDelta = counts,
            Cursor = alongside?.Cursor,
        }, CancellationToken.None).ConfigureAwait(false);

        Written += written;
        Failed += errors.Count;
        _settled.AddRange(outcomes.Select(o => o.Error is null && o.Pair.SalesforceId is null && o.SalesforceId is not null
            ? o.Pair with { StepSalesforceId = o.SalesforceId, StepCreatedSalesforce = o.CreatedSalesforce }
            : o.Pair));
    }
}
