using SfHsSync.Sandbox.Salesforce.Schema;

namespace SfHsSync.Sandbox.Salesforce.Data;

/// <summary>
/// Salesforce's answers to an operation an object's describe does not allow, all with status code
/// INVALID_TYPE_FOR_OPERATION ("The specified type is not valid for the specified operation" in the API's StatusCode list).
/// The query message is the one Salesforce gives ("entity type X does not support query"); the write messages follow
/// its "entity type cannot be inserted: Label" form; the replication one follows the query one.
/// </summary>
internal static class ObjectRefusals
{
    public const string Code = "INVALID_TYPE_FOR_OPERATION";

    public static string Query(SObjectSchema schema) => $"entity type {schema.Name} does not support query";

    public static string Replication(SObjectSchema schema) => $"entity type {schema.Name} does not support replication (getUpdated, getDeleted)";

    public static string Retrieve(SObjectSchema schema) => $"entity type {schema.Name} does not support retrieve";

    /// <summary>The refusal of a create, or null when the object is createable (or an administrator writes).</summary>
    public static RecordError? Create(SObjectSchema schema, WriteContext context)
        => schema.Capabilities.Createable || context.AsAdmin ? null : new RecordError(Code, $"entity type cannot be inserted: {schema.Label}");

    public static RecordError? Update(SObjectSchema schema, WriteContext context)
        => schema.Capabilities.Updateable || context.AsAdmin ? null : new RecordError(Code, $"entity type cannot be updated: {schema.Label}");

    public static RecordError? Delete(SObjectSchema schema, WriteContext context)
        => schema.Capabilities.Deletable || context.AsAdmin ? null : new RecordError(Code, $"entity type cannot be deleted: {schema.Label}");
}
