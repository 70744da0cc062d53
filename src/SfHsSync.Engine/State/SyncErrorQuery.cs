namespace SfHsSync.Engine.State;

/// <summary>
/// Which record errors to list (Get-SyncError): of one mapping or all, of some categories, seen since an instant,
/// resolved ones too or not. Waiting and failed associations are listed beside the records' own errors, category
/// Association, each naming the lookup and the target it waits for.
/// </summary>
public sealed record SyncErrorQuery
{
    public string? Mapping { get; init; }

    /// <summary>Only errors of these categories; empty means every category.</summary>
    public IReadOnlyCollection<SyncErrorCategory> Categories { get; init; } = Array.Empty<SyncErrorCategory>();

    /// <summary>Only errors last seen at or after this instant.</summary>
    public DateTimeOffset? Since { get; init; }

    public bool IncludeResolved { get; init; }

    public async Task<IReadOnlyList<RecordError>> ReadAsync(IStateStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var errors = new List<RecordError>(await store.GetErrorsAsync(Mapping, IncludeResolved, cancellationToken).ConfigureAwait(false));
        if (Wants(SyncErrorCategory.Association))
        {
            var mappings = Mapping is null ? await store.GetMappingsAsync(cancellationToken).ConfigureAwait(false) : [Mapping];
            foreach (var mapping in mappings)
            {
                await foreach (var row in store.ReadAssociationLinksAsync(mapping, pendingOnly: true, cancellationToken).ConfigureAwait(false))
                {
                    errors.Add(AsError(mapping, row));
                }
            }
        }

        return errors.Where(e => Wants(e.Category) && (Since is null || e.LastSeen >= Since)).ToList();
    }

    private bool Wants(SyncErrorCategory category) => Categories.Count == 0 || Categories.Contains(category);

    /// <summary>A waiting or failed association as the error row Get-SyncError shows: the record, the lookup, the target.</summary>
    public static RecordError AsError(string mapping, AssociationLink row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var code = row.State == AssociationLinkState.Failed ? ErrorCategories.AssociationFailed
            : row.IsPlaceholder ? ErrorCategories.AssociationNotMade : ErrorCategories.AssociationWaiting;
        var target = row.TargetSalesforceId ?? "its target";
        return new RecordError
        {
            Mapping = mapping,
            Side = SyncSide.HubSpot,
            RecordId = row.SalesforceId,
            Operation = "Associate",
            ErrorCode = code,
            Message = $"{row.Field} of {row.SalesforceId} -> {target}: {row.Reason ?? row.State.ToString()}",
            FirstSeen = row.UpdatedAt,
            LastSeen = row.UpdatedAt,
            Category = SyncErrorCategory.Association,
            Hint = code == ErrorCategories.AssociationWaiting
                ? ResolutionHint.For(SyncErrorCategory.Association, SyncSide.HubSpot, code, new ErrorSubject(row.Field, row.TargetSalesforceId))
                : $"The association of {row.Field} to {target} was not made ({row.Reason ?? code}); the next pass tries it again, or resync the record.",
        };
    }
}
