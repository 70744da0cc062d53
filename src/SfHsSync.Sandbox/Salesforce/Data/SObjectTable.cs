using SfHsSync.Sandbox.Salesforce.Schema;

namespace SfHsSync.Sandbox.Salesforce.Data;

/// <summary>
/// The records of one object, keyed by id, with an index over each unique or external ID field (live records only).
/// Not thread-safe on its own: the org serialises access.
/// </summary>
internal sealed class SObjectTable
{
    private readonly Dictionary<string, SObjectRecord> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, List<string>>> _indexes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> _autoNumbers = new(StringComparer.OrdinalIgnoreCase);
    private long _sequence;

    public SObjectTable(SObjectSchema schema)
    {
        Schema = schema;
        foreach (var field in schema.Fields.Where(f => f.Unique || f.ExternalId))
        {
            _indexes[field.Name] = new Dictionary<string, List<string>>(field.CaseSensitive ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        }
    }

    public SObjectSchema Schema { get; }

    /// <summary>Every record in insertion order, deleted ones included.</summary>
    public IEnumerable<SObjectRecord> Rows => _rows.Values;

    public int Count(bool includeDeleted) => includeDeleted ? _rows.Count : _rows.Values.Count(r => !r.IsDeleted);

    /// <summary>A fresh id; seeds may carry their own ids, so a generated one skips any already taken.</summary>
    public string NextId()
    {
        string id;
        do
        {
            id = SalesforceId.Create(Schema.KeyPrefix, ++_sequence);
        }
        while (_rows.ContainsKey(id));
        return id;
    }

    public long NextAutoNumber(string field) => _autoNumbers[field] = _autoNumbers.GetValueOrDefault(field) + 1;

    public SObjectRecord? Find(string id) => _rows.GetValueOrDefault(id);

    /// <summary>Ids of live records whose indexed field holds the value.</summary>
    public IReadOnlyList<string> FindByIndexedField(string field, string value)
        => _indexes.TryGetValue(field, out var index) && index.TryGetValue(value, out var ids) ? ids : Array.Empty<string>();

    public bool IsIndexed(string field) => _indexes.ContainsKey(field);

    public void Put(SObjectRecord record)
    {
        if (_rows.TryGetValue(record.Id, out var old))
        {
            Unindex(old);
        }

        _rows[record.Id] = record;
        Index(record);
    }

    /// <summary>Takes a record out entirely: only an all-or-none rollback of a create does this.</summary>
    public void Remove(string id)
    {
        if (_rows.Remove(id, out var old))
        {
            Unindex(old);
        }
    }

    private void Index(SObjectRecord record)
    {
        if (record.IsDeleted)
        {
            return;
        }

        foreach (var (field, index) in _indexes)
        {
            if (record[field] is { } value)
            {
                var key = FieldValues.ToText(value);
                if (!index.TryGetValue(key, out var ids))
                {
                    index[key] = ids = new List<string>(1);
                }

                ids.Add(record.Id);
            }
        }
    }

    private void Unindex(SObjectRecord record)
    {
        if (record.IsDeleted)
        {
            return;
        }

        foreach (var (field, index) in _indexes)
        {
            if (record[field] is { } value && index.TryGetValue(FieldValues.ToText(value), out var ids))
            {
                ids.Remove(record.Id);
                if (ids.Count == 0)
                {
                    index.Remove(FieldValues.ToText(value));
                }
            }
        }
    }
}
