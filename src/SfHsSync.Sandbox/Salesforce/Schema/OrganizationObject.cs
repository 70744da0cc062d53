using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Salesforce.Schema;

/// <summary>
/// The Organization object every org has: one read-only record describing the org, which tools query first
/// (SELECT IsSandbox FROM Organization, or the Salesforce CLI's Name, InstanceName, OrganizationType, NamespacePrefix).
/// Added to every sandbox org unless its seed defines Organization itself.
/// </summary>
internal static class OrganizationObject
{
    public const string Name = "Organization";

    /// <summary>The object in the seed format <see cref="SeedReader"/> reads.</summary>
    public static JsonElement Seed(string organizationId)
    {
        var seed = new JsonObject
        {
            ["objects"] = new JsonArray(new JsonObject
            {
                ["name"] = Name,
                ["label"] = "Organization",
                ["labelPlural"] = "Organizations",
                ["keyPrefix"] = organizationId[..3],
                ["custom"] = false,
                ["writable"] = false,
                ["fields"] = new JsonArray(
                    BuiltInObjectSeed.Field("Name", "Name", "string", 80),
                    BuiltInObjectSeed.Field("IsSandbox", "Is Sandbox", "boolean"),
                    BuiltInObjectSeed.Field("OrganizationType", "Edition", "string", 40),
                    BuiltInObjectSeed.Field("InstanceName", "Instance Name", "string", 5),
                    BuiltInObjectSeed.Field("NamespacePrefix", "Namespace Prefix", "string", 15),
                    BuiltInObjectSeed.Field("TrialExpirationDate", "Trial Expiration Date", "datetime"),
                    BuiltInObjectSeed.Field("LanguageLocaleKey", "Locale", "string", 40),
                    BuiltInObjectSeed.Field("TimeZoneSidKey", "Default Time Zone", "string", 40)),
                ["records"] = new JsonArray(new JsonObject
                {
                    ["Id"] = organizationId,
                    ["Name"] = "SfHsSync Sandbox",
                    ["IsSandbox"] = true,
                    ["OrganizationType"] = "Developer Edition",
                    ["InstanceName"] = "LOCAL",
                    ["LanguageLocaleKey"] = "en_US",
                    ["TimeZoneSidKey"] = "America/Los_Angeles",
                }),
            }),
        };
        return JsonSerializer.SerializeToElement(seed);
    }
}
