using System.Text.Json.Nodes;
using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Sandbox.Seeds;

/// <summary>Which HubSpot properties a seed carries, and their PropertyCreate entries.</summary>
internal static class HubSpotSeedProperties
{
    private static readonly IReadOnlyDictionary<string, string[]> FieldTypesByType = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["string"] = ["text", "textarea", "html", "file", "phonenumber", "calculation_equation"],
        ["number"] = ["number", "calculation_equation"],
        ["date"] = ["date"],
        ["datetime"] = ["date"],
        ["enumeration"] = ["select", "radio", "checkbox", "booleancheckbox", "calculation_equation"],
        ["bool"] = ["booleancheckbox", "calculation_equation"],
        ["phone_number"] = ["phonenumber"],
    };

    /// <summary>Owner, team and user properties: their values name people of the account and never enter a seed.</summary>
    public static bool PointsAtPeople(HubSpotPropertyDescription p)
        => p.Name.Contains("owner", StringComparison.Ordinal) || p.Name.Contains("user_id", StringComparison.Ordinal) || p.Name.Contains("team_id", StringComparison.Ordinal);

    /// <summary>
    /// A property the seed describes: one the sandbox can hold, not about people, and either the portal's own or one of
    /// HubSpot's that a record can be given (the sandbox adds its system properties itself).
    /// </summary>
    public static bool Described(HubSpotPropertyDescription p)
        => Holdable(p) && !PointsAtPeople(p) && (!p.HubSpotDefined || !p.ReadOnlyValue);

    /// <summary>A property whose values a seed record carries.</summary>
    public static bool Carried(HubSpotPropertyDescription p) => Described(p) && !p.ReadOnlyValue && !p.Calculated;

    public static JsonObject Create(HubSpotPropertyDescription p)
    {
        var json = new JsonObject { ["name"] = p.Name, ["label"] = p.Label.Length > 0 ? p.Label : p.Name, ["type"] = p.Type, ["fieldType"] = p.FieldType };
        if (p.GroupName is not null)
        {
            json["groupName"] = p.GroupName;
        }

        if (p.Description is { Length: > 0 })
        {
            json["description"] = p.Description;
        }

        if (p.HasUniqueValue)
        {
            json["hasUniqueValue"] = true;
        }

        if (p.CalculationFormula is not null)
        {
            json["calculationFormula"] = p.CalculationFormula;
        }

        if (p.Options.Count > 0 && p.Type != "bool")
        {
            json["options"] = new JsonArray(p.Options.Select((o, i) => (JsonNode)new JsonObject
            {
                ["label"] = o.Label, ["value"] = o.Value, ["displayOrder"] = o.DisplayOrder ?? i, ["hidden"] = o.Hidden,
            }).ToArray());
        }

        return json;
    }

    private static bool Holdable(HubSpotPropertyDescription p)
        => FieldTypesByType.TryGetValue(p.Type, out var fieldTypes) && fieldTypes.Contains(p.FieldType, StringComparer.Ordinal)
           && (p.Type != "enumeration" || p.FieldType == "calculation_equation" || p.Options.Count > 0)
           && (p.FieldType != "calculation_equation" || p.CalculationFormula is not null)
           && p.Name.Length > 0 && char.IsAsciiLetterLower(p.Name[0]) && p.Name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
}
