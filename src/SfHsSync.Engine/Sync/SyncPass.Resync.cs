using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Sync;

/// <summary>The records a resync is asked to pass over, by either side's id (Start-Sync -SalesforceId / -HubSpotId).</summary>
public sealed record ResyncTargets(IReadOnlyCollection<string> SalesforceIds, IReadOnlyCollection<string> HubSpotIds)
{
    public bool IsEmpty => SalesforceIds.Count == 0 && HubSpotIds.Count == 0;

    public override string ToString() => $"{SalesforceIds.Count} Salesforce and {HubSpotIds.Count} HubSpot record(s)";
}

/// <summary>
/// Resync on demand: a pass over just the records named, both halves of each linked pair read again whatever the
/// watermarks say, decided by the same reconciler and written by the same executor, recorded as a run of kind Resync.
/// The watermarks and the field pairs stay as they were, so the next sync pass reads on from where the last one left.
/// </summary>
public sealed partial class SyncPass
{
    public Task<SyncRunResult> ResyncAsync(MappingRuntime runtime, ResyncTargets targets, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(targets);
        return RunAsync(runtime, new PassReader(SyncRunKind.Resync, (changes, step, token) => ReadNamedAsync(runtime, changes, targets, step, token)), stop);
    }

    /// <summary>The preview of a resync: what it would write to the records named, nothing written anywhere.</summary>
    public IAsyncEnumerable<SyncPlanItem> PreviewResyncAsync(MappingRuntime runtime, ResyncTargets targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(targets);
        return PreviewAsync(runtime, new PassReader(SyncRunKind.Resync, (changes, step, token) => ReadNamedAsync(runtime, changes, targets, step, token)), cancellationToken);
    }

    /// <summary>
    /// Reads the records named and their linked twins (HubSpot 100 a call, Salesforce 200) and hands them over as the
    /// pass's steps do: a record found on one side only is created or linked as a changed record would be; a linked
    /// record gone from its side reads as deleted. Records found on neither side are named in a warning.
    /// </summary>
    private async Task<ReadOutcome> ReadNamedAsync(MappingRuntime runtime, FieldPairChanges changes, ResyncTargets targets,
        Func<IReadOnlyList<RecordPair>, CancellationToken, Task> step, CancellationToken stop)
    {
        var mapping = runtime.Mapping.Name;
        var (hsIds, hsFound, sfOrdered, sfRead, linkedByHubSpot) = await ReadBothHalvesAsync(runtime, targets, stop).ConfigureAwait(false);
        var sfFound = sfRead.OfType<SalesforceRecord>().ToList();

        // What HubSpot did not return is gone there (archived, merged or never there).
        var hsGone = hsIds.Where(id => !hsFound.ContainsKey(id)).ToHashSet(StringComparer.Ordinal);
        var bySalesforceId = runtime.Mapping.SalesforceIdProperty is { } idProperty
            ? hsFound.Values.Where(r => !string.IsNullOrEmpty(r[idProperty])).GroupBy(r => r[idProperty]!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)
            : new Dictionary<string, HubSpotRecord>(StringComparer.Ordinal);
        var consumed = new HashSet<string>(StringComparer.Ordinal);
        await StepSalesforceAsync(runtime, changes, sfFound, hsFound, hsGone, bySalesforceId, consumed, step, stop).ConfigureAwait(false);

        var sfGone = sfOrdered.Where((_, i) => sfRead[i] is null).ToList();
        var goneLinks = changes.Strip(await _state.GetLinksBySalesforceIdAsync(mapping, sfGone, stop).ConfigureAwait(false));
        var deletedPairs = goneLinks.Values.Select(link =>
        {
            consumed.Add(link.HubSpotId);
            return new RecordPair(link, SideSnapshot.Deleted(link.SalesforceId), HubSpotSide(runtime, link.HubSpotId, hsFound, hsGone))
            {
                HubSpotRecord = hsFound.GetValueOrDefault(link.HubSpotId),
            };
        }).ToList();
        if (deletedPairs.Count > 0)
        {
            await step(deletedPairs, stop).ConfigureAwait(false);
        }

        // HubSpot records no Salesforce record accounted for: unlinked ones found, to create or link in Salesforce.
        var remaining = hsFound.Keys.Where(id => !consumed.Contains(id)).ToList();
        if (remaining.Count > 0)
        {
            await StepHubSpotAsync(runtime, changes, remaining, hsFound, hsGone, step, stop).ConfigureAwait(false);
        }

        var missing = sfGone.Where(id => !goneLinks.ContainsKey(id)).Concat(targets.HubSpotIds.Where(id => hsGone.Contains(id) && !linkedByHubSpot.ContainsKey(id))).ToList();
        if (missing.Count > 0)
        {
            _observer.Warning($"{mapping}: {missing.Count} record(s) to resync were found on neither side: {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? ", ..." : string.Empty)}.");
        }

        return new ReadOutcome(sfFound.Count + deletedPairs.Count + remaining.Count, await _state.GetWatermarksAsync(mapping, stop).ConfigureAwait(false));
    }

    /// <summary>The records named and their linked twins, read on both sides: HubSpot's found ones by id, Salesforce's in the order asked (null where gone).</summary>
    private async Task<(HashSet<string> HubSpotIds, Dictionary<string, HubSpotRecord> HubSpotFound, List<string> SalesforceIds, IReadOnlyList<SalesforceRecord?> SalesforceRead,
        IReadOnlyDictionary<string, RecordLink> LinkedByHubSpot)> ReadBothHalvesAsync(MappingRuntime runtime, ResyncTargets targets, CancellationToken stop)
    {
        var mapping = runtime.Mapping.Name;
        var sfIds = new HashSet<string>(targets.SalesforceIds, StringComparer.Ordinal);
        var hsIds = new HashSet<string>(targets.HubSpotIds, StringComparer.Ordinal);
        var linkedBySalesforce = await _state.GetLinksBySalesforceIdAsync(mapping, sfIds.ToArray(), stop).ConfigureAwait(false);
        var linkedByHubSpot = await _state.GetLinksByHubSpotIdAsync(mapping, hsIds.ToArray(), stop).ConfigureAwait(false);
        sfIds.UnionWith(linkedByHubSpot.Values.Select(l => l.SalesforceId));
        hsIds.UnionWith(linkedBySalesforce.Values.Select(l => l.HubSpotId));

        var hsFound = new Dictionary<string, HubSpotRecord>(StringComparer.Ordinal);
        if (hsIds.Count > 0)
        {
            foreach (var result in await _hubSpot.BatchReadAsync(runtime.HubSpotObjectType, hsIds.ToList(), runtime.HubSpotProperties, null, stop).ConfigureAwait(false))
            {
                if (result.Record is { } record)
                {
                    hsFound[record.Id] = record;
                }
            }
        }

        var sfOrdered = sfIds.ToList();
        var sfRead = sfOrdered.Count == 0
            ? Array.Empty<SalesforceRecord?>()
            : await _salesforce.RetrieveAsync(runtime.Mapping.SalesforceObject, sfOrdered, runtime.SalesforceFields, stop).ConfigureAwait(false);
        return (hsIds, hsFound, sfOrdered, sfRead, linkedByHubSpot);
    }
}
