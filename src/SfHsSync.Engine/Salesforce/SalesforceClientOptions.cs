using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.Salesforce;

/// <summary>How a <see cref="SalesforceClient"/> pages, retries, polls and budgets its API calls.</summary>
public sealed record SalesforceClientOptions
{
    /// <summary>Records per query page (Sforce-Query-Options batchSize, 200 to 2,000; Salesforce treats it as a hint).</summary>
    public int QueryBatchSize { get; init; } = 2000;

    /// <summary>Retries of a call that failed with UNABLE_TO_LOCK_ROW, a 5xx or a broken connection; 0 turns retries off.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>First retry delay; later ones back off exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The share (0 to 1) of the org's daily API allowance this client may bring usage up to. Once the last answer's
    /// api-usage reaches it, further calls stop with SalesforceApiBudgetExhausted. Null: no budget of our own.
    /// </summary>
    public double? ApiUsageShare { get; init; }

    /// <summary>How often a Bulk API 2.0 job's state is polled.</summary>
    public TimeSpan BulkPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a Bulk API 2.0 job may take before the client gives up on it.</summary>
    public TimeSpan BulkJobTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Rows per Bulk query result page (maxRecords).</summary>
    public int BulkPageSize { get; init; } = 50_000;

    /// <summary>Timeout of one HTTP call.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The clock behind JWT expiry and the getDeleted window's end.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        if (QueryBatchSize is < 200 or > 2000)
        {
            throw Invalid(nameof(QueryBatchSize), $"{QueryBatchSize} is outside 200 to 2,000");
        }

        if (MaxRetries is < 0 or > 20)
        {
            throw Invalid(nameof(MaxRetries), $"{MaxRetries} is outside 0 to 20");
        }

        if (RetryDelay < TimeSpan.Zero)
        {
            throw Invalid(nameof(RetryDelay), "it is negative");
        }

        if (ApiUsageShare is { } share && (share <= 0 || share > 1 || double.IsNaN(share)))
        {
            throw Invalid(nameof(ApiUsageShare), $"{share} is not above 0 and at most 1");
        }

        if (BulkPollInterval < TimeSpan.Zero || BulkJobTimeout <= TimeSpan.Zero)
        {
            throw Invalid(nameof(BulkPollInterval), "the poll interval is negative or the job timeout is not positive");
        }

        if (BulkPageSize < 1)
        {
            throw Invalid(nameof(BulkPageSize), $"{BulkPageSize} is below 1");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw Invalid(nameof(RequestTimeout), "it is not positive");
        }
    }

    private static SyncException Invalid(string option, string why)
        => new("SalesforceClientOptionInvalid", SyncErrorKind.InvalidArgument, $"The Salesforce client option {option} is invalid: {why}.", option);
}
