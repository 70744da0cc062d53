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

    /// <summary>The most recently changed record: its SystemModstamp is the Salesforce watermark taken before the import reads.</summary>
    public static SoqlQuery Latest(SalesforceObjectDescription description)
        => SoqlQuery.Select(description, "SystemModstamp").OrderBy("SystemModstamp", descending: true).OrderBy("Id", descending: true).Limit(1);

    private static SoqlQuery Filter(SoqlQuery query, DateTimeOffset? changedSince, string? afterId)
    {
        if (changedSince is { } since)
        {
            query = query.Where(SoqlCondition.GreaterThanOrEqual("SystemModstamp", since));
        }

        return afterId is null ? query : query.Where(SoqlCondition.GreaterThan("Id", afterId));
    }
}
