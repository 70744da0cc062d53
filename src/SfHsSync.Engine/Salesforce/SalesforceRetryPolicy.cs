using System.Net;
using Polly;
using Polly.Retry;
using RestSharp;

namespace SfHsSync.Engine.Salesforce;

/// <summary>
/// Which failed calls are worth another try, and how long to wait: UNABLE_TO_LOCK_ROW, 5xx answers and broken
/// connections back off exponentially with jitter. REQUEST_LIMIT_EXCEEDED and every other 4xx are final.
/// </summary>
internal static class SalesforceRetryPolicy
{
    public const string RowLockErrorCode = "UNABLE_TO_LOCK_ROW";

    /// <summary>The policy; each retry is counted in <paramref name="retries"/> by its kind.</summary>
    public static ResiliencePipeline<RestResponse> Create(SalesforceClientOptions options, Connections.RetryCounter retries)
    {
        if (options.MaxRetries == 0)
        {
            return ResiliencePipeline<RestResponse>.Empty;
        }

        return new ResiliencePipelineBuilder<RestResponse>()
            .AddRetry(new RetryStrategyOptions<RestResponse>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.RetryDelay > TimeSpan.Zero,
                ShouldHandle = new PredicateBuilder<RestResponse>().HandleResult(IsTransient),
                OnRetry = args =>
                {
                    if (args.Outcome.Result is { } r)
                    {
                        retries.Count(Connections.RetryKinds.Of(r));
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public static bool IsTransient(RestResponse response)
    {
        if (response.ResponseStatus is ResponseStatus.Error or ResponseStatus.TimedOut && response.StatusCode == 0)
        {
            return true;
        }

        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return true;
        }

        return status >= 400 && response.StatusCode != HttpStatusCode.Forbidden && SalesforceApiError.Contains(response.Content, RowLockErrorCode);
    }
}
