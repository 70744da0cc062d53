using System.Text.Json;

namespace SfHsSync.Sandbox.Salesforce.Schema;

/// <summary>An object of a seed: its schema and the records it starts with (as the seed writes them).</summary>
public sealed record SeededObject(SObjectSchema Schema, IReadOnlyList<JsonElement> Records);

/// <summary>
/// Reads the Salesforce half of a seed:
/// <c>{"objects":[{"name","label","labelPlural","keyPrefix","custom"?,"hasOwner"?,"writable"?,"queryable"?,"replicateable"?,...,"systemFields"?,
/// "fields":[...],"validationRules"?:[...],"records":[...]}]}</c> (object flags: <see cref="SeedObjectFlags"/>).
/// A field is <c>{"name","label"?,"type","length"?,"precision"?,"scale"?,"required"?,"unique"?,"externalId"?,"caseSensitive"?,
/// "nameField"?,"readOnly"?,"createOnly"?,"picklistValues"?,"restrictedPicklist"?,"referenceTo"?,"relationshipName"?,"formula"?,"calculatedFormula"?,
/// "autoNumberFormat"?,"defaultValue"?}</c>; a record type is <c>{"name","developerName","recordTypeId"?,"active"?,"available"?,"defaultRecordTypeMapping"?,"master"?}</c>.
/// "formula" must be one the sandbox computes; "calculatedFormula" (an org's formula as describe reports it) is computed
/// when the sandbox can read it, and otherwise leaves the field read-only and empty.
/// Id, (with hasOwner) OwnerId and the audit fields of "systemFields" (all when absent) are added to every object;
/// a field is createable and updateable only as far as its object is. Records may carry their own Id.
/// </summary>
public static class SeedReader
{
    public const string IntegrationUserId = "0055g00000SfHsSAAV";

    public static IReadOnlyList<SeededObject> Read(JsonElement? seed)
    {
        if (seed is not { ValueKind: JsonValueKind.Object } root || !root.TryGetProperty("objects", out var objects))
        {
            return Array.Empty<SeededObject>();
        }

        if (objects.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("The Salesforce seed's 'objects' must be an array.");
        }

        var result = new List<SeededObject>();
        foreach (var obj in objects.EnumerateArray())
        {
            var name = Text(obj, "name") ?? throw new InvalidDataException("A Salesforce seed object has no 'name'.");
            try
            {
                result.Add(ReadObject(name, obj));
            }
            catch (Exception e) when (e is FormatException or ArgumentException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"Salesforce seed object '{name}': {e.Message}", e);
            }
        }

        return result;
    }

    private static SeededObject ReadObject(string name, JsonElement obj)
    {
        var custom = Flag(obj, "custom") ?? name.EndsWith("__c", StringComparison.Ordinal);
        var capabilities = SeedObjectFlags.Read(obj);
        var fields = new List<SObjectField>(StandardFields(Flag(obj, "hasOwner") ?? false, SeedObjectFlags.SystemFieldNames(obj)));
        if (obj.TryGetProperty("fields", out var declared))
        {
            fields.AddRange(declared.EnumerateArray().Select(f => ReadField(f, capabilities)));
        }

        var rules = new List<ValidationRule>();
        if (obj.TryGetProperty("validationRules", out var declaredRules))
        {
            foreach (var r in declaredRules.EnumerateArray())
            {
                rules.Add(new ValidationRule(
                    Text(r, "name") ?? "Rule",
                    FormulaExpression.Parse(Text(r, "errorCondition") ?? throw new FormatException("a validation rule has no 'errorCondition'")),
                    Text(r, "errorMessage") ?? "Validation failed.",
                    Text(r, "errorDisplayField")));
            }
        }

        DropUnreadableFormulas(fields, declared);
        var schema = new SObjectSchema(
            name,
            Text(obj, "label") ?? name,
            Text(obj, "labelPlural") ?? (Text(obj, "label") ?? name) + "s",
            Text(obj, "keyPrefix") ?? throw new FormatException("it has no 'keyPrefix'"),
            custom,
            fields,
            rules)
        {
            Capabilities = capabilities,
            RecordTypes = obj.TryGetProperty("recordTypes", out var types) ? types.EnumerateArray().Select(ReadRecordType).ToArray() : [],
        };

        var records = obj.TryGetProperty("records", out var recs) ? recs.EnumerateArray().Select(r => r.Clone()).ToArray() : Array.Empty<JsonElement>();
        return new SeededObject(schema, records);
    }

    private static IEnumerable<SObjectField> StandardFields(bool hasOwner, IReadOnlyList<string> systemFields)
    {
        yield return new SObjectField { Name = "Id", Label = "Record ID", Type = "id", Length = 18, Nillable = false, DefaultedOnCreate = true, IdLookup = true, System = true };
        if (hasOwner)
        {
            yield return new SObjectField
            {
                Name = "OwnerId", Label = "Owner ID", Type = "reference", Length = 18, Nillable = false, DefaultedOnCreate = true,
                Createable = true, Updateable = true, ReferenceTo = ["Group", "User"], RelationshipName = "Owner",
            };
        }

        foreach (var name in systemFields)
        {
            yield return SystemFields.Field(name);
        }
    }

    private static SObjectField ReadField(JsonElement f, ObjectCapabilities capabilities)
    {
        var name = Text(f, "name") ?? throw new FormatException("a field has no 'name'");
        var type = Text(f, "type") ?? throw new FormatException($"field '{name}' has no 'type'");
        var known = new[] { "string", "picklist", "multipicklist", "combobox", "reference", "boolean", "currency", "textarea", "int", "long", "double", "percent", "phone", "date", "datetime", "url", "email" };
        if (!known.Contains(type, StringComparer.Ordinal))
        {
            throw new FormatException($"field '{name}' has type '{type}'; the sandbox knows {string.Join(", ", known)}");
        }

        var formula = Text(f, "formula");
        var reportedFormula = Text(f, "calculatedFormula");
        var parsedFormula = formula is not null ? ParseOrThrow(name, formula) : reportedFormula is null ? null : ParseOrNull(reportedFormula);
        var calculated = formula is not null || reportedFormula is not null;
        var autoFormat = Text(f, "autoNumberFormat");
        var readOnly = calculated || autoFormat is not null || (Flag(f, "readOnly") ?? false);
        var required = Flag(f, "required") ?? false;
        var length = Int(f, "length") ?? type switch
        {
            "string" or "textarea" or "url" or "picklist" or "combobox" => 255,
            "multipicklist" => 4099,
            "email" => 80,
            "phone" => 40,
            "reference" => 18,
            _ => 0,
        };
        if (autoFormat is not null)
        {
            length = Math.Max(length, 30);
        }

        var picklist = new List<PicklistEntry>();
        if (f.TryGetProperty("picklistValues", out var values))
        {
            foreach (var v in values.EnumerateArray())
            {
                picklist.Add(v.ValueKind == JsonValueKind.String
                    ? new PicklistEntry(v.GetString()!, v.GetString()!)
                    : new PicklistEntry(Text(v, "value")!, Text(v, "label") ?? Text(v, "value")!, Flag(v, "active") ?? true, Flag(v, "defaultValue") ?? false));
            }
        }

        var referenceTo = f.TryGetProperty("referenceTo", out var refs)
            ? refs.ValueKind == JsonValueKind.Array ? refs.EnumerateArray().Select(r => r.GetString()!).ToArray() : [refs.GetString()!]
            : Array.Empty<string>();
        object? defaultValue = f.TryGetProperty("defaultValue", out var dv) ? dv.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => dv.GetDecimal(),
            JsonValueKind.String => dv.GetString(),
            _ => null,
        } : type == "boolean" ? false : null;
        var isBoolean = type == "boolean";
        var unique = Flag(f, "unique") ?? false;
        var externalId = Flag(f, "externalId") ?? false;
        return new SObjectField
        {
            Name = name,
            Label = Text(f, "label") ?? name.Replace("__c", string.Empty, StringComparison.Ordinal).Replace('_', ' '),
            Type = type,
            Length = type is "boolean" or "currency" or "double" or "percent" or "int" or "long" or "date" or "datetime" ? 0 : length,
            Precision = Int(f, "precision") ?? (type is "currency" or "double" or "percent" ? 18 : 0),
            Scale = Int(f, "scale") ?? 0,
            Custom = name.EndsWith("__c", StringComparison.Ordinal),
            Createable = !readOnly && capabilities.Createable,
            Updateable = !readOnly && !(Flag(f, "createOnly") ?? false) && capabilities.Updateable,
            Nillable = !required && !isBoolean && !calculated && autoFormat is null,
            DefaultedOnCreate = isBoolean || autoFormat is not null || (defaultValue is not null && !isBoolean),
            ExternalId = externalId,
            Unique = unique,
            CaseSensitive = Flag(f, "caseSensitive") ?? false,
            NameField = Flag(f, "nameField") ?? false,
            IdLookup = unique || externalId || (Flag(f, "nameField") ?? false) || autoFormat is not null,
            AutoNumber = autoFormat is not null,
            AutoNumberFormat = autoFormat,
            Calculated = calculated,
            Formula = parsedFormula,
            CalculatedFormula = formula ?? reportedFormula,
            RestrictedPicklist = Flag(f, "restrictedPicklist") ?? false,
            PicklistValues = picklist,
            ReferenceTo = referenceTo,
            RelationshipName = Text(f, "relationshipName"),
            DefaultValue = defaultValue,
        };
    }

    /// <summary>
    /// A formula over fields the object lacks (an org's cross-object formula, say) is an error when the seed asked for it
    /// with "formula"; from "calculatedFormula" it leaves the field uncomputed.
    /// </summary>
    private static void DropUnreadableFormulas(List<SObjectField> fields, JsonElement declared)
    {
        var strictFormulas = declared.ValueKind == JsonValueKind.Array
            ? declared.EnumerateArray().Where(f => Text(f, "formula") is not null).Select(f => Text(f, "name")!).ToHashSet(StringComparer.Ordinal)
            : [];
        for (var i = 0; i < fields.Count; i++)
        {
            var unknown = fields[i].Formula?.Fields.FirstOrDefault(n => !fields.Any(f => string.Equals(f.Name, n, StringComparison.OrdinalIgnoreCase)));
            if (unknown is not null && strictFormulas.Contains(fields[i].Name))
            {
                throw new FormatException($"the formula of '{fields[i].Name}' reads '{unknown}', which is no field of the object");
            }

            fields[i] = unknown is null ? fields[i] : fields[i] with { Formula = null };
        }
    }

    private static FormulaExpression ParseOrThrow(string field, string formula)
    {
        try
        {
            return FormulaExpression.Parse(formula);
        }
        catch (FormatException e)
        {
            throw new FormatException($"the formula of '{field}' cannot be read: {e.Message}", e);
        }
    }

    private static FormulaExpression? ParseOrNull(string formula)
    {
        try
        {
            return FormulaExpression.Parse(formula);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static RecordTypeInfo ReadRecordType(JsonElement t) => new(
        Text(t, "name") ?? throw new FormatException("a record type has no 'name'"),
        Text(t, "developerName") ?? throw new FormatException("a record type has no 'developerName'"),
        Text(t, "recordTypeId") ?? "012000000000000AAA",
        Flag(t, "active") ?? true,
        Flag(t, "available") ?? true,
        Flag(t, "defaultRecordTypeMapping") ?? false,
        Flag(t, "master") ?? false);

    private static string? Text(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool? Flag(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static int? Int(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
}
