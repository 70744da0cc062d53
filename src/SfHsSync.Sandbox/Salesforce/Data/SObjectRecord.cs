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

    /// <summary>When a write last touched the record, kept whether or not the object has audit fields.</summary>
    internal DateTimeOffset? Touched { get; init; }

    /// <summary>The record's change stamp: SystemModstamp, or when the object has none, the time of its last write.</summary>
    public DateTimeOffset SystemModstamp => Values.TryGetValue("SystemModstamp", out var v) && v is DateTimeOffset stamp ? stamp : Touched!.Value;

    public object? this[string field] => Values.TryGetValue(field, out var v) ? v : null;

    public override string ToString() => $"{ObjectName} {Id}";
}
