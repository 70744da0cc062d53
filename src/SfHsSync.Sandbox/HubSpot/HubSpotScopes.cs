using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>
/// The private app token's scopes: served by the access-token information endpoint
/// (POST /oauth/v2/private-apps/get/access-token-info, body {"tokenKey"}), narrowed by a seed's "tokenScopes", and
/// enforced on custom object records as HubSpot does (403 MISSING_SCOPES naming the scope the call needs).
/// </summary>
public static class HubSpotScopes
{
    public const string CustomRead = "crm.objects.custom.read";
    public const string CustomWrite = "crm.objects.custom.write";

    /// <summary>The scopes a token has unless a seed narrows them: everything a sync of custom objects, companies and contacts uses.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "oauth", CustomRead, CustomWrite, "crm.schemas.custom.read", "crm.objects.companies.read", "crm.objects.companies.write",
        "crm.objects.contacts.read", "crm.objects.contacts.write", "crm.schemas.companies.read", "crm.schemas.contacts.read",
    ];

    public static void Map(WebApplication app, HubSpotAccount account)
        => app.MapPost("/oauth/v2/private-apps/get/access-token-info", async (HttpContext c) =>
        {
            var body = await HubSpotJson.ReadBodyAsync(c);
            var token = HubSpotJson.String(body, "tokenKey");
            if (token is null || !account.IsKnownToken(token))
            {
                throw new HubSpotApiException(HubSpotError.NotFound("No private app has this access token."));
            }

            return HubSpotJson.Answer(new JsonObject
            {
                ["userId"] = 1,
                ["hubId"] = account.PortalId,
                ["appId"] = 1,
                ["scopes"] = new JsonArray(account.TokenScopes.Select(s => (JsonNode?)s).ToArray()),
            });
        });

    /// <summary>The scope a call on custom object records needs, or null when the call is not one.</summary>
    public static string? Required(string method, string path)
    {
        // Numbered paths put the version before "objects" (/crm/v3/objects/{type}), dated ones after it (/crm/objects/2026-09/{type}).
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 4 || parts[0] != "crm" || !(parts[1] == "objects" || parts[2] == "objects") || !IsCustom(parts[3]))
        {
            return null;
        }

        var reads = method == "GET" || path.EndsWith("/search", StringComparison.Ordinal) || path.EndsWith("/batch/read", StringComparison.Ordinal);
        return reads ? CustomRead : CustomWrite;
    }

    public static JsonObject MissingBody(string scope) => new()
    {
        ["status"] = "error",
        ["message"] = "This app hasn't been granted all required scopes to make this call.",
        ["correlationId"] = Guid.NewGuid().ToString(),
        ["errors"] = new JsonArray(new JsonObject
        {
            ["message"] = "One or more of the following scopes are required.",
            ["context"] = new JsonObject { ["requiredGranularScopes"] = new JsonArray(scope) },
        }),
        ["category"] = "MISSING_SCOPES",
    };

    private static bool IsCustom(string objectType) => objectType.StartsWith("2-", StringComparison.Ordinal) || (objectType.StartsWith('p') && objectType.Contains('_', StringComparison.Ordinal));
}
