namespace SfHsSync.Engine.State;

/// <summary>
/// What Copy-SyncState copies after the runs, because it names them: each link's field origins and the field history
/// (Get-SyncRecord, -History), each run's API yardsticks (run_api_use), and the mapping's stored definition. The runs
/// have new ids in the target, so every run id is carried over to its new one; one the target does not have becomes null.
/// </summary>
internal static class StateCopierExtras
{
    private const int Batch = 1000;

    public static async Task CopyAsync(IStateStore from, IStateStore to, string mapping, IReadOnlyDictionary<long, long> runIds, CancellationToken cancellationToken)
    {
        long? Remap(long? id) => id is { } old && runIds.TryGetValue(old, out var now) ? now : null;
        FieldOrigin Moved(FieldOrigin origin) => origin with { RunId = Remap(origin.RunId) };

        var origins = new List<LinkOrigins>(Batch);
        await foreach (var link in from.ReadLinkOriginsAsync(mapping, cancellationToken).ConfigureAwait(false))
        {
            origins.Add(link with { Origins = link.Origins.Select(Moved).ToList() });
            if (origins.Count == Batch)
            {
                await to.AppendFieldStoriesAsync(mapping, origins.ToArray(), [], cancellationToken).ConfigureAwait(false);
                origins.Clear();
            }
        }

        var history = new List<FieldHistoryEntry>(Batch);
        await foreach (var entry in from.ReadFieldHistoryAsync(mapping, cancellationToken).ConfigureAwait(false))
        {
            history.Add(entry with { Origin = Moved(entry.Origin) });
            if (history.Count == Batch)
            {
                await to.AppendFieldStoriesAsync(mapping, origins.ToArray(), history.ToArray(), cancellationToken).ConfigureAwait(false);
                origins.Clear();
                history.Clear();
            }
        }

        if (origins.Count > 0 || history.Count > 0)
        {
            await to.AppendFieldStoriesAsync(mapping, origins, history, cancellationToken).ConfigureAwait(false);
        }

        foreach (var use in (await from.GetApiUseAsync(mapping, cancellationToken).ConfigureAwait(false)).Values.OrderBy(u => u.RunId))
        {
            if (Remap(use.RunId) is { } runId)
            {
                await to.RecordApiUseAsync(use with { RunId = runId }, cancellationToken).ConfigureAwait(false);
            }
        }

        if (await from.GetMappingDefinitionAsync(mapping, cancellationToken).ConfigureAwait(false) is { } definition)
        {
            await to.StoreMappingDefinitionAsync(definition with { RunId = Remap(definition.RunId) }, cancellationToken).ConfigureAwait(false);
        }
    }
}
