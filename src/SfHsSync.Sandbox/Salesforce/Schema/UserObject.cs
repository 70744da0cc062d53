using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Salesforce.Schema;

/// <summary>
/// The User object every org has, holding the integration user the sandbox's tokens act as. Tools read it after a login:
/// the Salesforce CLI asks /services/oauth2/userinfo for the user id, then GET sobjects/User/{id} for the Username.
/// Added to every sandbox org unless its seed defines User itself.
/// </summary>
internal static class UserObject
{
    public const string Name = "User";

    /// <summary>The integration user's username (the JWT bearer flow's default <c>sub</c>).</summary>
    public const string IntegrationUsername = "integration@sfhssync.sandbox";

    /// <summary>The object in the seed format <see cref="SeedReader"/> reads.</summary>
    public static JsonElement Seed()
    {
        var seed = new JsonObject
        {
            ["objects"] = new JsonArray(new JsonObject
            {
                ["name"] = Name,
                ["label"] = "User",
                ["labelPlural"] = "Users",
                ["keyPrefix"] = "005",
                ["custom"] = false,
                ["writable"] = false,
                ["fields"] = new JsonArray(
                    BuiltInObjectSeed.Field("Username", "Username", "string", 80),
                    BuiltInObjectSeed.Field("FirstName", "First Name", "string", 40),
                    BuiltInObjectSeed.Field("LastName", "Last Name", "string", 80),
                    BuiltInObjectSeed.Field("Email", "Email", "email", 128),
                    BuiltInObjectSeed.Field("Alias", "Alias", "string", 8),
                    BuiltInObjectSeed.Field("IsActive", "Active", "boolean"),
                    BuiltInObjectSeed.Field("UserType", "User Type", "string", 40),
                    BuiltInObjectSeed.Field("TimeZoneSidKey", "Time Zone", "string", 40),
                    BuiltInObjectSeed.Field("LocaleSidKey", "Locale", "string", 40),
                    BuiltInObjectSeed.Field("LanguageLocaleKey", "Language", "string", 40)),
                ["records"] = new JsonArray(new JsonObject
                {
                    ["Id"] = SeedReader.IntegrationUserId,
                    ["Username"] = IntegrationUsername,
                    ["FirstName"] = "Integration",
                    ["LastName"] = "User",
                    ["Email"] = IntegrationUsername,
                    ["Alias"] = "integ",
                    ["IsActive"] = true,
                    ["UserType"] = "Standard",
                    ["TimeZoneSidKey"] = "America/Los_Angeles",
                    ["LocaleSidKey"] = "en_US",
                    ["LanguageLocaleKey"] = "en_US",
                }),
            }),
        };
        return JsonSerializer.SerializeToElement(seed);
    }
}
