namespace SfHsSync.Engine.Metadata;

/// <summary>One picklist value as describe reports it.</summary>
public sealed record SalesforcePicklistValue(string Value, string? Label, bool Active, bool DefaultValue);

/// <summary>One field of a Salesforce object, as the describe call reports it (the parts a sync needs).</summary>
public sealed record SalesforceFieldDescription
{
    public required string Name { get; init; }

    public string Label { get; init; } = string.Empty;

    /// <summary>Describe's type: string, picklist, multipicklist, combobox, reference, boolean, currency, textarea, int, long,
    /// double, percent, phone, id, date, datetime, time, url, email, encryptedstring, base64, address, location, anyType.</summary>
    public required string Type { get; init; }

    public int Length { get; init; }

    public int Precision { get; init; }

    public int Scale { get; init; }

    public bool Createable { get; init; }

    public bool Updateable { get; init; }

    public bool Calculated { get; init; }

    public bool AutoNumber { get; init; }

    public bool Nillable { get; init; }

    public bool DefaultedOnCreate { get; init; }

    public bool ExternalId { get; init; }

    public bool Unique { get; init; }

    public bool IdLookup { get; init; }

    public IReadOnlyList<string> ReferenceTo { get; init; } = Array.Empty<string>();

    public string? RelationshipName { get; init; }

    public bool RestrictedPicklist { get; init; }

    public IReadOnlyList<SalesforcePicklistValue> PicklistValues { get; init; } = Array.Empty<SalesforcePicklistValue>();

    /// <summary>The formula of a calculated field (describe's calculatedFormula), or null.</summary>
    public string? CalculatedFormula { get; init; }

    public bool NameField { get; init; }

    public bool CaseSensitive { get; init; }

    public bool IsReference => string.Equals(Type, "reference", StringComparison.Ordinal);
}

/// <summary>One record type of an object (describe's recordTypeInfos).</summary>
public sealed record SalesforceRecordType(string Name, string DeveloperName, string? RecordTypeId, bool Active, bool Available, bool DefaultRecordTypeMapping, bool Master);

/// <summary>A Salesforce object as describe reports it.</summary>
public sealed record SalesforceObjectDescription
{
    public required string Name { get; init; }

    public string Label { get; init; } = string.Empty;

    public bool Custom { get; init; }

    public bool Queryable { get; init; }

    public bool Createable { get; init; }

    public bool Updateable { get; init; }

    public bool Deletable { get; init; }

    public bool Replicateable { get; init; }

    public bool Retrieveable { get; init; }

    public string? KeyPrefix { get; init; }

    public string? LabelPlural { get; init; }

    public IReadOnlyList<SalesforceRecordType> RecordTypes { get; init; } = Array.Empty<SalesforceRecordType>();

    public IReadOnlyList<SalesforceFieldDescription> Fields { get; init; } = Array.Empty<SalesforceFieldDescription>();

    /// <summary>The field with this API name (case-insensitive, as Salesforce treats names), or null.</summary>
    public SalesforceFieldDescription? FindField(string name)
        => Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
