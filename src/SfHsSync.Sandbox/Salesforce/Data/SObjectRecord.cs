using SfHsSync.Sandbox.Salesforce.Schema;

namespace SfHsSync.Sandbox.Salesforce.Data;

/// <summary>
/// One stored record, immutable: a write replaces it whole, so a reader holding it never sees half a change.
/// Values are keyed by the field's API name (case-insensitive) and held as string, decimal, bool, DateOnly or DateTimeOffset.
/// </summary>
public sealed class SObjectRecord
{
    internal SObjectRecord(SObjectSchema schema, string id, IReadOnlyDictionary<string, object?> values, DateTimeOffset? deletedDate)
    {
        Schema = schema;
        Id = id;
        Values = values;
        DeletedDate = deletedDate;
    }

    public SObjectSchema Schema { get; }

    public string ObjectName => Schema.Name;

    public string Id { get; }

    public IReadOnlyDictionary<string, object?> Values { get; }

    /// <summary>When the record went to the recycle bin; null while it is live.</summary>
    public DateTimeOffset? DeletedDate { get; }

    public bool IsDeleted => DeletedDate is not null;

    public DateTimeOffset SystemModstamp => (DateTimeOffset)Values["SystemModstamp"]!;

    public object? this[string field] => Values.TryGetValue(field, out var v) ? v : null;

    public override string ToString() => $"{ObjectName} {Id}";
}
