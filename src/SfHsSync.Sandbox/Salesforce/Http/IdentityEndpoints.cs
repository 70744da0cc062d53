using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SfHsSync.Sandbox.Salesforce.Schema;

namespace SfHsSync.Sandbox.Salesforce.Http;

/// <summary>
/// Who a token acts as: the OpenID Connect <c>/services/oauth2/userinfo</c> endpoint and the identity URL
/// <c>/id/{orgId}/{userId}</c> the token endpoint names. The Salesforce CLI reads userinfo after
/// <c>sf org login access-token</c> to learn the user id and org id. Neither counts against the API allowance; a bad
/// token is answered 403 <c>Bad_OAuth_Token</c>, as Salesforce does.
/// </summary>
internal static class IdentityEndpoints
{
    public static void Map(WebApplication app, SalesforceOrg org)
    {
        app.MapGet("/services/oauth2/userinfo", context => UserInfo(context, org));
        app.MapPost("/services/oauth2/userinfo", context => UserInfo(context, org));
        app.MapGet("/id/{organizationId}/{userId}", context => Identity(context, org));
    }

    private static async Task UserInfo(HttpContext context, SalesforceOrg org)
    {
        if (!await Authorized(context, org).ConfigureAwait(false))
        {
            return;
        }

        var instance = org.BaseUrl.ToString().TrimEnd('/');
        await SalesforceAnswers.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("sub", IdentityUrl(org));
            w.WriteString("user_id", org.UserId);
            w.WriteString("organization_id", SalesforceOrg.OrganizationId);
            w.WriteString("preferred_username", UserObject.IntegrationUsername);
            w.WriteString("nickname", "integ");
            w.WriteString("name", "Integration User");
            w.WriteString("email", UserObject.IntegrationUsername);
            w.WriteBoolean("email_verified", true);
            w.WriteString("given_name", "Integration");
            w.WriteString("family_name", "User");
            w.WriteString("zoneinfo", "America/Los_Angeles");
            w.WriteString("profile", $"{instance}/{org.UserId}");
            WriteUrls(w, instance);
            WriteUserSettings(w);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task Identity(HttpContext context, SalesforceOrg org)
    {
        if (!await Authorized(context, org).ConfigureAwait(false))
        {
            return;
        }

        if ((string?)context.Request.RouteValues["organizationId"] != SalesforceOrg.OrganizationId || (string?)context.Request.RouteValues["userId"] != org.UserId)
        {
            await SalesforceAnswers.NotFound(context).ConfigureAwait(false);
            return;
        }

        var instance = org.BaseUrl.ToString().TrimEnd('/');
        await SalesforceAnswers.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("id", IdentityUrl(org));
            w.WriteBoolean("asserted_user", true);
            w.WriteString("user_id", org.UserId);
            w.WriteString("organization_id", SalesforceOrg.OrganizationId);
            w.WriteString("username", UserObject.IntegrationUsername);
            w.WriteString("nick_name", "integ");
            w.WriteString("display_name", "Integration User");
            w.WriteString("email", UserObject.IntegrationUsername);
            w.WriteBoolean("email_verified", true);
            w.WriteString("first_name", "Integration");
            w.WriteString("last_name", "User");
            w.WriteString("timezone", "America/Los_Angeles");
            WriteUrls(w, instance);
            WriteUserSettings(w);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static string IdentityUrl(SalesforceOrg org) => $"{org.BaseUrl.ToString().TrimEnd('/')}/id/{SalesforceOrg.OrganizationId}/{org.UserId}";

    /// <summary>The urls block, with Salesforce's literal {version} placeholder.</summary>
    /// <summary>The integration user's account settings, the same in the userinfo and identity answers.</summary>
    private static void WriteUserSettings(System.Text.Json.Utf8JsonWriter w)
    {
        w.WriteBoolean("active", true);
        w.WriteString("user_type", "STANDARD");
        w.WriteString("language", "en_US");
        w.WriteString("locale", "en_US");
        w.WriteNumber("utcOffset", -28800000);
    }

    private static void WriteUrls(System.Text.Json.Utf8JsonWriter w, string instance)
    {
        w.WriteStartObject("urls");
        w.WriteString("rest", $"{instance}/services/data/v{{version}}/");
        w.WriteString("sobjects", $"{instance}/services/data/v{{version}}/sobjects/");
        w.WriteString("query", $"{instance}/services/data/v{{version}}/query/");
        w.WriteString("limits", $"{instance}/services/data/v{{version}}/limits/");
        w.WriteString("custom_domain", instance);
        w.WriteEndObject();
    }

    private static async Task<bool> Authorized(HttpContext context, SalesforceOrg org)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim()
            : authorization.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase) ? authorization[6..].Trim() : null;
        if (token is not null && org.Tokens.IsValid(token))
        {
            return true;
        }

        context.Response.StatusCode = 403;
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync("Bad_OAuth_Token", context.RequestAborted).ConfigureAwait(false);
        return false;
    }
}
