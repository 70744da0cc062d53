namespace SfHsSync.Engine.Metadata;

/// <summary>How well a Salesforce field type and a HubSpot property type fit each other.</summary>
public enum TypeFit
{
    /// <summary>Every value of one side is a value of the other.</summary>
    Fits,

    /// <summary>Values travel, but something is lost or changed on the way (a warning).</summary>
    Lossy,

    /// <summary>Values cannot travel (an error).</summary>
    Refused,
}

/// <summary>The verdict of the type table for one field pair, with the reason a person can act on.</summary>
public sealed record FieldTypeVerdict(TypeFit Fit, string Reason);

/// <summary>
/// The type table: which Salesforce field types (describe's <c>type</c>) map to which HubSpot property types
/// (<c>type</c>, and for enumerations the <c>fieldType</c>), which map with a warning, and, by omission, which are refused.
/// The first row that matches decides. The table does not depend on direction: a row's reason says which way loses what.
/// </summary>
public static class FieldTypeCompatibility
{
    /// <summary>HubSpot's documented cap on a single-line or multi-line text property value, in characters.</summary>
    public const int HubSpotTextLimit = 65_536;

    private static readonly string[] Text = ["string", "textarea", "email", "phone", "url", "combobox"];
    private static readonly string[] Numbers = ["int", "long", "double", "currency", "percent"];
    private static readonly string[] SingleSelect = ["select", "radio"];
    private static readonly string[] MultiSelect = ["checkbox"];
    private static readonly string[] BooleanCheckbox = ["booleancheckbox"];

    private static readonly Row[] Table =
    [
        new(["reference"], null, null, TypeFit.Refused, "a lookup field holds a record Id of another object; it syncs through an association mapping, not a field mapping"),
        new(Text, "string", null, TypeFit.Fits, "text to text"),
        new(["phone"], "phone_number", null, TypeFit.Fits, "a phone number to a phone number"),
        new(["id"], "string", null, TypeFit.Fits, "the record Id as text"),
        new(["picklist"], "enumeration", SingleSelect, TypeFit.Fits, "a picklist to a single-choice enumeration"),
        new(["multipicklist"], "enumeration", MultiSelect, TypeFit.Fits, "a multi-select picklist to multiple checkboxes"),
        new(["boolean"], "bool", null, TypeFit.Fits, "a checkbox to a boolean"),
        new(["boolean"], "enumeration", BooleanCheckbox, TypeFit.Fits, "a checkbox to a single checkbox"),
        new(Numbers, "number", null, TypeFit.Fits, "a number to a number"),
        new(["date"], "date", null, TypeFit.Fits, "a date to a date"),
        new(["datetime"], "datetime", null, TypeFit.Fits, "a date/time to a date/time"),
        new(["datetime"], "date", null, TypeFit.Lossy,
            "a Salesforce date/time loses its time of day in a HubSpot date (HubSpot dates hold midnight UTC), and comes back from HubSpot as midnight UTC"),
        new(["date"], "datetime", null, TypeFit.Lossy,
            "a Salesforce date becomes midnight UTC in a HubSpot date/time, and a HubSpot time of day is cut off on the way back"),
        new(["picklist"], "enumeration", MultiSelect, TypeFit.Lossy,
            "a single picklist value fits multiple checkboxes, but several checked values from HubSpot do not fit one picklist"),
        new(["combobox"], "enumeration", SingleSelect, TypeFit.Lossy,
            "a combobox also takes free text, which a HubSpot enumeration refuses unless it is one of the options"),
        new(["picklist", "multipicklist"], "string", null, TypeFit.Lossy,
            "the HubSpot text property does not keep the picklist's list of values, so HubSpot users can enter values Salesforce lacks"),
        new(Numbers, "string", null, TypeFit.Lossy,
            "numbers kept as HubSpot text cannot be compared, summed or sorted as numbers, and text from HubSpot may not be a number"),
    ];

    /// <summary>The verdict for a Salesforce field of <paramref name="salesforceType"/> and a HubSpot property of
    /// <paramref name="hubSpotType"/> / <paramref name="hubSpotFieldType"/>.</summary>
    public static FieldTypeVerdict Check(string salesforceType, string hubSpotType, string hubSpotFieldType)
    {
        ArgumentNullException.ThrowIfNull(salesforceType);
        ArgumentNullException.ThrowIfNull(hubSpotType);
        ArgumentNullException.ThrowIfNull(hubSpotFieldType);
        foreach (var row in Table)
        {
            if (row.Matches(salesforceType, hubSpotType, hubSpotFieldType))
            {
                return new FieldTypeVerdict(row.Fit, row.Reason);
            }
        }

        return new FieldTypeVerdict(TypeFit.Refused, $"a Salesforce {salesforceType} field and a HubSpot {hubSpotType} ({hubSpotFieldType}) property do not hold the same kind of values");
    }

    public static FieldTypeVerdict Check(SalesforceFieldDescription field, HubSpotPropertyDescription property)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(property);
        return Check(field.Type, property.Type, property.FieldType);
    }

    /// <summary>The HubSpot property types a Salesforce type fits without loss, for suggestions ("string", "enumeration (select, radio)").</summary>
    public static IReadOnlyList<string> FittingHubSpotTypes(string salesforceType)
        => Table.Where(r => r.Fit == TypeFit.Fits && r.HubSpotType is not null && r.SalesforceTypes.Contains(salesforceType, StringComparer.Ordinal))
            .Select(r => r.FieldTypes is null ? r.HubSpotType! : $"{r.HubSpotType} ({string.Join(", ", r.FieldTypes)})")
            .ToArray();

    /// <summary>True for describe types that carry text with a length.</summary>
    public static bool IsSalesforceText(string salesforceType)
        => Text.Contains(salesforceType, StringComparer.Ordinal) || salesforceType is "encryptedstring";

    /// <summary>A table row; a null HubSpot type matches any, a null field-type list any fieldType.</summary>
    private sealed record Row(string[] SalesforceTypes, string? HubSpotType, string[]? FieldTypes, TypeFit Fit, string Reason)
    {
        public bool Matches(string salesforceType, string hubSpotType, string hubSpotFieldType)
            => SalesforceTypes.Contains(salesforceType, StringComparer.Ordinal)
               && (HubSpotType is null || string.Equals(HubSpotType, hubSpotType, StringComparison.Ordinal))
               && (FieldTypes is null || FieldTypes.Contains(hubSpotFieldType, StringComparer.Ordinal));
    }
}
