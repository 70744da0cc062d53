using System.Globalization;
using System.Management.Automation;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Pipelines;
using SfHsSync.Engine.State;

namespace SfHsSync.Commands;

/// <summary>
/// What Start-Sync and Import-SalesforceObject tell a pipeline once their runs end: the runs as JUnit XML
/// (-TestResultsPath); under Azure Pipelines (TF_BUILD) the markdown summary attached to the run, an issue line per failed
/// run and record (capped per run), and the task's result; and -MaxFailedRecords, past which the command fails.
/// </summary>
internal sealed class PipelineRunReporter
{
    private readonly PSCmdlet _cmdlet;
    private readonly IReadOnlyList<RunOutcome> _outcomes;
    private readonly FailedRecordLimit? _limit;
    private readonly bool _azure;

    private PipelineRunReporter(PSCmdlet cmdlet, IReadOnlyList<RunOutcome> outcomes, FailedRecordLimit? limit, bool azure)
    {
        _cmdlet = cmdlet;
        _outcomes = outcomes;
        _limit = limit;
        _azure = azure;
    }

    /// <summary>The task's result these runs make.</summary>
    public PipelineTaskResult Result => AzurePipelinesRunLog.ResultOf(_outcomes, _limit);

    /// <summary>The runs with more failed records than -MaxFailedRecords allows.</summary>
    public IEnumerable<RunOutcome> OverLimit => _outcomes.Where(o => AzurePipelinesRunLog.Exceeds(o, _limit));

    /// <summary>Reads the runs back from the state and writes the JUnit file and the Azure Pipelines lines.</summary>
    public static PipelineRunReporter Publish(PSCmdlet cmdlet, IStateStore store, IReadOnlyList<long> runIds, PipelineReportOptions options, CancellationToken cancellationToken)
    {
        var outcomes = Task.Run(async () =>
        {
            var found = new List<RunOutcome>();
            foreach (var id in runIds.Distinct())
            {
                if (await RunOutcome.LoadAsync(store, id, cancellationToken).ConfigureAwait(false) is { } outcome)
                {
                    found.Add(outcome);
                }
            }

            return found;
        }, cancellationToken).GetAwaiter().GetResult();

        var reporter = new PipelineRunReporter(cmdlet, outcomes, options.Limit, AzurePipelinesCommand.IsAzurePipelines());
        if (options.TestResultsPath is { } path && outcomes.Count > 0)
        {
            JUnitRunResults.Write(path, options.Command, outcomes);
            cmdlet.WriteVerbose($"Wrote the runs as JUnit XML to {path}.");
        }

        if (reporter._azure && outcomes.Count > 0)
        {
            reporter.WriteAzureLines(options);
        }

        return reporter;
    }

    /// <summary>A failed run's error: under Azure Pipelines, within -MaxFailedRecords (or with none), a warning, as the task then ends SucceededWithIssues.</summary>
    public void ReportFailedRun(ErrorRecord error)
    {
        if (_azure && Result != PipelineTaskResult.Failed)
        {
            _cmdlet.WriteWarning($"{error.Exception.Message} The task ends SucceededWithIssues.");
            return;
        }

        _cmdlet.WriteError(error);
    }

    /// <summary>Ends the task (Azure Pipelines) and fails the command when a run had more failed records than allowed.</summary>
    public void Complete(string command)
    {
        var over = OverLimit.ToList();
        if (_azure && Result != PipelineTaskResult.Succeeded)
        {
            var message = Result == PipelineTaskResult.Failed ? $"{command}: a run failed or had more failed records than allowed." : $"{command}: records failed; Get-SyncError lists them.";
            _cmdlet.Host.UI.WriteLine(AzurePipelinesRunLog.Complete(Result, message));
        }

        if (over.Count == 0)
        {
            return;
        }

        var text = string.Join("; ", over.Select(o => string.Create(CultureInfo.InvariantCulture,
            $"run {o.Run.Id} of '{o.Run.Mapping}' had {o.Run.Counts.Failed} failed record(s) of {o.Run.Counts.Read} read, more than -MaxFailedRecords {_limit} allows ({_limit!.Allowed(o.Run.Counts.Read)})")));
        if (RunsAsScriptFile())
        {
            // pwsh -File exits 0 after a statement-terminating error; a pipeline step must see the failure in its exit code.
            _cmdlet.Host.SetShouldExit(1);
        }

        var exception = new SyncException("SyncFailedRecordsExceeded", SyncErrorKind.LimitsExceeded, $"{command}: {text}.", over[0].Run.Mapping);
        _cmdlet.ThrowTerminatingError(new ErrorRecord(exception, exception.ErrorId, ErrorCategory.LimitsExceeded, over.Select(o => o.Run).ToList()));
    }

    private void WriteAzureLines(PipelineReportOptions options)
    {
        var ui = _cmdlet.Host.UI;
        foreach (var outcome in _outcomes.Where(o => o.Run.State != SyncRunState.Succeeded))
        {
            foreach (var line in AzurePipelinesRunLog.Issues(outcome, options.ErrorId, options.RunMessage(outcome.Run)))
            {
                ui.WriteLine(line);
            }
        }

        var folder = Environment.GetEnvironmentVariable("AGENT_TEMPDIRECTORY") is { Length: > 0 } agentTemp ? agentTemp : System.IO.Path.GetTempPath();
        var file = System.IO.Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"sfhssync-{options.Command}-{string.Join('-', _outcomes.Select(o => o.Run.Id))}.md"));
        File.WriteAllText(file, RunSummaryMarkdown.Write($"SfHsSync {options.Command}", _outcomes));
        ui.WriteLine(AzurePipelinesRunLog.UploadSummary(file));
        ui.WriteLine(AzurePipelinesRunLog.Progress(100, $"{options.Command}: {_outcomes.Count} run(s) done"));
    }

    /// <summary>True when this process is pwsh running a script file (-File), where only an exit code tells the caller a step failed.</summary>
    private static bool RunsAsScriptFile()
        => Environment.GetCommandLineArgs().Skip(1).Any(a => a.Length >= 2 && "-file".StartsWith(a.ToLowerInvariant(), StringComparison.Ordinal) && a.StartsWith('-'));
}

/// <summary>How a command's runs are reported to a pipeline: its name, the run error's id and text, the limit, the JUnit file.</summary>
internal sealed record PipelineReportOptions(string Command, string ErrorId, Func<SyncRunRecord, string> RunMessage)
{
    public FailedRecordLimit? Limit { get; init; }

    public string? TestResultsPath { get; init; }
}
