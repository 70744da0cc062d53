using System.Globalization;
using System.Text.Json;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>
/// Reads a seed: {"portalId", "schemas": [ObjectSchemaEgg + optional "objectTypeId"], "properties": {objectType: [PropertyCreate]},
/// "records": {objectType: [{property: "string value"}]}, "associations": [{"from", "fromProperty", "fromValue", "to", "toProperty",
/// "toValue", "associationTypeId"?}], "validationRules": [{"objectType", "property", "requiredWhen": {"property", "values"?} or
/// "requiredOnCreate": true}] (see <see cref="HubSpotAdminRule"/>)}. Everything goes through the same checks as the API,
/// so a bad seed fails at start with the API's message and the place in the seed.
/// </summary>
public sealed partial class HubSpotAccount
{
    private void ApplySeed(JsonElement seed)
    {
        lock (_gate)
        {
            if (seed.TryGetProperty("schemas", out var schemas) && schemas.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var schema in schemas.EnumerateArray())
                {
                    Seeding($"schemas[{i}]", () => CreateSchemaLocked(schema, HubSpotJson.String(schema, "objectTypeId")));
                    i++;
                }
            }

            if (seed.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var perType in properties.EnumerateObject())
                {
                    var i = 0;
                    foreach (var property in perType.Value.EnumerateArray())
                    {
                        Seeding($"properties.{perType.Name}[{i}]", () =>
                        {
                            var type = TypeOrThrow(perType.Name);
                            AddCheckedProperty(type, HubSpotProperty.Parse(property, type.Name + "information", Clock.Now(), "Seed property"));
                            return type;
                        });
                        i++;
                    }
                }
            }

            if (seed.TryGetProperty("records", out var records) && records.ValueKind == JsonValueKind.Object)
            {
                foreach (var perType in records.EnumerateObject())
                {
                    var i = 0;
                    foreach (var record in perType.Value.EnumerateArray())
                    {
                        Seeding($"records.{perType.Name}[{i}]", () =>
                        {
                            var type = TypeOrThrow(perType.Name);
                            var values = record.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText());
                            CreateLocked(type, values, [], null);
                            return type;
                        });
                        i++;
                    }
                }
            }

            if (seed.TryGetProperty("validationRules", out var rules) && rules.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var rule in rules.EnumerateArray())
                {
                    Seeding($"validationRules[{i}]", () => SeedRule(rule));
                    i++;
                }
            }

            if (seed.TryGetProperty("associations", out var associations) && associations.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var link in associations.EnumerateArray())
                {
                    Seeding($"associations[{i}]", () => SeedLink(link));
                    i++;
                }
            }
        }
    }

    private object SeedLink(JsonElement link)
    {
        HubSpotRecord End(HubSpotObjectType type, string side)
        {
            var property = HubSpotJson.String(link, side + "Property") ?? "hs_object_id";
            var value = HubSpotJson.String(link, side + "Value") ?? throw new HubSpotApiException(HubSpotError.Validation($"'{side}Value' is required."));
            return type.RecordsInIdOrder.FirstOrDefault(r => !r.Archived && r.Values.TryGetValue(property, out var v) && v == value)
                ?? throw new HubSpotApiException(HubSpotError.NotFound($"No {type.Name} record has {property} '{value}'."));
        }

        var from = TypeOrThrow(HubSpotJson.String(link, "from") ?? "");
        var to = TypeOrThrow(HubSpotJson.String(link, "to") ?? "");
        var type = link.TryGetProperty("associationTypeId", out var t) && t.TryGetInt32(out var id)
            ? CheckedType(from, to, id, null)
            : _graph.DefaultBetween(from.ObjectTypeId, to.ObjectTypeId)
              ?? throw new HubSpotApiException(HubSpotError.Validation($"No default association type from {from.Name} to {to.Name}."));
        _graph.Link(from.ObjectTypeId, End(from, "from").Id, to.ObjectTypeId, End(to, "to").Id, type);
        return type;
    }

    private object SeedRule(JsonElement rule)
    {
        var type = TypeOrThrow(HubSpotJson.String(rule, "objectType") ?? throw new HubSpotApiException(HubSpotError.Validation("A validation rule needs 'objectType'.")));
        var parsed = HubSpotAdminRule.Parse(rule);
        foreach (var name in new[] { parsed.Property, parsed.WhenProperty }.OfType<string>())
        {
            _ = type.Property(name) ?? throw new HubSpotApiException(HubSpotError.Validation($"The validation rule names '{name}', which {type.Name} does not have."));
        }

        type.AdminRules.Add(parsed);
        return parsed;
    }

    private static void Seeding(string where, Func<object> step)
    {
        try
        {
            step();
        }
        catch (HubSpotApiException e)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"HubSpot seed, {where}: {e.Message}"), e);
        }
    }
}
