using System.Globalization;
using System.Net;
using System.Text.Json;
using Polly;
using SfHsSync.Engine.Errors;
using Polly.Retry;
using RestSharp;
using SfHsSync.Engine.Connections;

namespace SfHsSync.Engine.HubSpot;

/// <summary>
/// Sends one HubSpot call: waits for the pacer, retries what HubSpot says is worth retrying (a rolling or secondly 429,
/// 423, 5xx, a dropped connection) with the back-off HubSpot's SDK uses, learns the budget from the rate-limit headers,
/// and turns whatever still fails into an engine error. A DAILY 429 is never retried.
/// </summary>
internal sealed class HubSpotTransport : IDisposable
{
    private readonly RestClient _rest;
    private readonly HubSpotPacer _pacer;
    private readonly HubSpotClientOptions _options;
    private readonly HubSpotConnection _connection;
    private readonly ResiliencePipeline<RestResponse> _pipeline;
    private long _calls;
    private long _rateLimited;

    public HubSpotTransport(HubSpotConnection connection, HubSpotClientOptions options)
    {
        _connection = connection;
        _options = options;
        _pacer = new HubSpotPacer(options);
        var restOptions = new RestClientOptions(connection.BaseUrl)
        {
            Authenticator = new HubSpotBearerAuthenticator(connection.AccessToken),
            Timeout = options.RequestTimeout,
            ThrowOnAnyError = false,
            UserAgent = "SfHsSync",
        };
        _rest = new RestClient(restOptions);
        _pipeline = BuildPipeline();
    }

    public long CallCount => Interlocked.Read(ref _calls);

    private int _dailyLimit;

    /// <summary>The account's daily request limit as the last answer's X-HubSpot-RateLimit-Daily header gave it (private apps); null before one did.</summary>
    public int? DailyLimit => Volatile.Read(ref _dailyLimit) is > 0 and var limit ? limit : null;

    public long RateLimitedCount => Interlocked.Read(ref _rateLimited);

    public long RetryCount => Retries.Total;

    /// <summary>The calls sent again, by why (Get-SyncRun's Retries.HubSpot).</summary>
    public RetryCounter Retries { get; } = new();

    public HubSpotPacer Pacer => _pacer;

    /// <summary>
    /// Sends <paramref name="request"/> and returns its 2xx answer (207 included); anything else throws. With
    /// <paramref name="returnRefusals"/>, a 400, 409 or 422 (HubSpot refusing the content) is returned instead.
    /// </summary>
    public async Task<RestResponse> SendAsync(RestRequest request, HubSpotCallKind kind, object? target, CancellationToken cancellationToken, bool returnRefusals = false)
    {
        var response = await _pipeline.ExecuteAsync(
            async token =>
            {
                using var slot = await _pacer.WaitAsync(kind == HubSpotCallKind.Search, token).ConfigureAwait(false);
                Interlocked.Increment(ref _calls);
                var answer = await _rest.ExecuteAsync(request, token).ConfigureAwait(false);
                slot.Dispose();
                token.ThrowIfCancellationRequested();
                Observe(answer);
                return answer;
            },
            cancellationToken).ConfigureAwait(false);

        if (response.IsSuccessStatusCode || (returnRefusals && IsRefusal(response.StatusCode)))
        {
            return response;
        }

        throw HubSpotFailure.ToException(response, Describe(request), target, SecretText.Reveal(_connection.AccessToken));
    }

    /// <summary>Sends and reads the JSON answer as <typeparamref name="T"/>.</summary>
    public async Task<T> SendAsync<T>(RestRequest request, HubSpotCallKind kind, object? target, CancellationToken cancellationToken)
    {
        var response = await SendAsync(request, kind, target, cancellationToken).ConfigureAwait(false);
        return Read<T>(response, request);
    }

    public T Read<T>(RestResponse response, RestRequest request)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(response.RawBytes ?? Array.Empty<byte>(), HubSpotJson.Options)
                   ?? throw new JsonException("The answer was empty.");
        }
        catch (JsonException ex)
        {
            throw new SyncException("HubSpotAnswerInvalid", SyncErrorKind.ReadError,
                $"HubSpot's answer to {Describe(request)} could not be read: {ex.Message}", request.Resource, ex);
        }
    }

    /// <summary>A JSON body; every member the HubSpot spec requires is part of the wire records.</summary>
    public static RestRequest Json(string resource, Method method, object body)
    {
        var request = new RestRequest(resource, method);
        request.AddStringBody(JsonSerializer.Serialize(body, body.GetType(), HubSpotJson.Options), DataFormat.Json);
        return request;
    }

    public string SecretForScrubbing() => SecretText.Reveal(_connection.AccessToken);

    private void Observe(RestResponse response)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            Interlocked.Increment(ref _rateLimited);
        }

        if (Header(response, "X-HubSpot-RateLimit-Daily") is { } daily)
        {
            Volatile.Write(ref _dailyLimit, daily);
        }

        var max = Header(response, "X-HubSpot-RateLimit-Max");
        var interval = Header(response, "X-HubSpot-RateLimit-Interval-Milliseconds");
        _pacer.Learn(max, interval);
    }

    private static int? Header(RestResponse response, string name)
    {
        var value = response.Headers?.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value?.ToString();
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    private ResiliencePipeline<RestResponse> BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder<RestResponse>();
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<RestResponse>
            {
                MaxRetryAttempts = _options.MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } r && BackoffFor(r, 1) is not null),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } r ? BackoffFor(r, args.AttemptNumber + 1) : null),
                OnRetry = args =>
                {
                    if (args.Outcome.Result is { } r)
                    {
                        Retries.Count(RetryKinds.Of(r));
                    }

                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }

    /// <summary>How long to wait before retry number <paramref name="attempt"/>, or null when the answer is final.</summary>
    private TimeSpan? BackoffFor(RestResponse response, int attempt)
    {
        if (response.ResponseStatus is ResponseStatus.Error or ResponseStatus.TimedOut && response.StatusCode == 0)
        {
            return _options.TransientBackoff * attempt;
        }

        var status = (int)response.StatusCode;
        if (status == 429)
        {
            var policy = HubSpotFailure.ReadError(response)?.PolicyName;
            if (string.Equals(policy, HubSpotFailure.DailyPolicy, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            return string.Equals(policy, "SECONDLY", StringComparison.OrdinalIgnoreCase)
                ? _options.SecondlyLimitBackoff * attempt
                : _options.RollingLimitBackoff * attempt;
        }

        return status switch
        {
            423 => _options.LockedBackoff * attempt,
            500 or 502 or 503 or 504 => _options.TransientBackoff * attempt,
            _ => null,
        };
    }

    public static bool IsRefusal(HttpStatusCode status)
        => status is HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity;

    public static string Describe(RestRequest request) => $"{request.Method.ToString().ToUpperInvariant()} {request.Resource}";

    public void Dispose()
    {
        _rest.Dispose();
        _pacer.Dispose();
    }
}
