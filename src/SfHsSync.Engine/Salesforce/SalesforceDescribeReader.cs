using System.Text.Json;
using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Salesforce;

/// <summary>Maps the JSON of global and object describe onto the engine's metadata records.</summary>
internal static class SalesforceDescribeReader
{
    public static IReadOnlyList<SalesforceObjectSummary> ReadGlobal(JsonElement root)
    {
        if (!root.TryGetProperty("sobjects", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return list.EnumerateArray().Select(o => new SalesforceObjectSummary
        {
            Name = SalesforceApiError.Text(o, "name") ?? string.Empty,
            Label = SalesforceApiError.Text(o, "label") ?? string.Empty,
            Custom = Flag(o, "custom"),
            Queryable = Flag(o, "queryable"),
            Createable = Flag(o, "createable"),
            Updateable = Flag(o, "updateable"),
            Deletable = Flag(o, "deletable"),
            Replicateable = Flag(o, "replicateable"),
            Retrieveable = Flag(o, "retrieveable"),
            KeyPrefix = SalesforceApiError.Text(o, "keyPrefix"),
        }).Where(o => o.Name.Length > 0).ToArray();
    }

    public static SalesforceObjectDescription ReadObject(JsonElement root)
    {
        var fields = root.TryGetProperty("fields", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(ReadField).ToArray()
            : [];
        return new SalesforceObjectDescription
        {
            Name = SalesforceApiError.Text(root, "name") ?? string.Empty,
            Label = SalesforceApiError.Text(root, "label") ?? string.Empty,
            Custom = Flag(root, "custom"),
            Queryable = Flag(root, "queryable"),
            Createable = Flag(root, "createable"),
            Updateable = Flag(root, "updateable"),
            Deletable = Flag(root, "deletable"),
            Replicateable = Flag(root, "replicateable"),
            Retrieveable = Flag(root, "retrieveable"),
            KeyPrefix = SalesforceApiError.Text(root, "keyPrefix"),
            Fields = fields,
        };
    }

    private static SalesforceFieldDescription ReadField(JsonElement f) => new()
    {
        Name = SalesforceApiError.Text(f, "name") ?? string.Empty,
        Label = SalesforceApiError.Text(f, "label") ?? string.Empty,
        Type = SalesforceApiError.Text(f, "type") ?? "anyType",
        Length = Number(f, "length"),
        Precision = Number(f, "precision"),
        Scale = Number(f, "scale"),
        Createable = Flag(f, "createable"),
        Updateable = Flag(f, "updateable"),
        Calculated = Flag(f, "calculated"),
        AutoNumber = Flag(f, "autoNumber"),
        Nillable = Flag(f, "nillable"),
        DefaultedOnCreate = Flag(f, "defaultedOnCreate"),
        ExternalId = Flag(f, "externalId"),
        Unique = Flag(f, "unique"),
        IdLookup = Flag(f, "idLookup"),
        ReferenceTo = SalesforceApiError.Strings(f, "referenceTo"),
        RelationshipName = SalesforceApiError.Text(f, "relationshipName"),
        RestrictedPicklist = Flag(f, "restrictedPicklist"),
        PicklistValues = f.TryGetProperty("picklistValues", out var values) && values.ValueKind == JsonValueKind.Array
            ? values.EnumerateArray()
                .Where(v => SalesforceApiError.Text(v, "value") is not null)
                .Select(v => new SalesforcePicklistValue(SalesforceApiError.Text(v, "value")!, SalesforceApiError.Text(v, "label"), Flag(v, "active"), Flag(v, "defaultValue")))
                .ToArray()
            : [],
    };

    private static bool Flag(JsonElement obj, string name)
        => obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static int Number(JsonElement obj, string name)
        => obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : 0;
}
