using System.Text.Json;

namespace SfHsSync.Sandbox.Salesforce.Schema;

/// <summary>
/// Reads a seed object's describe flags: <c>"writable"</c> (false: neither createable, updateable nor deletable), then
/// each of <c>"queryable"</c>, <c>"replicateable"</c>, <c>"retrieveable"</c>, <c>"searchable"</c>, <c>"createable"</c>,
/// <c>"updateable"</c>, <c>"deletable"</c>, <c>"undeletable"</c>, <c>"triggerable"</c> (true when absent, or as "writable"
/// says), and <c>"systemFields"</c>, the audit fields the object has (all of <see cref="SystemFields.All"/> when absent).
/// </summary>
internal static class SeedObjectFlags
{
    public static ObjectCapabilities Read(JsonElement obj)
    {
        var start = Flag(obj, "writable") is false ? ObjectCapabilities.ReadOnly : ObjectCapabilities.All;
        var deletable = Flag(obj, "deletable") ?? start.Deletable;
        return new ObjectCapabilities
        {
            Queryable = Flag(obj, "queryable") ?? start.Queryable,
            Replicateable = Flag(obj, "replicateable") ?? start.Replicateable,
            Retrieveable = Flag(obj, "retrieveable") ?? start.Retrieveable,
            Searchable = Flag(obj, "searchable") ?? start.Searchable,
            Createable = Flag(obj, "createable") ?? start.Createable,
            Updateable = Flag(obj, "updateable") ?? start.Updateable,
            Deletable = deletable,
            Undeletable = Flag(obj, "undeletable") ?? (deletable && start.Undeletable),
            Triggerable = Flag(obj, "triggerable") ?? start.Triggerable,
        };
    }

    /// <summary>The audit fields the seed gives the object, in describe order; a name that is no audit field is an error.</summary>
    public static IReadOnlyList<string> SystemFieldNames(JsonElement obj)
    {
        if (!obj.TryGetProperty("systemFields", out var listed))
        {
            return SystemFields.All;
        }

        if (listed.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("'systemFields' must be an array of audit field names");
        }

        var names = listed.EnumerateArray().Select(n => n.GetString() ?? string.Empty).ToArray();
        var unknown = names.FirstOrDefault(n => !SystemFields.All.Contains(n, StringComparer.Ordinal));
        if (unknown is not null)
        {
            throw new FormatException($"'systemFields' names '{unknown}'; the audit fields are {string.Join(", ", SystemFields.All)}");
        }

        return SystemFields.All.Where(names.Contains).ToArray();
    }

    private static bool? Flag(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;
}
