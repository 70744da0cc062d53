using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace SfHsSync.Sandbox.Salesforce.Http;

/// <summary>
/// What every call meets before its endpoint, in Salesforce's order: added latency, the API version (older than served
/// answers 410, newer 404), the bearer token (401 INVALID_SESSION_ID), injected 503s, the daily allowance (403
/// REQUEST_LIMIT_EXCEEDED), and the <c>Sforce-Limit-Info</c> header. Every answer goes into the request log.
/// </summary>
internal sealed class SalesforceGate(SalesforceOrg org)
{
    public const string CallNumberKey = "sfhssync.call";

    public async Task Handle(HttpContext context, Func<Task> next)
    {
        // The call is logged as its answer starts, before the client can read a byte of it: a test that counts calls
        // right after its last answer must see that answer counted.
        var logged = 0;
        void Log()
        {
            if (Interlocked.Exchange(ref logged, 1) == 0)
            {
                // A token request's query string could carry credentials from a careless client: it is never kept.
                var path = context.Request.Path.Value ?? string.Empty;
                var query = path.StartsWith("/services/oauth2", StringComparison.OrdinalIgnoreCase) ? string.Empty : context.Request.QueryString.Value ?? string.Empty;
                org.Requests.Add(context.Request.Method, path, query, context.Response.StatusCode);
            }
        }

        context.Response.OnStarting(() =>
        {
            Log();
            return Task.CompletedTask;
        });
        try
        {
            if (org.Options.Latency > TimeSpan.Zero)
            {
                await Task.Delay(org.Options.Latency, context.RequestAborted).ConfigureAwait(false);
            }

            await Admit(context, next).ConfigureAwait(false);

            // Routing answers unknown paths and wrong methods with empty bodies; Salesforce answers them with error arrays.
            if (!context.Response.HasStarted && context.Response.StatusCode is 404 or 405)
            {
                await (context.Response.StatusCode == 404
                    ? SalesforceAnswers.NotFound(context)
                    : SalesforceAnswers.Error(context, 405, "METHOD_NOT_ALLOWED", $"HTTP Method '{context.Request.Method}' not allowed for {context.Request.Path}")).ConfigureAwait(false);
            }
        }
        finally
        {
            if (context.Response.HasStarted)
            {
                Log();
            }
        }
    }

    private async Task Admit(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (!path.StartsWith("/services/data/v", StringComparison.OrdinalIgnoreCase))
        {
            await next().ConfigureAwait(false);
            return;
        }

        var versionText = path["/services/data/v".Length..].Split('/')[0];
        if (!TryMajorVersion(versionText, out var major) || major > org.Options.MaxApiVersion)
        {
            await SalesforceAnswers.NotFound(context).ConfigureAwait(false);
            return;
        }

        if (major < org.Options.MinApiVersion)
        {
            await SalesforceAnswers.Error(context, 410, "API_VERSION_RETIRED", $"API version {versionText} is retired; this org serves v{org.Options.MinApiVersion}.0 to v{org.Options.MaxApiVersion}.0.").ConfigureAwait(false);
            return;
        }

        context.Response.Headers["Sforce-Limit-Info"] = org.Usage.Header;

        // The org's own time, as Salesforce's Date header gives it (to the second), read before the call is served: a
        // client may take it as the instant its query saw the org at, and it never runs ahead of the records' stamps.
        context.Response.Headers.Date = org.Clock.Now().ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim()
            : authorization.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase) ? authorization[6..].Trim() : null;
        if (token is null || !org.Tokens.IsValid(token))
        {
            await SalesforceAnswers.Error(context, 401, "INVALID_SESSION_ID", "Session expired or invalid").ConfigureAwait(false);
            return;
        }

        var call = org.Faults.NextCall();
        context.Items[CallNumberKey] = call;
        if (!org.Usage.TryCount())
        {
            await SalesforceAnswers.Error(context, 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.").ConfigureAwait(false);
            return;
        }

        context.Response.Headers["Sforce-Limit-Info"] = org.Usage.Header;
        if (org.Faults.Unavailable(call))
        {
            await SalesforceAnswers.Error(context, 503, "SERVER_UNAVAILABLE", "Server is unavailable; try again later.").ConfigureAwait(false);
            return;
        }

        try
        {
            await next().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
        {
            // Salesforce answers its own failures as UNKNOWN_EXCEPTION; the message says what broke in the sandbox.
            await SalesforceAnswers.Error(context, 500, "UNKNOWN_EXCEPTION", $"An unexpected error occurred in the sandbox: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return;
        }
    }

    /// <summary>The number of the API call being served, for per-call fault draws.</summary>
    public static long CallNumber(HttpContext context) => context.Items.TryGetValue(CallNumberKey, out var n) && n is long l ? l : 0;

    private static bool TryMajorVersion(string text, out int major)
    {
        major = 0;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && text[(dot + 1)..] == "0" && int.TryParse(text[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out major);
    }
}
