using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>
/// What every call meets before its endpoint, in HubSpot's order: latency, a retired API version (404), the token (401), the rate limits
/// (429 and the X-HubSpot-RateLimit-* headers), injected 423/502 faults; then errors thrown by the endpoint
/// become HubSpot error bodies, and the call goes into the request log.
/// </summary>
internal static class HubSpotGate
{
    public static async Task HandleAsync(HttpContext context, RequestDelegate next, HubSpotAccount account)
    {
        var template = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        try
        {
            if (account.Options.Latency > TimeSpan.Zero)
            {
                await Task.Delay(account.Options.Latency, context.RequestAborted).ConfigureAwait(false);
            }

            if (template is null)
            {
                await WriteAsync(context, HubSpotError.NotFound($"No HubSpot API at {context.Request.Method} {context.Request.Path}.").ToResponseBody(), 404).ConfigureAwait(false);
                return;
            }

            var version = HubSpotApiVersions.OfTemplate(template);
            if (HubSpotApiVersions.IsCrm(template) && !HubSpotApiVersions.Checked(account.Options.ApiVersions).Contains(version))
            {
                await WriteAsync(context, HubSpotError.NotFound(
                    $"{context.Request.Method} {context.Request.Path} belongs to a retired API version ({version}); this account serves {string.Join(", ", HubSpotApiVersions.Checked(account.Options.ApiVersions))}.").ToResponseBody(), 404).ConfigureAwait(false);
                return;
            }

            HubSpotCallVersion.Current = version;
            if (!Authorized(context, account, out var problem))
            {
                await WriteAsync(context, new JsonObject
                {
                    ["status"] = "error",
                    ["message"] = problem,
                    ["correlationId"] = Guid.NewGuid().ToString(),
                    ["category"] = "INVALID_AUTHENTICATION",
                }, 401).ConfigureAwait(false);
                return;
            }

            if (HubSpotScopes.Required(context.Request.Method, context.Request.Path.Value ?? string.Empty) is { } scope && !account.TokenScopes.Contains(scope))
            {
                await WriteAsync(context, HubSpotScopes.MissingBody(scope), 403).ConfigureAwait(false);
                return;
            }

            var search = template.EndsWith("/search", StringComparison.Ordinal);
            var decision = account.RateLimits.Acquire(search);
            if (!search)
            {
                AddRateHeaders(context.Response, decision);
            }

            if (decision.Refused != HubSpotRatePolicy.None)
            {
                await WriteAsync(context, RateLimitBody(decision.Refused), 429).ConfigureAwait(false);
                return;
            }

            switch (account.Faults.Draw())
            {
                case HubSpotFault.None:
                    break;
                case HubSpotFault.ConnectionReset:
                    context.Abort();
                    return;
                case HubSpotFault.SlowAnswer:
                    // Cancelled when the client gives up, so a call it abandoned is never carried out.
                    await Task.Delay(account.Options.SlowAnswerDelay, context.RequestAborted).ConfigureAwait(false);
                    break;
                case var fault:
                    await WriteAsync(context, FaultBody(fault), StatusOf(fault)).ConfigureAwait(false);
                    return;
            }

            try
            {
                account.RaiseAdmitted(context.RequestAborted);
                if (context.RequestAborted.IsCancellationRequested)
                {
                    // The client gave up while the handlers held the call (as with a slow answer): nothing is done.
                    return;
                }

                await next(context).ConfigureAwait(false);
            }
            catch (HubSpotApiException e) when (!context.Response.HasStarted)
            {
                await WriteAsync(context, e.Error.ToResponseBody(), e.Error.StatusCode).ConfigureAwait(false);
            }
        }
        finally
        {
            account.Record(new HubSpotRequest(context.Request.Method, template ?? context.Request.Path.Value ?? "", context.Request.Path.Value ?? "", context.Response.StatusCode));
        }
    }

    private static bool Authorized(HttpContext context, HubSpotAccount account, out string problem)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            problem = "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview";
            return false;
        }

        // The message never repeats the token: it is a secret even when it is wrong.
        problem = "The access token provided is not valid for this account, or it has been revoked.";
        return account.IsValidToken(header["Bearer ".Length..].Trim());
    }

    private static void AddRateHeaders(HttpResponse response, HubSpotRateDecision decision)
    {
        if (decision.IntervalMax is { } max)
        {
            response.Headers["X-HubSpot-RateLimit-Interval-Milliseconds"] = "10000";
            response.Headers["X-HubSpot-RateLimit-Max"] = max.ToString(CultureInfo.InvariantCulture);
            response.Headers["X-HubSpot-RateLimit-Remaining"] = decision.IntervalRemaining.ToString(CultureInfo.InvariantCulture);
        }

        if (decision.DailyMax is { } daily)
        {
            response.Headers["X-HubSpot-RateLimit-Daily"] = daily.ToString(CultureInfo.InvariantCulture);
            response.Headers["X-HubSpot-RateLimit-Daily-Remaining"] = decision.DailyRemaining.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static JsonObject RateLimitBody(HubSpotRatePolicy policy)
    {
        var (message, name) = policy switch
        {
            HubSpotRatePolicy.Daily => ("You have reached your daily limit.", "DAILY"),
            HubSpotRatePolicy.Secondly => ("You have reached your secondly limit.", "SECONDLY"),
            _ => ("You have reached your ten_secondly_rolling limit.", "TEN_SECONDLY_ROLLING"),
        };
        return new JsonObject
        {
            ["status"] = "error",
            ["message"] = message,
            ["errorType"] = "RATE_LIMIT",
            ["correlationId"] = Guid.NewGuid().ToString(),
            ["policyName"] = name,
        };
    }

    private static int StatusOf(HubSpotFault fault) => fault switch
    {
        HubSpotFault.Locked => 423,
        HubSpotFault.BadGateway => 502,
        HubSpotFault.ServiceUnavailable => 503,
        _ => 504,
    };

    private static JsonObject FaultBody(HubSpotFault fault) => new()
    {
        ["status"] = "error",
        ["message"] = fault switch
        {
            HubSpotFault.Locked => "The record is locked by another request (injected fault); wait at least 2 seconds and retry.",
            HubSpotFault.BadGateway => "Bad Gateway (injected fault); pause and retry.",
            HubSpotFault.ServiceUnavailable => "Service Unavailable (injected fault); pause and retry.",
            _ => "Gateway Timeout (injected fault); pause and retry.",
        },
        ["correlationId"] = Guid.NewGuid().ToString(),
        ["category"] = fault switch
        {
            HubSpotFault.Locked => "LOCKED",
            HubSpotFault.BadGateway => "BAD_GATEWAY",
            HubSpotFault.ServiceUnavailable => "SERVICE_UNAVAILABLE",
            _ => "GATEWAY_TIMEOUT",
        },
    };

    private static async Task WriteAsync(HttpContext context, JsonObject body, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}
