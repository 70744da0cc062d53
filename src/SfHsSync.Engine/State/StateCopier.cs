using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.State;

/// <summary>
/// Moves state between stores (SQLite to PostgreSQL and back): links and last-synced values in batches, association
/// rows, watermarks, the mapping's settings (a recorded status, the field pairs of its last pass), and the history
/// (runs with their retries, errors, conflicts, then what refers to the runs: field stories, API yardsticks, the mapping's definition),
/// then verifies the copy by counting both sides.
/// </summary>
public static class StateCopier
{
    private const int LinkBatch = 1000;

    public static async Task<IReadOnlyList<StateCopyResult>> CopyAsync(IStateStore from, IStateStore to, IReadOnlyCollection<string>? mappings, bool replace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (string.Equals(from.Location, to.Location, StringComparison.Ordinal))
        {
            throw new SyncException("SyncStateCopySameStore", SyncErrorKind.InvalidArgument, $"The source and the target are the same state ({from.Location}).");
        }

        var available = await from.GetMappingsAsync(cancellationToken).ConfigureAwait(false);
        var names = mappings is { Count: > 0 } ? mappings.ToList() : available.ToList();
        foreach (var missing in names.Where(n => !available.Contains(n, StringComparer.Ordinal)))
        {
            throw new SyncException("SyncStateMappingNotFound", SyncErrorKind.ObjectNotFound, $"The state at {from.Location} holds nothing for mapping '{missing}'.", missing);
        }

        var existing = await to.GetMappingsAsync(cancellationToken).ConfigureAwait(false);
        var clash = names.Where(n => existing.Contains(n, StringComparer.Ordinal)).ToList();
        if (clash.Count > 0 && !replace)
        {
            throw new SyncException("SyncStateCopyTargetNotEmpty", SyncErrorKind.ResourceExists,
                $"The state at {to.Location} already holds mapping(s) {string.Join(", ", clash.Select(c => $"'{c}'"))}; add -Force to replace them.", to.Location);
        }

        var results = new List<StateCopyResult>();
        foreach (var mapping in names)
        {
            if (clash.Contains(mapping, StringComparer.Ordinal))
            {
                await to.ClearMappingAsync(mapping, cancellationToken).ConfigureAwait(false);
            }

            var batch = new List<RecordLink>(LinkBatch);
            await foreach (var link in from.ReadLinksAsync(mapping, cancellationToken).ConfigureAwait(false))
            {
                batch.Add(link);
                if (batch.Count == LinkBatch)
                {
                    await to.CommitAsync(new StateChange { Mapping = mapping, Links = batch.ToArray() }, cancellationToken).ConfigureAwait(false);
                    batch.Clear();
                }
            }

            var marks = await from.GetWatermarksAsync(mapping, cancellationToken).ConfigureAwait(false);
            await to.CommitAsync(new StateChange
            {
                Mapping = mapping,
                Links = batch.ToArray(),
                Watermarks = marks.Salesforce is null && marks.HubSpot is null ? null : marks,
            }, cancellationToken).ConfigureAwait(false);

            var rows = new List<AssociationLink>(LinkBatch);
            await foreach (var row in from.ReadAssociationLinksAsync(mapping, pendingOnly: false, cancellationToken).ConfigureAwait(false))
            {
                rows.Add(row);
                if (rows.Count == LinkBatch)
                {
                    await to.CommitAsync(new StateChange { Mapping = mapping, AssociationLinks = rows.ToArray() }, cancellationToken).ConfigureAwait(false);
                    rows.Clear();
                }
            }

            if (rows.Count > 0)
            {
                await to.CommitAsync(new StateChange { Mapping = mapping, AssociationLinks = rows.ToArray() }, cancellationToken).ConfigureAwait(false);
            }

            // A paused mapping stays paused on the new store, and its next pass there still notices a changed pair.
            var settings = await from.GetMappingSettingsAsync(mapping, cancellationToken).ConfigureAwait(false);
            if (settings.Status is not null || settings.StatusChangedAt is not null)
            {
                await to.SetMappingStatusAsync(mapping, settings.Status, settings.StatusChangedAt ?? DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            }

            if (settings.FieldPairs is { } pairs)
            {
                await to.SetFieldPairsAsync(mapping, pairs, cancellationToken).ConfigureAwait(false);
            }

            var runIds = await to.AppendHistoryAsync(
                mapping,
                new StateHistory(
                    await from.GetRunsAsync(mapping, null, int.MaxValue, cancellationToken).ConfigureAwait(false),
                    await from.GetErrorsAsync(mapping, includeResolved: true, cancellationToken).ConfigureAwait(false),
                    await from.GetConflictsAsync(mapping, int.MaxValue, cancellationToken).ConfigureAwait(false)),
                cancellationToken).ConfigureAwait(false);
            await StateCopierExtras.CopyAsync(from, to, mapping, runIds, cancellationToken).ConfigureAwait(false);

            var result = new StateCopyResult(mapping, from.Location, to.Location,
                await from.CountAsync(mapping, cancellationToken).ConfigureAwait(false),
                await to.CountAsync(mapping, cancellationToken).ConfigureAwait(false));
            if (!result.Verified)
            {
                throw new SyncException("SyncStateCopyMismatch", SyncErrorKind.WriteError,
                    $"Mapping '{mapping}': the copy at {to.Location} does not match its source ({result.Target} against {result.Source}).", mapping);
            }

            results.Add(result);
        }

        return results;
    }
}
