using SfHsSync.Engine.Metadata;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.Sync;

namespace SfHsSync.Engine.Import;

/// <summary>
/// The SOQL an import runs: the mapped fields, records changed since the filter and after the last Id committed,
/// in Id order, so "after the cursor" means exactly the records not yet imported.
/// </summary>
internal static class ImportQuery
{
    public static SoqlQuery Records(MappingRuntime runtime, DateTimeOffset? changedSince, string? afterId)
        => Filter(SoqlQuery.Select(runtime.Salesforce, runtime.SalesforceFields), changedSince, afterId).OrderBy("Id");

    public static SoqlQuery Count(SalesforceObjectDescription description, DateTimeOffset? changedSince, string? afterId)
        => Filter(SoqlQuery.Count(description), changedSince, afterId);

    /// <summary>
    /// Where Start-Sync's Salesforce reads begin after the import: the change stamp (SystemModstamp, or LastModifiedDate)
    /// of the object's most recently changed record, read before the import reads anything, held back to the org's time
    /// less <paramref name="commitLag"/> when it is later than that, so a record that a transaction stamped before the
    /// import began and committed after the import read is still read by the first pass. Null for an empty object, and
    /// for one read by a full comparison (it has no stamp; every pass reads it all).
    /// </summary>
    public static async Task<DateTimeOffset?> LatestChangeAsync(SalesforceClient salesforce, MappingRuntime runtime, TimeSpan commitLag, CancellationToken cancellationToken)
    {
        if (runtime.Capabilities.ChangeStampField is not { } stampField)
        {
            return null;
        }

        DateTimeOffset? serverTime = null;
        var latest = SoqlQuery.Select(runtime.Salesforce, stampField).OrderBy(stampField, descending: true).OrderBy("Id", descending: true).Limit(1);
        await foreach (var page in salesforce.QueryPagesAsync(latest, false, at => serverTime ??= at, cancellationToken).ConfigureAwait(false))
        {
            foreach (var record in page)
            {
                if (SalesforceWireValue.TryParseDateTime(record[stampField] ?? string.Empty, out var stamp))
                {
                    var bound = (serverTime ?? DateTimeOffset.UtcNow) - commitLag;
                    return commitLag > TimeSpan.Zero && stamp > bound ? bound : stamp;
                }
            }
        }

        return null;
    }

    /// <summary>The records changed since <paramref name="changedSince"/> by the object's change stamp (CreatedDate for one with no other).</summary>
    private static SoqlQuery Filter(SoqlQuery query, DateTimeOffset? changedSince, string? afterId)
    {
        if (changedSince is { } since)
        {
            var capabilities = ObjectCapabilities.Of(query.Object);
            var stamp = capabilities.ChangeStampField ?? (capabilities.ChangeStamp == ChangeStamp.CreatedDate ? "CreatedDate" : "SystemModstamp");
            query = query.Where(SoqlCondition.GreaterThanOrEqual(stamp, since));
        }

        return afterId is null ? query : query.Where(SoqlCondition.GreaterThan("Id", afterId));
    }
}
