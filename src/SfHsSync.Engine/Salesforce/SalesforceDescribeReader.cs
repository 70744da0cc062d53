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
            Name = JsonMember.Text(o, "name") ?? string.Empty,
            Label = JsonMember.Text(o, "label") ?? string.Empty,
            Custom = JsonMember.Flag(o, "custom"),
            Queryable = JsonMember.Flag(o, "queryable"),
            Createable = JsonMember.Flag(o, "createable"),
            Updateable = JsonMember.Flag(o, "updateable"),
            Deletable = JsonMember.Flag(o, "deletable"),
            Replicateable = JsonMember.Flag(o, "replicateable"),
            Retrieveable = JsonMember.Flag(o, "retrieveable"),
            KeyPrefix = JsonMember.Text(o, "keyPrefix"),
        }).Where(o => o.Name.Length > 0).ToArray();
    }

    public static SalesforceObjectDescription ReadObject(JsonElement root)
    {
        var fields = root.TryGetProperty("fields", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(ReadField).ToArray()
            : [];
        return new SalesforceObjectDescription
        {
            Name = JsonMember.Text(root, "name") ?? string.Empty,
            Label = JsonMember.Text(root, "label") ?? string.Empty,
            Custom = JsonMember.Flag(root, "custom"),
            Queryable = JsonMember.Flag(root, "queryable"),
            Createable = JsonMember.Flag(root, "createable"),
            Updateable = JsonMember.Flag(root, "updateable"),
            Deletable = JsonMember.Flag(root, "deletable"),
            Replicateable = JsonMember.Flag(root, "replicateable"),
            Retrieveable = JsonMember.Flag(root, "retrieveable"),
            KeyPrefix = JsonMember.Text(root, "keyPrefix"),
            LabelPlural = JsonMember.Text(root, "labelPlural"),
            RecordTypes = root.TryGetProperty("recordTypeInfos", out var types) && types.ValueKind == JsonValueKind.Array
                ? types.EnumerateArray().Where(t => (JsonMember.Text(t, "developerName") ?? JsonMember.Text(t, "name")) is not null).Select(t => new SalesforceRecordType(
                    JsonMember.Text(t, "name") ?? string.Empty, JsonMember.Text(t, "developerName") ?? JsonMember.Text(t, "name")!, JsonMember.Text(t, "recordTypeId"), JsonMember.Flag(t, "active"),
                    JsonMember.Flag(t, "available"), JsonMember.Flag(t, "defaultRecordTypeMapping"), JsonMember.Flag(t, "master"))).ToArray()
                : [],
            Fields = fields,
        };
    }

    private static SalesforceFieldDescription ReadField(JsonElement f) => new()
    {
        Name = JsonMember.Text(f, "name") ?? string.Empty,
        Label = JsonMember.Text(f, "label") ?? string.Empty,
        Type = JsonMember.Text(f, "type") ?? "anyType",
        Length = JsonMember.Number(f, "length"),
        Precision = JsonMember.Number(f, "precision"),
        Scale = JsonMember.Number(f, "scale"),
        Createable = JsonMember.Flag(f, "createable"),
        Updateable = JsonMember.Flag(f, "updateable"),
        Calculated = JsonMember.Flag(f, "calculated"),
        AutoNumber = JsonMember.Flag(f, "autoNumber"),
        Nillable = JsonMember.Flag(f, "nillable"),
        DefaultedOnCreate = JsonMember.Flag(f, "defaultedOnCreate"),
        ExternalId = JsonMember.Flag(f, "externalId"),
        Unique = JsonMember.Flag(f, "unique"),
        IdLookup = JsonMember.Flag(f, "idLookup"),
        ReferenceTo = JsonMember.Strings(f, "referenceTo"),
        RelationshipName = JsonMember.Text(f, "relationshipName"),
        RestrictedPicklist = JsonMember.Flag(f, "restrictedPicklist"),
        CalculatedFormula = JsonMember.Text(f, "calculatedFormula"),
        NameField = JsonMember.Flag(f, "nameField"),
        CaseSensitive = JsonMember.Flag(f, "caseSensitive"),
        PicklistValues = f.TryGetProperty("picklistValues", out var values) && values.ValueKind == JsonValueKind.Array
            ? values.EnumerateArray()
                .Where(v => JsonMember.Text(v, "value") is not null)
                .Select(v => new SalesforcePicklistValue(JsonMember.Text(v, "value")!, JsonMember.Text(v, "label"), JsonMember.Flag(v, "active"), JsonMember.Flag(v, "defaultValue")))
                .ToArray()
            : [],
    };
}
