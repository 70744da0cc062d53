using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Sandbox.Seeds;

/// <summary>Turns describe's fields into the seed's field entries, and record values into the seed's typed JSON values.</summary>
internal static partial class SalesforceSeedFields
{
    /// <summary>Fields the sandbox adds to every object itself (Id, the audit fields, OwnerId with hasOwner).</summary>
    public static readonly IReadOnlySet<string> Standard = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Id", "OwnerId", "IsDeleted", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp",
    };

    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "string", "picklist", "multipicklist", "combobox", "reference", "boolean", "currency", "textarea", "int", "long",
        "double", "percent", "phone", "date", "datetime", "url", "email",
    };

    /// <summary>The seed's type for a describe type, or null for a type the sandbox cannot hold (address, location, base64...).</summary>
    public static string? SeedType(string describeType) => describeType switch
    {
        "encryptedstring" => "string",
        _ when Known.Contains(describeType) => describeType,
        _ => null,
    };

    /// <summary>True for a field whose value a seed record can carry (the sandbox computes the others).</summary>
    public static bool Carried(SalesforceFieldDescription f)
        => (f.Createable || f.Updateable) && !f.Calculated && !f.AutoNumber && !Standard.Contains(f.Name) && SeedType(f.Type) is not null;

    /// <summary>A lookup to users or groups: its values name people of the org and never enter a seed.</summary>
    public static bool PointsAtPeople(SalesforceFieldDescription f)
        => f.IsReference && f.ReferenceTo.Any(t => t is "User" or "Group");

    public static JsonObject Describe(SalesforceFieldDescription f, IEnumerable<string?> sampleValues)
    {
        var type = SeedType(f.Type)!;
        var json = new JsonObject { ["name"] = f.Name, ["label"] = f.Label, ["type"] = type };
        if (f.Length > 0 && type is not ("reference" or "boolean" or "currency" or "double" or "percent" or "int" or "long" or "date" or "datetime"))
        {
            json["length"] = f.Length;
        }

        if (type is "currency" or "double" or "percent")
        {
            json["precision"] = f.Precision;
            json["scale"] = f.Scale;
        }

        Flag(json, "required", !f.Nillable && !f.DefaultedOnCreate && f.Createable && type != "boolean");
        Flag(json, "unique", f.Unique);
        Flag(json, "externalId", f.ExternalId);
        Flag(json, "caseSensitive", f.CaseSensitive);
        Flag(json, "nameField", f.NameField);
        Flag(json, "readOnly", !f.Createable && !f.Updateable && !f.Calculated && !f.AutoNumber);
        Flag(json, "createOnly", f.Createable && !f.Updateable && !f.Calculated && !f.AutoNumber);
        if (f.PicklistValues.Count > 0)
        {
            json["picklistValues"] = new JsonArray(f.PicklistValues.Select(v => (JsonNode)new JsonObject
            {
                ["value"] = v.Value, ["label"] = v.Label ?? v.Value, ["active"] = v.Active, ["defaultValue"] = v.DefaultValue,
            }).ToArray());
            Flag(json, "restrictedPicklist", f.RestrictedPicklist);
        }

        if (f.IsReference)
        {
            json["referenceTo"] = new JsonArray(f.ReferenceTo.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray());
            if (f.RelationshipName is not null)
            {
                json["relationshipName"] = f.RelationshipName;
            }
        }

        if (f.Calculated)
        {
            // A formula field the org computes: without its formula text (a roll-up summary, say) it is read-only.
            json[f.CalculatedFormula is { Length: > 0 } ? "calculatedFormula" : "readOnly"] = f.CalculatedFormula is { Length: > 0 } text ? text : true;
        }

        if (f.AutoNumber)
        {
            json["autoNumberFormat"] = AutoNumberFormat(sampleValues);
        }

        return json;
    }

    /// <summary>
    /// Describe does not report an auto-number's display format; the sample's values show it (INV-0042 reads as
    /// INV-{0000}). Without a sample the format is {0}.
    /// </summary>
    public static string AutoNumberFormat(IEnumerable<string?> values)
    {
        var match = values.Select(v => v is null ? null : TrailingDigits().Match(v)).FirstOrDefault(m => m is { Success: true });
        return match is null ? "{0}" : match.Groups[1].Value + "{" + new string('0', match.Groups[2].Length) + "}";
    }

    /// <summary>A record value as the seed writes it: numbers and checkboxes as JSON numbers and booleans, the rest as text.</summary>
    public static JsonNode? Value(SalesforceFieldDescription f, string? value)
    {
        if (value is null)
        {
            return null;
        }

        return f.Type switch
        {
            "boolean" => JsonValue.Create(string.Equals(value, "true", StringComparison.OrdinalIgnoreCase)),
            "currency" or "double" or "percent" or "int" or "long" when decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
            _ => JsonValue.Create(value),
        };
    }

    private static void Flag(JsonObject json, string name, bool value)
    {
        if (value)
        {
            json[name] = true;
        }
    }

    [GeneratedRegex(@"^(.*?)(\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingDigits();
}
