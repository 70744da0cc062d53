namespace SfHsSync.Sandbox.Salesforce.Schema;

/// <summary>One picklist value of a field.</summary>
public sealed record PicklistEntry(string Value, string Label, bool Active = true, bool DefaultValue = false);

/// <summary>
/// A field of an emulated object: what describe reports and what writes are checked against.
/// Type is describe's type name (string, picklist, multipicklist, reference, boolean, currency, textarea, int, double,
/// percent, phone, id, date, datetime, url, email).
/// </summary>
public sealed record SObjectField
{
    private readonly string? _calculatedFormula;

    public required string Name { get; init; }

    public required string Label { get; init; }

    public required string Type { get; init; }

    /// <summary>Characters for text types; 18 for ids and references; 0 otherwise.</summary>
    public int Length { get; init; }

    public int Precision { get; init; }

    public int Scale { get; init; }

    public bool Custom { get; init; }

    public bool Createable { get; init; }

    public bool Updateable { get; init; }

    public bool Nillable { get; init; } = true;

    public bool DefaultedOnCreate { get; init; }

    public bool ExternalId { get; init; }

    public bool Unique { get; init; }

    public bool CaseSensitive { get; init; }

    public bool NameField { get; init; }

    public bool IdLookup { get; init; }

    public bool AutoNumber { get; init; }

    /// <summary>Auto-number display format such as <c>INV-{0000}</c>.</summary>
    public string? AutoNumberFormat { get; init; }

    public bool Calculated { get; init; }

    /// <summary>Formula of a calculated field, parsed once: arithmetic or text joins over fields of the same record.</summary>
    public FormulaExpression? Formula { get; init; }

    /// <summary>The formula describe reports: the one computed, or an org's formula the sandbox keeps without computing it.</summary>
    public string? CalculatedFormula
    {
        get => _calculatedFormula ?? Formula?.Text;
        init => _calculatedFormula = value;
    }

    public bool RestrictedPicklist { get; init; }

    public IReadOnlyList<PicklistEntry> PicklistValues { get; init; } = Array.Empty<PicklistEntry>();

    public IReadOnlyList<string> ReferenceTo { get; init; } = Array.Empty<string>();

    public string? RelationshipName { get; init; }

    /// <summary>A value given on create when the record names none (checkbox defaults, for instance).</summary>
    public object? DefaultValue { get; init; }

    /// <summary>True for fields the system sets (Id, audit fields); writes to them are refused like any read-only field.</summary>
    public bool System { get; init; }

    public bool IsText => Type is "string" or "textarea" or "phone" or "url" or "email" or "picklist" or "multipicklist" or "combobox" or "encryptedstring";

    public bool IsNumber => Type is "currency" or "double" or "percent" or "int" or "long";

    /// <summary>Salesforce requires a value on create when a field is not nillable and the system does not default it.</summary>
    public bool RequiredOnCreate => !Nillable && !DefaultedOnCreate && Createable;

    public string SoapType => Type switch
    {
        "id" or "reference" => "tns:ID",
        "boolean" => "xsd:boolean",
        "currency" or "double" or "percent" => "xsd:double",
        "int" => "xsd:int",
        "long" => "xsd:long",
        "date" => "xsd:date",
        "datetime" => "xsd:dateTime",
        "time" => "xsd:time",
        "base64" => "xsd:base64Binary",
        _ => "xsd:string",
    };

    /// <summary>Long text areas and multi-select picklists cannot be filtered, sorted or grouped on in SOQL, as in Salesforce.</summary>
    public bool Filterable => !(Type == "textarea" && Length > 255);

    public bool Sortable => Filterable && Type != "multipicklist";

    public bool Groupable => Sortable && Type is not ("currency" or "double" or "percent" or "datetime");

    /// <summary>The digits describe reports: only integer types carry them.</summary>
    public int Digits => Type is "int" ? Math.Max(Precision, 9) : Type is "long" ? 18 : 0;

    /// <summary>UTF-8 worst case, as describe reports it (3 bytes a character; multi-select picklists 1).</summary>
    public int ByteLength => Type == "multipicklist" ? Length : Type is "id" or "reference" ? Length : Length * 3;
}
