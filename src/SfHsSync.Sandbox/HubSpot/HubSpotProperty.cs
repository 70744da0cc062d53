using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>One option of an enumeration (or the true/false pair of a bool).</summary>
public sealed record HubSpotOption(string Label, string Value, bool Hidden = false, int DisplayOrder = 0);

/// <summary>A property definition: HubSpot's type (how the value is stored) and fieldType (how it is edited).</summary>
public sealed record HubSpotProperty
{
    public required string Name { get; init; }

    public required string Label { get; init; }

    /// <summary>string, number, date, datetime, enumeration, bool or phone_number.</summary>
    public required string Type { get; init; }

    /// <summary>text, textarea, number, date, select, radio, checkbox, booleancheckbox, calculation_equation, html, file, phonenumber.</summary>
    public required string FieldType { get; init; }

    public string GroupName { get; init; } = "";

    public string Description { get; init; } = "";

    public IReadOnlyList<HubSpotOption> Options { get; init; } = [];

    /// <summary>Values are unique among the object's records; such a property can be an idProperty.</summary>
    public bool HasUniqueValue { get; init; }

    public bool Calculated { get; init; }

    public string? CalculationFormula { get; init; }

    /// <summary>The value cannot be written through the API (system and calculated properties).</summary>
    public bool ReadOnlyValue { get; init; }

    public bool HubSpotDefined { get; init; }

    public int DisplayOrder { get; init; } = -1;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>A checkbox enumeration holds several options joined by ';'.</summary>
    public bool IsMultiValued => Type == "enumeration" && FieldType == "checkbox";

    internal static readonly IReadOnlyDictionary<string, string[]> FieldTypesByType = new Dictionary<string, string[]>
    {
        ["string"] = ["text", "textarea", "html", "file", "phonenumber", "calculation_equation"],
        ["number"] = ["number", "calculation_equation"],
        ["date"] = ["date"],
        ["datetime"] = ["date"],
        ["enumeration"] = ["select", "radio", "checkbox", "booleancheckbox", "calculation_equation"],
        ["bool"] = ["booleancheckbox", "calculation_equation"],
        ["phone_number"] = ["phonenumber"],
    };

    internal static readonly IReadOnlyList<HubSpotOption> BoolOptions = [new("Yes", "true", false, 0), new("No", "false", false, 1)];

    /// <summary>Reads a PropertyCreate body (or a property inside a schema), checking it as HubSpot does.</summary>
    internal static HubSpotProperty Parse(JsonElement json, string defaultGroup, DateTimeOffset now, string where)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"{where} must be a JSON object.");
        }

        var name = RequiredString(json, "name", where);
        if (!IsValidName(name))
        {
            throw Invalid($"{where}: property name '{name}' is not valid: use lowercase letters, digits and underscores, starting with a letter.");
        }

        var label = RequiredString(json, "label", $"{where} '{name}'");
        var type = RequiredString(json, "type", $"{where} '{name}'");
        var fieldType = RequiredString(json, "fieldType", $"{where} '{name}'");
        if (!FieldTypesByType.TryGetValue(type, out var fieldTypes))
        {
            throw Invalid($"{where} '{name}': type '{type}' is not one of {string.Join(", ", FieldTypesByType.Keys)}.");
        }

        if (!fieldTypes.Contains(fieldType))
        {
            throw Invalid($"{where} '{name}': fieldType '{fieldType}' does not fit type '{type}'; allowed: {string.Join(", ", fieldTypes)}.");
        }

        var options = new List<HubSpotOption>();
        if (json.TryGetProperty("options", out var opts) && opts.ValueKind == JsonValueKind.Array)
        {
            var order = 0;
            foreach (var o in opts.EnumerateArray())
            {
                var value = RequiredString(o, "value", $"{where} '{name}' option");
                var optionLabel = o.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString()! : value;
                var hidden = o.TryGetProperty("hidden", out var h) && h.ValueKind == JsonValueKind.True;
                var displayOrder = o.TryGetProperty("displayOrder", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetInt32() : order;
                if (options.Any(x => x.Value == value))
                {
                    throw Invalid($"{where} '{name}': option value '{value}' appears twice.");
                }

                options.Add(new HubSpotOption(optionLabel, value, hidden, displayOrder));
                order++;
            }
        }

        if (type == "enumeration" && fieldType != "calculation_equation" && options.Count == 0)
        {
            throw Invalid($"{where} '{name}': an enumeration property needs at least one option.");
        }

        if (type == "bool" && options.Count == 0)
        {
            options.AddRange(BoolOptions);
        }

        var calculated = fieldType == "calculation_equation";
        return new HubSpotProperty
        {
            Name = name,
            Label = label,
            Type = type,
            FieldType = fieldType,
            GroupName = OptionalString(json, "groupName") ?? defaultGroup,
            Description = OptionalString(json, "description") ?? "",
            Options = options,
            HasUniqueValue = json.TryGetProperty("hasUniqueValue", out var u) && u.ValueKind == JsonValueKind.True,
            Calculated = calculated,
            CalculationFormula = OptionalString(json, "calculationFormula"),
            ReadOnlyValue = calculated,
            DisplayOrder = json.TryGetProperty("displayOrder", out var dOrder) && dOrder.ValueKind == JsonValueKind.Number ? dOrder.GetInt32() : -1,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    internal static bool IsValidName(string name) =>
        name.Length is > 0 and <= 100 && char.IsAsciiLetterLower(name[0]) && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    /// <summary>The "Property" schema of the OpenAPI files (calculationFormula only on a calculation with one).</summary>
    public JsonObject ToJson()
    {
        var json = Describe();
        if (CalculationFormula is not null)
        {
            json["calculationFormula"] = CalculationFormula;
        }

        return json;
    }

    private JsonObject Describe() => new()
    {
        ["name"] = Name,
        ["label"] = Label,
        ["type"] = Type,
        ["fieldType"] = FieldType,
        ["description"] = Description,
        ["groupName"] = GroupName,
        ["options"] = new JsonArray(Options.Select(o => (JsonNode?)new JsonObject
        {
            ["label"] = o.Label,
            ["value"] = o.Value,
            ["displayOrder"] = o.DisplayOrder,
            ["hidden"] = o.Hidden,
        }).ToArray()),
        ["displayOrder"] = DisplayOrder,
        ["calculated"] = Calculated,
        ["externalOptions"] = false,
        ["hasUniqueValue"] = HasUniqueValue,
        ["hidden"] = false,
        ["hubspotDefined"] = HubSpotDefined,
        ["formField"] = !ReadOnlyValue,
        ["archived"] = false,
        ["createdAt"] = HubSpotJson.Timestamp(CreatedAt),
        ["updatedAt"] = HubSpotJson.Timestamp(UpdatedAt),
        ["modificationMetadata"] = new JsonObject
        {
            ["archivable"] = !HubSpotDefined,
            ["readOnlyDefinition"] = HubSpotDefined,
            ["readOnlyValue"] = ReadOnlyValue,
        },
    };

    /// <summary>The legacy properties v2 form (GET /properties/v2/{objectType}/properties): flat flags, times in epoch milliseconds.</summary>
    public JsonObject ToLegacyJson()
    {
        var json = ToJson();
        json.Remove("modificationMetadata");
        json.Remove("archived");
        json["readOnlyValue"] = ReadOnlyValue;
        json["readOnlyDefinition"] = HubSpotDefined;
        json["mutableDefinitionNotDeletable"] = HubSpotDefined;
        json["deleted"] = false;
        json["createdAt"] = CreatedAt.ToUnixTimeMilliseconds();
        json["updatedAt"] = UpdatedAt.ToUnixTimeMilliseconds();
        return json;
    }

    private static string RequiredString(JsonElement json, string member, string where) =>
        OptionalString(json, member) is { Length: > 0 } s ? s : throw Invalid($"{where}: '{member}' is required and must be a non-empty string.");

    private static string? OptionalString(JsonElement json, string member) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(member, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static HubSpotApiException Invalid(string message) => new(HubSpotError.Validation(message));
}
