namespace SfHsSync.Engine.Metadata;

/// <summary>One option of an enumeration property.</summary>
public sealed record HubSpotPropertyOption(string Value, string Label, bool Hidden)
{
    public int? DisplayOrder { get; init; }
}

/// <summary>One property of a HubSpot object (the parts a sync needs).</summary>
public sealed record HubSpotPropertyDescription
{
    public required string Name { get; init; }

    public string Label { get; init; } = string.Empty;

    /// <summary>string, number, date, datetime, enumeration, bool, phone_number.</summary>
    public required string Type { get; init; }

    /// <summary>text, textarea, number, date, select, radio, checkbox, booleancheckbox, calculation_equation, html, file, phonenumber.</summary>
    public required string FieldType { get; init; }

    public IReadOnlyList<HubSpotPropertyOption> Options { get; init; } = Array.Empty<HubSpotPropertyOption>();

    public bool HasUniqueValue { get; init; }

    public bool Calculated { get; init; }

    /// <summary>modificationMetadata.readOnlyValue: the API refuses writes to it.</summary>
    public bool ReadOnlyValue { get; init; }

    /// <summary>True for the properties HubSpot itself defines on an object (a portal cannot create them).</summary>
    public bool HubSpotDefined { get; init; }

    public string? GroupName { get; init; }

    public string? Description { get; init; }

    /// <summary>The formula of a calculation_equation property, when the API shows it.</summary>
    public string? CalculationFormula { get; init; }
}

/// <summary>An association type defined from one HubSpot object type to another.</summary>
public sealed record HubSpotAssociationDefinition(string Id, string FromObjectTypeId, string ToObjectTypeId, string? Name);

/// <summary>A HubSpot object type (custom schema, or a standard object's properties), as the schemas and properties APIs report it.</summary>
public sealed record HubSpotObjectSchema
{
    public string? Id { get; init; }

    /// <summary>The schema's name, e.g. "invoices", or a standard object's, e.g. "companies".</summary>
    public required string Name { get; init; }

    /// <summary>"2-1234567" for a custom object; "0-2" for companies and so on.</summary>
    public required string ObjectTypeId { get; init; }

    /// <summary>"p12345678_invoices" for a custom object; the plain name for a standard one.</summary>
    public string? FullyQualifiedName { get; init; }

    public bool IsCustom => ObjectTypeId.StartsWith("2-", StringComparison.Ordinal);

    public string? PrimaryDisplayProperty { get; init; }

    public IReadOnlyList<string> RequiredProperties { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> SearchableProperties { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> SecondaryDisplayProperties { get; init; } = Array.Empty<string>();

    public string? SingularLabel { get; init; }

    public string? PluralLabel { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<HubSpotPropertyDescription> Properties { get; init; } = Array.Empty<HubSpotPropertyDescription>();

    public IReadOnlyList<HubSpotAssociationDefinition> Associations { get; init; } = Array.Empty<HubSpotAssociationDefinition>();

    public HubSpotPropertyDescription? FindProperty(string name)
        => Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    /// <summary>True when <paramref name="objectType"/> names this object: its name, objectTypeId or fully qualified name.</summary>
    public bool IsNamed(string objectType)
        => string.Equals(objectType, Name, StringComparison.OrdinalIgnoreCase)
           || string.Equals(objectType, ObjectTypeId, StringComparison.OrdinalIgnoreCase)
           || string.Equals(objectType, FullyQualifiedName, StringComparison.OrdinalIgnoreCase);
}
