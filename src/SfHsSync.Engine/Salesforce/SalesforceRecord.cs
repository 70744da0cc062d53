using System.Text;

namespace SfHsSync.Engine.Salesforce;

/// <summary>
/// One Salesforce record: its object type, its Id (null for a record not yet created) and its field values as
/// normalized wire text (see <see cref="SalesforceWireValue"/>). Two records are equal when type, Id and every field
/// value are equal, whichever API read them. Field names compare case-insensitively, as Salesforce's do.
/// </summary>
public sealed class SalesforceRecord : IEquatable<SalesforceRecord>
{
    private readonly Dictionary<string, string?> _fields;

    public SalesforceRecord(string objectType, string? id, IEnumerable<KeyValuePair<string, string?>> fields)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectType);
        ArgumentNullException.ThrowIfNull(fields);
        ObjectType = objectType;
        _fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in fields)
        {
            if (string.Equals(name, "Id", StringComparison.OrdinalIgnoreCase))
            {
                id ??= value;
                continue;
            }

            _fields[name] = value;
        }

        Id = string.IsNullOrEmpty(id) ? null : id;
    }

    /// <summary>A record to create: no Id yet.</summary>
    public static SalesforceRecord ForCreate(string objectType, IEnumerable<KeyValuePair<string, string?>> fields) => new(objectType, null, fields);

    /// <summary>A change to an existing record: only the given fields are written.</summary>
    public static SalesforceRecord ForUpdate(string objectType, string id, IEnumerable<KeyValuePair<string, string?>> fields)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return new(objectType, id, fields);
    }

    public string ObjectType { get; }

    public string? Id { get; }

    /// <summary>Field values by API name, without Id (which is <see cref="Id"/>).</summary>
    public IReadOnlyDictionary<string, string?> Fields => _fields;

    /// <summary>The value of a field, or null when the field is null or was not read.</summary>
    public string? this[string fieldName] => string.Equals(fieldName, "Id", StringComparison.OrdinalIgnoreCase)
        ? Id
        : _fields.GetValueOrDefault(fieldName);

    public bool Has(string fieldName) => string.Equals(fieldName, "Id", StringComparison.OrdinalIgnoreCase) ? Id is not null : _fields.ContainsKey(fieldName);

    public bool Equals(SalesforceRecord? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (!string.Equals(ObjectType, other.ObjectType, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(Id, other.Id, StringComparison.Ordinal)
            || _fields.Count != other._fields.Count)
        {
            return false;
        }

        foreach (var (name, value) in _fields)
        {
            if (!other._fields.TryGetValue(name, out var otherValue) || !string.Equals(value, otherValue, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as SalesforceRecord);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(ObjectType, StringComparer.OrdinalIgnoreCase);
        hash.Add(Id, StringComparer.Ordinal);
        hash.Add(_fields.Count);
        return hash.ToHashCode();
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(ObjectType).Append(' ').Append(Id ?? "(new)");
        foreach (var (name, value) in _fields.OrderBy(f => f.Key, StringComparer.OrdinalIgnoreCase))
        {
            text.Append(' ').Append(name).Append('=').Append(value ?? "null");
        }

        return text.ToString();
    }
}
