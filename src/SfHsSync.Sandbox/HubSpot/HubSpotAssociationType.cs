using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>
/// One direction of an association definition: from one object type to another, with HubSpot's category and type id.
/// A label-less type is the pair's default. Every type has an inverse for the other direction.
/// </summary>
public sealed record HubSpotAssociationType(
    int TypeId,
    string Category,
    string FromObjectTypeId,
    string ToObjectTypeId,
    string Name,
    string? Label,
    int InverseTypeId,
    DateTimeOffset CreatedAt)
{
    /// <summary>The "AssociationSpecWithLabel" schema (label omitted when the type has none).</summary>
    public JsonObject ToSpecWithLabel()
    {
        var spec = new JsonObject { ["category"] = Category, ["typeId"] = TypeId };
        if (Label is not null)
        {
            spec["label"] = Label;
        }

        return spec;
    }

    /// <summary>The "AssociationDefinition" schema of a custom object's schema.</summary>
    public JsonObject ToDefinition() => new()
    {
        ["id"] = TypeId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["fromObjectTypeId"] = FromObjectTypeId,
        ["toObjectTypeId"] = ToObjectTypeId,
        ["name"] = Name,
        ["createdAt"] = HubSpotJson.Timestamp(CreatedAt),
        ["updatedAt"] = HubSpotJson.Timestamp(CreatedAt),
    };
}
