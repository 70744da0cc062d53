namespace SfHsSync.Sandbox.Salesforce.Schema;

/// <summary>An emulated object type: its describe flags and its fields, looked up case-insensitively as Salesforce does.</summary>
public sealed class SObjectSchema
{
    private readonly Dictionary<string, SObjectField> _byName;
    private readonly Dictionary<string, SObjectField> _byRelationship;

    public SObjectSchema(string name, string label, string labelPlural, string keyPrefix, bool custom, IReadOnlyList<SObjectField> fields,
        IReadOnlyList<ValidationRule>? validationRules = null, bool writable = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (keyPrefix.Length != 3)
        {
            throw new ArgumentException($"Object '{name}' has key prefix '{keyPrefix}'; a key prefix has 3 characters.", nameof(keyPrefix));
        }

        Name = name;
        Label = label;
        LabelPlural = labelPlural;
        KeyPrefix = keyPrefix;
        Custom = custom;
        Fields = fields;
        ValidationRules = validationRules ?? Array.Empty<ValidationRule>();
        Capabilities = writable ? ObjectCapabilities.All : ObjectCapabilities.ReadOnly;
        _byName = new Dictionary<string, SObjectField>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in fields)
        {
            if (!_byName.TryAdd(field.Name, field))
            {
                throw new ArgumentException($"Object '{name}' declares field '{field.Name}' twice.", nameof(fields));
            }
        }

        _byRelationship = fields.Where(f => f.RelationshipName is not null)
            .ToDictionary(f => f.RelationshipName!, StringComparer.OrdinalIgnoreCase);
        ExternalIdFields = fields.Where(f => f.ExternalId || f.Name == "Id").ToArray();
        UniqueFields = fields.Where(f => f.Unique).ToArray();
    }

    public string Name { get; }

    public string Label { get; }

    public string LabelPlural { get; }

    public string KeyPrefix { get; }

    public bool Custom { get; }

    public IReadOnlyList<SObjectField> Fields { get; }

    /// <summary>Rules checked on every write; a rule whose condition is true refuses the record.</summary>
    public IReadOnlyList<ValidationRule> ValidationRules { get; }

    /// <summary>The record types describe lists (recordTypeInfos); empty means the Master type alone.</summary>
    public IReadOnlyList<RecordTypeInfo> RecordTypes { get; init; } = Array.Empty<RecordTypeInfo>();

    /// <summary>What describe says the API may do with the object (queryable, replicateable, createable...); the sandbox enforces it.</summary>
    public ObjectCapabilities Capabilities { get; init; }

    /// <summary>False for objects the API neither creates nor updates (the Demo seed's RecordType).</summary>
    public bool Writable => Capabilities.Createable || Capabilities.Updateable;

    /// <summary>Id and the fields marked external ID: the ones upsert accepts.</summary>
    public IReadOnlyList<SObjectField> ExternalIdFields { get; }

    /// <summary>Fields whose values must be unique among live records.</summary>
    public IReadOnlyList<SObjectField> UniqueFields { get; }

    public bool HasField(string name) => _byName.ContainsKey(name);

    public SObjectField? FindField(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The lookup field behind a relationship name such as Account__r.</summary>
    public SObjectField? FindRelationship(string relationshipName) => _byRelationship.GetValueOrDefault(relationshipName);
}
