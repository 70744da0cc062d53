using System.Globalization;
using System.Text.Json;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>
/// Reads a seed: {"portalId", "schemas": [ObjectSchemaEgg + optional "objectTypeId"], "properties": {objectType: [PropertyCreate]},
/// "associationLabels": [{"from", "to", "label", "name", "inverseLabel"?}], "records": {objectType: [{property: "string value"}]},
/// "associations": [{"from", "to", each end by "fromRecord"/"toRecord" (its place in records) or "fromProperty"/"fromValue"
/// and "toProperty"/"toValue", "associationTypeId"? or "label"?}],
/// "validationRules": [{"objectType", "property", "requiredWhen": {"property", "values"?} or "requiredOnCreate": true}]
/// (see <see cref="HubSpotAdminRule"/>), "tokenScopes": [scope...] (narrows the private app's scopes)}. Everything goes through the same checks as the API,
/// so a bad seed fails at start with the API's message and the place in the seed.
/// </summary>
public sealed partial class HubSpotAccount
{
    private void ApplySeed(JsonElement seed)
    {
        lock (_gate)
        {
            if (seed.TryGetProperty("tokenScopes", out var scopes) && scopes.ValueKind == JsonValueKind.Array)
            {
                TokenScopes = scopes.EnumerateArray().Select(s => s.GetString() ?? string.Empty).Where(s => s.Length > 0).ToList();
            }

            Each(seed, "schemas", (schema, where) => Seeding(where, () => CreateSchemaLocked(schema, HubSpotJson.String(schema, "objectTypeId"))));
            EachPerType(seed, "properties", (typeName, property, where) => Seeding(where, () =>
            {
                var type = TypeOrThrow(typeName);
                var parsed = HubSpotProperty.Parse(property, type.Name + "information", Clock.Now(), "Seed property");
                if (type.Properties.TryGetValue(parsed.Name, out var builtIn) && builtIn.HubSpotDefined && builtIn.Type == parsed.Type)
                {
                    // An exported account lists HubSpot's own properties too; the sandbox has this one already.
                    return type;
                }

                AddCheckedProperty(type, parsed);
                return type;
            }));
            Each(seed, "associationLabels", (label, where) => Seeding(where, () => CreateLabelJson(
                HubSpotJson.String(label, "from") ?? string.Empty, HubSpotJson.String(label, "to") ?? string.Empty, label)));
            var created = new Dictionary<string, List<HubSpotRecord>>(StringComparer.Ordinal);
            EachPerType(seed, "records", (typeName, record, where) => Seeding(where, () =>
            {
                var type = TypeOrThrow(typeName);
                var values = record.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText());
                var made = CreateLocked(type, values, [], null);
                (created.TryGetValue(type.ObjectTypeId, out var list) ? list : created[type.ObjectTypeId] = []).Add(made);
                return type;
            }));
            Each(seed, "validationRules", (rule, where) => Seeding(where, () => SeedRule(rule)));
            Each(seed, "associations", (link, where) => Seeding(where, () => SeedLink(link, created)));
        }
    }

    private static void Each(JsonElement seed, string member, Action<JsonElement, string> step)
    {
        if (seed.TryGetProperty(member, out var items) && items.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in items.EnumerateArray())
            {
                step(item, string.Create(CultureInfo.InvariantCulture, $"{member}[{i++}]"));
            }
        }
    }

    private static void EachPerType(JsonElement seed, string member, Action<string, JsonElement, string> step)
    {
        if (seed.TryGetProperty(member, out var perType) && perType.ValueKind == JsonValueKind.Object)
        {
            foreach (var type in perType.EnumerateObject())
            {
                var i = 0;
                foreach (var item in type.Value.EnumerateArray())
                {
                    step(type.Name, item, string.Create(CultureInfo.InvariantCulture, $"{member}.{type.Name}[{i++}]"));
                }
            }
        }
    }

    private object SeedLink(JsonElement link, IReadOnlyDictionary<string, List<HubSpotRecord>> created)
    {
        HubSpotRecord End(HubSpotObjectType type, string side)
        {
            if (link.TryGetProperty(side + "Record", out var place) && place.TryGetInt32(out var index))
            {
                return created.TryGetValue(type.ObjectTypeId, out var made) && index >= 0 && index < made.Count
                    ? made[index]
                    : throw new HubSpotApiException(HubSpotError.NotFound(string.Create(CultureInfo.InvariantCulture, $"The seed's records.{type.Name} has no record {index}.")));
            }

            var property = HubSpotJson.String(link, side + "Property") ?? "hs_object_id";
            var value = HubSpotJson.String(link, side + "Value") ?? throw new HubSpotApiException(HubSpotError.Validation($"'{side}Value' or '{side}Record' is required."));
            return type.RecordsInIdOrder.FirstOrDefault(r => !r.Archived && r.Values.TryGetValue(property, out var v) && v == value)
                ?? throw new HubSpotApiException(HubSpotError.NotFound($"No {type.Name} record has {property} '{value}'."));
        }

        var from = TypeOrThrow(HubSpotJson.String(link, "from") ?? "");
        var to = TypeOrThrow(HubSpotJson.String(link, "to") ?? "");
        var label = HubSpotJson.String(link, "label");
        var type = link.TryGetProperty("associationTypeId", out var t) && t.TryGetInt32(out var id)
            ? CheckedType(from, to, id, null)
            : label is not null
                ? _graph.TypesBetween(from.ObjectTypeId, to.ObjectTypeId).FirstOrDefault(x => x.Label == label)
                  ?? throw new HubSpotApiException(HubSpotError.Validation($"No association label '{label}' from {from.Name} to {to.Name}; add it to associationLabels."))
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
