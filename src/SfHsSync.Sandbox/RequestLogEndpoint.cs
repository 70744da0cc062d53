using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SfHsSync.Sandbox;

/// <summary>
/// <c>GET /__sandbox/requests</c> on either half: the calls that half answered since it started (or its log was last
/// reset), oldest first, as a JSON array of the log's entries: method, path (HubSpot adds the route template, Salesforce
/// the query and a sequence number) and status. No body or header is ever logged, so no secret is in it. It lets a test
/// in another process (Pester, against Start-SyncSandbox) assert which writes reached a service. It asks for the
/// sandbox's own access token, and is itself neither logged, counted against a limit nor faulted: it runs before the gate.
/// </summary>
internal static class RequestLogEndpoint
{
    public const string Path = "/__sandbox/requests";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static void Use<T>(WebApplication app, string accessToken, Func<IReadOnlyList<T>> entries)
        => app.Use(async (context, next) =>
        {
            if (!string.Equals(context.Request.Path.Value, Path, StringComparison.OrdinalIgnoreCase))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            context.Response.ContentType = "application/json";
            if (!string.Equals(context.Request.Headers.Authorization.ToString(), "Bearer " + accessToken, StringComparison.Ordinal))
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsync("""{"message":"The request log asks for the sandbox's access token."}""").ConfigureAwait(false);
                return;
            }

            if (!HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.StatusCode = 405;
                return;
            }

            await context.Response.WriteAsync(JsonSerializer.Serialize(entries(), Web)).ConfigureAwait(false);
        });
}
