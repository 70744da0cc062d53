using System.Globalization;

namespace SfHsSync.Engine.Pipelines;

/// <summary>What a finished run means for the pipeline task that ran it.</summary>
public enum PipelineTaskResult
{
    Succeeded,
    SucceededWithIssues,
    Failed,
}

/// <summary>
/// The logging commands Start-Sync and Import-SalesforceObject write under Azure Pipelines: an issue per failed run and
/// per failed record (at most <see cref="MaxIssuesPerRun"/> a run, then one saying how many more), progress, the run
/// summary to attach, and the task's result. Every line is made by <see cref="AzurePipelinesCommand.Format"/>.
/// </summary>
public static class AzurePipelinesRunLog
{
    public const int MaxIssuesPerRun = 20;

    /// <summary>The issue lines of one run: the run itself, then its failed records, capped, then how many were left out.</summary>
    public static IReadOnlyList<string> Issues(RunOutcome outcome, string errorId, string runMessage)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var lines = new List<string> { Issue("error", errorId, runMessage) };
        foreach (var failure in outcome.Failures.Take(MaxIssuesPerRun - 1))
        {
            lines.Add(Issue("error", failure.ErrorCode,
                $"[{outcome.Run.Mapping}] {failure.Side} record {failure.RecordId} ({failure.Operation}) failed: {failure.ErrorCode} {failure.Message}"));
        }

        var more = outcome.Failures.Count - (MaxIssuesPerRun - 1);
        if (more > 0)
        {
            lines.Add(Issue("warning", "SyncFailedRecordsNotListed", string.Create(CultureInfo.InvariantCulture,
                $"[{outcome.Run.Mapping}] {more} more failed record(s) of run {outcome.Run.Id} are not listed here; the run summary and Get-SyncError list them.")));
        }

        return lines;
    }

    public static string Issue(string type, string code, string message)
        => AzurePipelinesCommand.Format("task.logissue", AzurePipelinesCommand.Properties(("type", type), ("code", code)), message);

    /// <summary>The task's progress bar: <paramref name="percent"/> (0 to 100) with what it is doing.</summary>
    public static string Progress(int percent, string text)
        => AzurePipelinesCommand.Format("task.setprogress", AzurePipelinesCommand.Properties(("value", Math.Clamp(percent, 0, 100).ToString(CultureInfo.InvariantCulture))), text);

    /// <summary>Attaches a markdown file to the run's summary page.</summary>
    public static string UploadSummary(string path) => AzurePipelinesCommand.Format("task.uploadsummary", null, path);

    /// <summary>Ends the task with a result (done only when it did not simply succeed).</summary>
    public static string Complete(PipelineTaskResult result, string message)
        => AzurePipelinesCommand.Format("task.complete", AzurePipelinesCommand.Properties(("result", result.ToString())), message);

    /// <summary>
    /// The task's result for these runs: Failed when a run failed outright or has more failed records than
    /// <paramref name="limit"/> allows; SucceededWithIssues when records failed within it (or no limit was set);
    /// Succeeded only when every run did.
    /// </summary>
    public static PipelineTaskResult ResultOf(IReadOnlyList<RunOutcome> outcomes, FailedRecordLimit? limit)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Any(o => o.Run.State is State.SyncRunState.Failed || Exceeds(o, limit)))
        {
            return PipelineTaskResult.Failed;
        }

        return outcomes.All(o => o.Run.State == State.SyncRunState.Succeeded) ? PipelineTaskResult.Succeeded : PipelineTaskResult.SucceededWithIssues;
    }

    public static bool Exceeds(RunOutcome outcome, FailedRecordLimit? limit)
        => limit is not null && limit.IsExceeded(outcome.Run.Counts.Failed, outcome.Run.Counts.Read);
}
