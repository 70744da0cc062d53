using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SfHsSync.Sandbox.Salesforce.Http;

/// <summary>The calls about the org rather than its records: the versions list, the OAuth token endpoint and /limits.</summary>
internal static class OrgEndpoints
{
    private static readonly string[] Seasons = ["Winter", "Spring", "Summer"];

    public static void Map(WebApplication app, SalesforceOrg org)
    {
        app.MapGet("/services/data", context => Versions(context, org));
        app.MapPost("/services/oauth2/token", context => Token(context, org));
        app.MapGet("/services/data/v{version}/limits", context => Limits(context, org));
        app.MapGet("/services/data/v{version}", Resources);
    }

    private static Task Versions(HttpContext context, SalesforceOrg org)
        => SalesforceAnswers.Json(context, 200, w =>
        {
            w.WriteStartArray();
            for (var v = org.Options.MinApiVersion; v <= org.Options.MaxApiVersion; v++)
            {
                // Salesforce releases three versions a year; v50.0 was Winter '21.
                var k = v - 50;
                w.WriteStartObject();
                w.WriteString("label", $"{Seasons[((k % 3) + 3) % 3]} '{21 + (int)Math.Floor(k / 3.0)}");
                w.WriteString("url", $"/services/data/v{v}.0");
                w.WriteString("version", $"{v}.0");
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });

    private static async Task Token(HttpContext context, SalesforceOrg org)
    {
        context.Response.Headers.CacheControl = "no-cache,must-revalidate,max-age=0,no-store,private";
        if (!context.Request.HasFormContentType)
        {
            await OAuthError(context, "invalid_request", "the token request must be application/x-www-form-urlencoded").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var fields = form.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
        var decision = org.Grants.Decide(fields, context.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null);
        if (decision.Username is null)
        {
            await OAuthError(context, decision.Error!, decision.Description!).ConfigureAwait(false);
            return;
        }

        var token = org.Tokens.Issue(SalesforceOrg.OrganizationId);
        var instance = org.BaseUrl.ToString().TrimEnd('/');
        var id = $"{instance}/id/{SalesforceOrg.OrganizationId}/{org.UserId}";
        var issuedAt = org.Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(org.Options.ConsumerSecret), Encoding.UTF8.GetBytes(id + issuedAt)));
        await SalesforceAnswers.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", token);
            w.WriteString("scope", "api");
            w.WriteString("instance_url", instance);
            w.WriteString("id", id);
            w.WriteString("token_type", "Bearer");
            w.WriteString("issued_at", issuedAt);
            w.WriteString("signature", signature);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static Task OAuthError(HttpContext context, string error, string description)
        => SalesforceAnswers.Json(context, 400, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteString("error_description", description);
            w.WriteEndObject();
        });

    /// <summary>The resources of a version, as <c>GET /services/data/vXX.X</c> lists them (the ones the sandbox serves).</summary>
    private static Task Resources(HttpContext context)
    {
        var root = $"/services/data/v{SalesforceAnswers.Version(context)}";
        return SalesforceAnswers.Json(context, 200, w =>
        {
            w.WriteStartObject();
            foreach (var (name, path) in new[] { ("sobjects", "/sobjects"), ("query", "/query"), ("queryAll", "/queryAll"), ("limits", "/limits"), ("composite", "/composite"), ("jobs", "/jobs") })
            {
                w.WriteString(name, root + path);
            }

            w.WriteEndObject();
        });
    }

    private static Task Limits(HttpContext context, SalesforceOrg org)
        => SalesforceAnswers.Json(context, 200, w =>
        {
            w.WriteStartObject();
            Limit(w, "DailyApiRequests", org.Usage.Max, Math.Max(0, org.Usage.Max - org.Usage.Used));
            Limit(w, "DailyBulkV2QueryJobs", 10_000, 10_000 - org.Jobs.QueryJobCount);
            Limit(w, "DailyBulkV2QueryFileStorageMB", 1_048_576, 1_048_576);
            Limit(w, "DataStorageMB", 1_024, 1_024);
            w.WriteEndObject();
        });

    private static void Limit(System.Text.Json.Utf8JsonWriter w, string name, int max, int remaining)
    {
        w.WriteStartObject(name);
        w.WriteNumber("Max", max);
        w.WriteNumber("Remaining", remaining);
        w.WriteEndObject();
    }
}
