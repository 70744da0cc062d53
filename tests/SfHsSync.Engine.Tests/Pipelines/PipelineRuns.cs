using SfHsSync.Engine.Pipelines;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Tests.Pipelines;

/// <summary>Finished runs as the pipeline reporting reads them back from the state, made up for the unit tests.</summary>
internal static class PipelineRuns
{
    public static RunOutcome Outcome(int failures, long read = 100, SyncRunState? state = null, string message = "Amount__c: value too large")
    {
        var start = new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
        var run = new SyncRunRecord
        {
            Id = 7,
            Mapping = "Invoices",
            Kind = SyncRunKind.Sync,
            State = state ?? (failures > 0 ? SyncRunState.CompletedWithErrors : SyncRunState.Succeeded),
            StartedAt = start,
            FinishedAt = start.AddSeconds(12.5),
            Counts = new SyncRunCounts { CreatedInHubSpot = 3, UpdatedInSalesforce = 2, Conflicts = 1, Failed = failures, Read = read, SalesforceApiCalls = 5, HubSpotApiCalls = 6 },
            Retries = SyncRunRetries.FromRows([("HubSpot", "RateLimit", 3), ("HubSpot", "ServerError", 1), ("Salesforce", "RowLock", 2)]),
        };
        var errors = Enumerable.Range(1, failures).Select(i => new RecordError
        {
            Mapping = "Invoices",
            Side = SyncSide.Salesforce,
            RecordId = $"hs-{i:D3}",
            Operation = "Update",
            ErrorCode = i % 3 == 0 ? "STRING_TOO_LONG" : "NUMBER_OUTSIDE_VALID_RANGE",
            Message = message,
            RunId = 7,
        }).ToList();
        var conflict = new ConflictRecord { Mapping = "Invoices", RunId = 7, SalesforceId = "a01", Field = "Amount__c", SalesforceValue = "1|2", HubSpotValue = "3", Winner = SyncSide.Salesforce };
        var use = new RunApiUse { RunId = 7, Mapping = "Invoices", SalesforceMinimumCalls = 4, HubSpotMinimumCalls = 6, SalesforceDailyUsed = 2000, SalesforceDailyMax = 100_000, HubSpotRateLimit = 190, HubSpotRateInterval = TimeSpan.FromSeconds(10) };
        return new RunOutcome(run, errors, new[] { conflict }, use);
    }
}
