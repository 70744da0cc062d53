using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>PATCH /crm/v3/properties/{objectType}/{propertyName} (and the dated /crm/properties/{version}/...): a PropertyUpdate changes a property's label, description or options.</summary>
public sealed partial class HubSpotAccount
{
    /// <summary>
    /// Applies a PropertyUpdate. As HubSpot does, <c>options</c> replaces the whole list (so adding an option means
    /// sending every option); the name, type and unique-value flag cannot change this way.
    /// </summary>
    internal JsonObject UpdatePropertyJson(string objectType, string name, JsonElement body)
    {
        lock (_gate)
        {
            var type = TypeOrThrow(objectType);
            var property = type.Property(name)
                ?? throw new HubSpotApiException(HubSpotError.NotFound($"Property {name} does not exist on object type {type.FullyQualifiedName}."));
            if (body.ValueKind != JsonValueKind.Object)
            {
                throw new HubSpotApiException(HubSpotError.Validation("Property update: the body must be a JSON object."));
            }

            var updated = property with
            {
                Label = HubSpotJson.String(body, "label") ?? property.Label,
                Description = HubSpotJson.String(body, "description") ?? property.Description,
                UpdatedAt = Clock.Now(),
            };
            if (body.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Array)
            {
                // The create path checks options; a body with this property's own name, type and field type reuses it.
                var check = new JsonObject
                {
                    ["name"] = property.Name, ["label"] = updated.Label, ["type"] = property.Type, ["fieldType"] = property.FieldType,
                    ["options"] = JsonNode.Parse(options.GetRawText()),
                };
                using var parsed = JsonDocument.Parse(check.ToJsonString());
                updated = updated with { Options = HubSpotProperty.Parse(parsed.RootElement, property.GroupName, updated.UpdatedAt, "Property update").Options };
            }

            type.AddProperty(updated);
            type.UpdatedAt = updated.UpdatedAt;
            return updated.ToJson();
        }
    }

    /// <summary>Adds one option to an enumeration property, as an admin does in HubSpot's settings (for tests and seeds).</summary>
    public void AddPropertyOption(string objectType, string name, string value)
    {
        lock (_gate)
        {
            var type = TypeOrThrow(objectType);
            var property = type.Property(name)
                ?? throw new HubSpotApiException(HubSpotError.NotFound($"Property {name} does not exist on object type {type.FullyQualifiedName}."));
            type.AddProperty(property with { Options = [.. property.Options, new HubSpotOption(value, value, false, property.Options.Count)], UpdatedAt = Clock.Now() });
        }
    }
}
