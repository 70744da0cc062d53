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
        static JsonObject Field(string name, string label, string type, int length = 0)
        {
            var field = new JsonObject { ["name"] = name, ["label"] = label, ["type"] = type };
            if (length > 0)
            {
                field["length"] = length;
            }

            return field;
        }

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
                    Field("Username", "Username", "string", 80),
                    Field("FirstName", "First Name", "string", 40),
                    Field("LastName", "Last Name", "string", 80),
                    Field("Email", "Email", "email", 128),
                    Field("Alias", "Alias", "string", 8),
                    Field("IsActive", "Active", "boolean"),
                    Field("UserType", "User Type", "string", 40),
                    Field("TimeZoneSidKey", "Time Zone", "string", 40),
                    Field("LocaleSidKey", "Locale", "string", 40),
                    Field("LanguageLocaleKey", "Language", "string", 40)),
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
