using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Sync;

/// <summary>
/// Carries out decisions in batches: per group of records, HubSpot's writes (batches of 100) and Salesforce's (collections
/// of 200), each record's result mapped back to it, then one commit of the group's links, last-synced values, errors,
/// conflicts and counts. Every write is idempotent (upserts on the link keys), so a group whose commit a crash prevented
/// is simply done again by the next run, without duplicates.
/// </summary>
internal sealed class SyncStepExecutor
{
    private readonly MappingRuntime _runtime;
    private readonly SalesforceClient _salesforce;
    private readonly HubSpotClient _hubSpot;
    private readonly IStateStore _state;
    private readonly SyncOptions _options;
    private readonly long? _runId;
    private readonly LeaseKeeper _lease;

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

    /// <summary>
    /// HubSpot records an upsert finds already there count as created, not linked, when HubSpot created them at or after
    /// this instant: an earlier attempt of the same run wrote them and died before its commit (a resumed import).
    /// </summary>
    public DateTimeOffset? CreatedByThisRunSince { get; init; }

    /// <summary>
    /// Writes and commits the decisions, a group at a time; stops between groups when <paramref name="stop"/> is set.
    /// <paramref name="alongside"/> is the caller's own bookkeeping for these records (a resumable run's cursor and read
    /// counts, errors found before deciding): it commits with the last group, or alone when no record needed a write,
    /// so a cursor never moves past writes that were not committed.
    /// </summary>
    public async Task ExecuteAsync(IReadOnlyList<(RecordPair Pair, RecordDecision Decision)> decided, CancellationToken stop, StateChange? alongside = null)
    {
        var relevant = decided.Where(d => d.Decision.ChangesState(d.Pair.Link) || d.Decision.Conflicts.Count > 0).ToList();
        var groups = relevant.Chunk(Math.Max(1, _options.SalesforceBatchSize)).ToList();
        for (var i = 0; i < groups.Count; i++)
        {
            if (stop.IsCancellationRequested)
            {
                return;
            }

            await ExecuteGroupAsync(groups[i], i == groups.Count - 1 ? alongside : null).ConfigureAwait(false);
        }

        if (groups.Count == 0 && alongside is not null)
        {
            await _state.CommitAsync(alongside with { Mapping = _runtime.Mapping.Name, RunId = _runId, Lease = _lease.Current }, CancellationToken.None).ConfigureAwait(false);
            Failed += alongside.Errors.Count;
        }
    }

    private sealed class Outcome(RecordPair pair, RecordDecision decision)
    {
        public RecordPair Pair { get; } = pair;

        public RecordDecision Decision { get; } = decision;

        public string? SalesforceId { get; set; } = pair.SalesforceId;

        public string? HubSpotId { get; set; } = pair.HubSpotId;

        public RecordError? Error { get; set; }

        public bool CreatedHubSpot { get; set; }

        public bool CreatedSalesforce { get; set; }

        public bool LinkedExisting { get; set; }

        public void Fail(SyncSide side, string operation, string code, string message, string mapping, long? runId)
            => Error ??= new RecordError
            {
                Mapping = mapping,
                Side = side,
                RecordId = (side == SyncSide.HubSpot ? SalesforceId : HubSpotId) ?? HubSpotId ?? SalesforceId ?? "(unknown)",
                Operation = operation,
                ErrorCode = code,
                Message = message,
                LastSeen = DateTimeOffset.UtcNow,
                RunId = runId,
            };
    }

    private async Task ExecuteGroupAsync(IReadOnlyList<(RecordPair Pair, RecordDecision Decision)> group, StateChange? alongside)
    {
        var mapping = _runtime.Mapping;
        var outcomes = group.Select(g => new Outcome(g.Pair, g.Decision)).ToList();

        var hsUpserts = new List<(Outcome O, HubSpotUpsertInput Input)>();
        var hsCreates = new List<(Outcome O, HubSpotCreateInput Input)>();
        var hsUpdates = new List<(Outcome O, HubSpotUpdateInput Input)>();
        var hsArchives = new List<(Outcome O, string Id)>();
        var sfUpserts = new List<(Outcome O, SalesforceRecord Record)>();
        var sfCreates = new List<(Outcome O, SalesforceRecord Record)>();
        var sfUpdates = new List<(Outcome O, SalesforceRecord Record)>();
        var sfDeletes = new List<(Outcome O, string Id)>();

        foreach (var o in outcomes)
        {
            var hsProps = new Dictionary<string, string>(StringComparer.Ordinal);
            var sfFields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var change in o.Decision.Changes)
            {
                var converter = _runtime.ConverterFor(change.Field);
                var converted = change.Target == SyncSide.HubSpot ? converter.ToHubSpot(change.NewValue) : converter.ToSalesforce(change.NewValue);
                if (!converted.Ok)
                {
                    o.Fail(change.Target, o.Decision.Action.ToString(), converted.ErrorCode!, converted.Error!, mapping.Name, _runId);
                    break;
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

            if (o.Error is not null)
            {
                continue;
            }

            switch (o.Decision.Action)
            {
                case RecordAction.CreateInHubSpot when mapping.SalesforceIdProperty is { } idProperty:
                    hsProps[idProperty] = o.SalesforceId!;
                    hsUpserts.Add((o, new HubSpotUpsertInput(o.SalesforceId!, hsProps)));
                    break;
                case RecordAction.CreateInHubSpot:
                    hsCreates.Add((o, new HubSpotCreateInput(hsProps)));
                    break;
                case RecordAction.CreateInSalesforce when mapping.HubSpotIdField is { } idField:
                    sfFields[idField] = o.HubSpotId;
                    sfUpserts.Add((o, SalesforceRecord.ForCreate(mapping.SalesforceObject, sfFields)));
                    break;
                case RecordAction.CreateInSalesforce:
                    sfCreates.Add((o, SalesforceRecord.ForCreate(mapping.SalesforceObject, sfFields)));
                    break;
                case RecordAction.ArchiveInHubSpot:
                    hsArchives.Add((o, o.HubSpotId!));
                    break;
                case RecordAction.DeleteInSalesforce:
                    sfDeletes.Add((o, o.SalesforceId!));
                    break;
                case RecordAction.Update or RecordAction.Link:
                    if (o.Decision.Action == RecordAction.Link && mapping.SalesforceIdProperty is { } linkKey && string.IsNullOrEmpty(o.Pair.HubSpotRecord?[linkKey]))
                    {
                        // Matched on another property (an import's -MatchOn): from now on the record carries the link key, so upserts find it.
                        hsProps[linkKey] = o.SalesforceId!;
                    }

                    if (hsProps.Count > 0)
                    {
                        hsUpdates.Add((o, new HubSpotUpdateInput(o.HubSpotId!, hsProps)));
                    }

                    if (sfFields.Count > 0)
                    {
                        sfUpdates.Add((o, SalesforceRecord.ForUpdate(mapping.SalesforceObject, o.SalesforceId!, sfFields)));
                    }

                    break;
            }
        }

        var hsType = _runtime.HubSpotObjectType;
        if (hsUpserts.Count > 0)
        {
            var results = await _hubSpot.BatchUpsertAsync(hsType, mapping.SalesforceIdProperty!, hsUpserts.Select(u => u.Input).ToList(), CancellationToken.None).ConfigureAwait(false);
            ApplyHubSpot(hsUpserts.Select(u => u.O).ToList(), results, "Create", (o, r) =>
            {
                o.HubSpotId = r.Id;
                o.CreatedHubSpot = r.IsNew || (CreatedByThisRunSince is { } since && r.Record is { } record && record.CreatedAt >= since);
                o.LinkedExisting = !o.CreatedHubSpot;
            });
        }

        if (hsCreates.Count > 0)
        {
            var results = await _hubSpot.BatchCreateAsync(hsType, hsCreates.Select(c => c.Input).ToList(), CancellationToken.None).ConfigureAwait(false);
            ApplyHubSpot(hsCreates.Select(c => c.O).ToList(), results, "Create", (o, r) =>
            {
                o.HubSpotId = r.Id;
                o.CreatedHubSpot = true;
            });
        }

        if (hsUpdates.Count > 0)
        {
            var results = await _hubSpot.BatchUpdateAsync(hsType, hsUpdates.Select(u => u.Input).ToList(), null, CancellationToken.None).ConfigureAwait(false);
            ApplyHubSpot(hsUpdates.Select(u => u.O).ToList(), results, "Update", (_, _) => { });
        }

        if (hsArchives.Count > 0)
        {
            var results = await _hubSpot.BatchArchiveAsync(hsType, hsArchives.Select(a => a.Id).ToList(), CancellationToken.None).ConfigureAwait(false);
            ApplyHubSpot(hsArchives.Select(a => a.O).ToList(), results, "Archive", (_, _) => { }, alreadyGoneIsSuccess: true);
        }

        // Salesforce writes skip records whose HubSpot half already failed: their last-synced values must not move.
        if (sfUpserts.Count > 0)
        {
            var results = await _salesforce.UpsertAsync(mapping.SalesforceObject, mapping.HubSpotIdField!, sfUpserts.Select(u => u.Record).ToList(), CancellationToken.None).ConfigureAwait(false);
            ApplySalesforce(sfUpserts.Select(u => u.O).ToList(), results, "Create", (o, r) =>
            {
                o.SalesforceId = r.Id;
                o.CreatedSalesforce = r.Created != false;
                o.LinkedExisting = r.Created == false;
            });
        }

        if (sfCreates.Count > 0)
        {
            var results = await _salesforce.CreateAsync(mapping.SalesforceObject, sfCreates.Select(c => c.Record).ToList(), CancellationToken.None).ConfigureAwait(false);
            ApplySalesforce(sfCreates.Select(c => c.O).ToList(), results, "Create", (o, r) =>
            {
                o.SalesforceId = r.Id;
                o.CreatedSalesforce = true;
            });
        }

        var sfUpdatesToSend = sfUpdates.Where(u => u.O.Error is null).ToList();
        if (sfUpdatesToSend.Count > 0)
        {
            var results = await _salesforce.UpdateAsync(mapping.SalesforceObject, sfUpdatesToSend.Select(u => u.Record).ToList(), CancellationToken.None).ConfigureAwait(false);
            ApplySalesforce(sfUpdatesToSend.Select(u => u.O).ToList(), results, "Update", (_, _) => { });
        }

        if (sfDeletes.Count > 0)
        {
            var results = await _salesforce.DeleteAsync(sfDeletes.Select(d => d.Id).ToList(), CancellationToken.None).ConfigureAwait(false);
            ApplySalesforce(sfDeletes.Select(d => d.O).ToList(), results, "Delete", (_, _) => { }, alreadyGoneIsSuccess: true);
        }

        await CommitAsync(outcomes, alongside).ConfigureAwait(false);
    }

    private void ApplyHubSpot(IReadOnlyList<Outcome> outcomes, IReadOnlyList<HubSpotBatchResult> results, string operation, Action<Outcome, HubSpotBatchResult> onSuccess, bool alreadyGoneIsSuccess = false)
    {
        foreach (var result in results)
        {
            var o = outcomes[result.Index];
            if (result.Success || (alreadyGoneIsSuccess && result.Error?.Category == "OBJECT_NOT_FOUND"))
            {
                onSuccess(o, result);
            }
            else
            {
                o.Fail(SyncSide.HubSpot, operation, result.Error!.Code ?? result.Error.Category, result.Error.ToString(), _runtime.Mapping.Name, _runId);
            }
        }
    }

    private void ApplySalesforce(IReadOnlyList<Outcome> outcomes, IReadOnlyList<SalesforceSaveResult> results, string operation, Action<Outcome, SalesforceSaveResult> onSuccess, bool alreadyGoneIsSuccess = false)
    {
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
                o.Fail(SyncSide.Salesforce, operation, first?.StatusCode ?? (result.Unprocessed ? "UNPROCESSED" : "UNKNOWN"),
                    result.Errors.Count == 0 ? "Salesforce did not process the record." : string.Join("; ", result.Errors), _runtime.Mapping.Name, _runId);
            }
        }
    }

    private async Task CommitAsync(IReadOnlyList<Outcome> outcomes, StateChange? alongside)
    {
        var links = new List<RecordLink>();
        var removed = new List<string>();
        var errors = new List<RecordError>();
        var resolved = new List<(SyncSide, string)>();
        var conflicts = new List<ConflictRecord>();
        var counts = new SyncRunCounts();
        foreach (var o in outcomes)
        {
            if (o.Error is not null)
            {
                errors.Add(o.Error);
                counts += new SyncRunCounts { Failed = 1 };
                continue;
            }

            var decision = o.Decision;
            foreach (var conflict in decision.Conflicts)
            {
                conflicts.Add(new ConflictRecord
                {
                    Mapping = _runtime.Mapping.Name,
                    RunId = _runId,
                    SalesforceId = o.SalesforceId!,
                    HubSpotId = o.HubSpotId,
                    Field = conflict.Field,
                    SalesforceValue = conflict.SalesforceValue,
                    HubSpotValue = conflict.HubSpotValue,
                    Winner = conflict.Winner,
                    At = DateTimeOffset.UtcNow,
                });
            }

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
            RemovedLinks = removed,
            Errors = errors,
            ResolvedErrors = resolved,
            Conflicts = conflicts,
            CountsDelta = counts,
            Cursor = alongside?.Cursor,
        }, CancellationToken.None).ConfigureAwait(false);

        Written += written;
        Failed += errors.Count;
    }
}
