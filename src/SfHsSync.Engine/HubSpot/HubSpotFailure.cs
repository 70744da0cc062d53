using System.Net;
using System.Text.Json;
using RestSharp;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.HubSpot;

/// <summary>Reads HubSpot's error answers and turns a failed call into a <see cref="SyncException"/> that names the call.</summary>
internal static class HubSpotFailure
{
    public const string DailyPolicy = "DAILY";

    public static WireError? ReadError(RestResponse response)
    {
        if (string.IsNullOrWhiteSpace(response.Content))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<WireError>(response.Content, HubSpotJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static bool IsDailyLimit(RestResponse response)
        => response.StatusCode == HttpStatusCode.TooManyRequests
           && string.Equals(ReadError(response)?.PolicyName, DailyPolicy, StringComparison.OrdinalIgnoreCase);

    /// <summary>The engine error for a call HubSpot refused (after any retries), with <paramref name="secret"/> scrubbed.</summary>
    public static SyncException ToException(RestResponse response, string call, object? target, string secret)
    {
        var status = (int)response.StatusCode;
        if (status == 0)
        {
            return new SyncException("HubSpotConnectionFailed", SyncErrorKind.ConnectionError,
                Scrub($"HubSpot could not be reached for {call}: {response.ErrorMessage ?? response.ResponseStatus.ToString()}.", secret),
                target, response.ErrorException is null ? null : new HttpRequestException(Scrub(response.ErrorException.Message, secret)));
        }

        var error = ReadError(response);
        var category = error?.Category ?? error?.ErrorType;
        var detail = Scrub(DescribeError(error, response), secret);
        var said = category is null ? $"HubSpot answered {status} to {call}" : $"HubSpot answered {status} {category} to {call}";
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new SyncException("HubSpotAuthenticationFailed", SyncErrorKind.AuthenticationError,
                $"{said}: the private app token was refused ({detail}).", target)
            {
                RecommendedAction = "Check the private app access token (Connect-HubSpot -AccessToken, or SFHSSYNC_HS_ACCESS_TOKEN).",
            },
            HttpStatusCode.Forbidden => new SyncException("HubSpotPermissionDenied", SyncErrorKind.PermissionDenied,
                $"{said}: {detail}", target)
            {
                RecommendedAction = "Give the private app the scopes this call needs.",
            },
            HttpStatusCode.NotFound => new SyncException("HubSpotObjectNotFound", SyncErrorKind.ObjectNotFound, $"{said}: {detail}", target),
            HttpStatusCode.Conflict => new SyncException("HubSpotObjectConflict", SyncErrorKind.ResourceExists, $"{said}: {detail}", target),
            HttpStatusCode.TooManyRequests when string.Equals(error?.PolicyName, DailyPolicy, StringComparison.OrdinalIgnoreCase)
                => new SyncException("HubSpotDailyLimitExceeded", SyncErrorKind.LimitsExceeded,
                    $"The HubSpot account's DAILY request limit is used up ({call} was refused); the run stops here. {detail}", target)
                {
                    RecommendedAction = "Wait until HubSpot's daily limit resets (midnight in the account's time zone) and run again.",
                },
            HttpStatusCode.TooManyRequests => new SyncException("HubSpotRateLimitExceeded", SyncErrorKind.LimitsExceeded,
                $"{said} after every retry ({error?.PolicyName ?? "unknown policy"}): {detail}", target),
            HttpStatusCode.Locked => new SyncException("HubSpotRecordLocked", SyncErrorKind.ResourceBusy, $"{said} after every retry: {detail}", target),
            >= HttpStatusCode.InternalServerError => new SyncException("HubSpotServiceUnavailable", SyncErrorKind.ConnectionError,
                $"{said} after every retry: {detail}", target),
            _ => new SyncException("HubSpotRequestFailed", status == 400 ? SyncErrorKind.InvalidData : SyncErrorKind.InvalidOperation,
                $"{said}: {detail}", target),
        };
    }

    /// <summary>One batch error as the per-input error it stands for.</summary>
    public static HubSpotRecordError ToRecordError(WireError error, string secret)
    {
        var names = new List<string>();
        AddNames(error.Context, names);
        foreach (var detail in error.Errors ?? new List<WireErrorDetail>())
        {
            AddNames(detail.Context, names);
        }

        var code = error.Errors?.Select(e => e.Code).FirstOrDefault(c => c is not null);
        return new HubSpotRecordError(error.Category ?? "UNKNOWN", Scrub(DescribeError(error, null), secret))
        {
            PropertyNames = names.Distinct(StringComparer.Ordinal).ToArray(),
            Code = code,
        };
    }

    public static string Scrub(string text, string secret)
        => secret.Length == 0 ? text : text.Replace(secret, "***", StringComparison.Ordinal);

    private static void AddNames(Dictionary<string, List<string>>? context, List<string> names)
    {
        if (context is null)
        {
            return;
        }

        foreach (var key in new[] { "propertyName", "propertyNames" })
        {
            if (context.TryGetValue(key, out var values))
            {
                names.AddRange(values);
            }
        }
    }

    private static string DescribeError(WireError? error, RestResponse? response)
    {
        if (error is null)
        {
            return string.IsNullOrWhiteSpace(response?.Content) ? "no details" : Truncate(response.Content);
        }

        var message = error.Message ?? "no message";
        var details = (error.Errors ?? new List<WireErrorDetail>()).Select(d => d.Message).Where(m => !string.IsNullOrEmpty(m) && m != message).ToList();
        return details.Count == 0 ? message : $"{message} ({string.Join("; ", details)})";
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "...";
}
