using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Salesforce.Schema;

/// <summary>What the objects every org has (User, Organization) share when they are written in the seed format.</summary>
internal static class BuiltInObjectSeed
{
    /// <summary>A field of the seed format: its name, label, type and, for text, its length.</summary>
    public static JsonObject Field(string name, string label, string type, int length = 0)
    {
        var field = new JsonObject { ["name"] = name, ["label"] = label, ["type"] = type };
        if (length > 0)
        {
            field["length"] = length;
        }

        return field;
    }
}
