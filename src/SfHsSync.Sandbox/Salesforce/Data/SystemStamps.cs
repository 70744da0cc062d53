using SfHsSync.Sandbox.Salesforce.Schema;

namespace SfHsSync.Sandbox.Salesforce.Data;

/// <summary>Sets the audit fields a write touches, only those the object has (see <see cref="SystemFields"/>).</summary>
internal static class SystemStamps
{
    public static void ApplyCreated(SObjectSchema schema, Dictionary<string, object?> values, WriteContext context)
    {
        Set(schema, values, SystemFields.IsDeleted, false);
        Set(schema, values, SystemFields.CreatedDate, context.Stamp);
        Set(schema, values, SystemFields.CreatedById, context.UserId);
    }

    public static void Apply(SObjectSchema schema, Dictionary<string, object?> values, WriteContext context, bool deleting)
    {
        if (deleting)
        {
            Set(schema, values, SystemFields.IsDeleted, true);
        }

        Set(schema, values, SystemFields.LastModifiedDate, context.Stamp);
        Set(schema, values, SystemFields.LastModifiedById, context.UserId);
        Set(schema, values, SystemFields.SystemModstamp, context.Stamp);
    }

    private static void Set(SObjectSchema schema, Dictionary<string, object?> values, string field, object value)
    {
        if (schema.HasField(field))
        {
            values[field] = value;
        }
    }
}
