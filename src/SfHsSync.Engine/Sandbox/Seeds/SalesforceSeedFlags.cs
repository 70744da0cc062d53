using System.Text.Json.Nodes;
using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Sandbox.Seeds;

/// <summary>
/// An object's describe flags as a seed writes them (docs/sandbox-seeds.md, Object flags): queryable, replicateable,
/// retrieveable, createable, updateable, deletable, and the audit fields it has, so the sandbox refuses what the org refuses.
/// </summary>
internal static class SalesforceSeedFlags
{
    private static readonly string[] AuditFields = ["IsDeleted", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp"];

    public static void Write(JsonObject obj, SalesforceObjectDescription description)
    {
        obj["queryable"] = description.Queryable;
        obj["replicateable"] = description.Replicateable;
        obj["retrieveable"] = description.Retrieveable;
        obj["createable"] = description.Createable;
        obj["updateable"] = description.Updateable;
        obj["deletable"] = description.Deletable;
        var present = AuditFields.Where(f => description.FindField(f) is not null).ToArray();
        if (present.Length < AuditFields.Length)
        {
            obj["systemFields"] = new JsonArray(present.Select(f => (JsonNode)f).ToArray());
        }
    }
}
