using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Pipelines;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Tests.Pipelines;

public sealed class AzurePipelinesRunLogTests
{
    [Fact]
    public void Every_command_escapes_its_message_and_properties_as_the_agent_unescapes_them()
    {
        var line = AzurePipelinesCommand.Format("task.logissue", AzurePipelinesCommand.Properties(("type", "error"), ("sourcepath", null), ("code", "A;B]C%")), "100% done\r\nnext ; ]");

        Assert.Equal("##vso[task.logissue type=error;code=A%3BB%5DC%AZP25]100%AZP25 done%0D%0Anext ; ]", line);
        Assert.Equal("##vso[task.uploadsummary]/tmp/a%AZP25b%0A.md", AzurePipelinesRunLog.UploadSummary("/tmp/a%b\n.md"));
        Assert.Equal("##vso[task.setprogress value=100]x%0Ay", AzurePipelinesRunLog.Progress(140, "x\ny"));
        Assert.Equal("##vso[task.complete result=SucceededWithIssues]done", AzurePipelinesRunLog.Complete(PipelineTaskResult.SucceededWithIssues, "done"));
    }

    [Fact]
    public void A_run_logs_itself_and_its_first_19_failed_records_then_one_line_with_how_many_more()
    {
        var lines = AzurePipelinesRunLog.Issues(PipelineRuns.Outcome(30, message: "bad\nvalue"), "SyncRunCompletedWithErrors", "run 7 failed");

        Assert.Equal(21, lines.Count);
        Assert.Equal("##vso[task.logissue type=error;code=SyncRunCompletedWithErrors]run 7 failed", lines[0]);
        Assert.Equal("##vso[task.logissue type=error;code=NUMBER_OUTSIDE_VALID_RANGE][Invoices] Salesforce record hs-001 (Update) failed: NUMBER_OUTSIDE_VALID_RANGE bad%0Avalue", lines[1]);
        Assert.Contains("code=STRING_TOO_LONG]", lines[3], StringComparison.Ordinal);
        Assert.Equal("##vso[task.logissue type=warning;code=SyncFailedRecordsNotListed][Invoices] 11 more failed record(s) of run 7 are not listed here; the run summary and Get-SyncError list them.", lines[20]);
        Assert.All(lines, l => Assert.DoesNotContain('\n', l));

        Assert.Equal(20, AzurePipelinesRunLog.Issues(PipelineRuns.Outcome(19), "X", "m").Count);
        Assert.Equal(21, AzurePipelinesRunLog.Issues(PipelineRuns.Outcome(20), "X", "m").Count);
    }

    [Fact]
    public void Failed_records_make_the_task_SucceededWithIssues_unless_more_than_the_limit_failed()
    {
        var five = new[] { PipelineRuns.Outcome(5, read: 100) };

        Assert.Equal(PipelineTaskResult.Succeeded, AzurePipelinesRunLog.ResultOf(new[] { PipelineRuns.Outcome(0) }, FailedRecordLimit.Parse("0")));
        Assert.Equal(PipelineTaskResult.SucceededWithIssues, AzurePipelinesRunLog.ResultOf(five, null));
        Assert.Equal(PipelineTaskResult.SucceededWithIssues, AzurePipelinesRunLog.ResultOf(five, FailedRecordLimit.Parse("5")));
        Assert.Equal(PipelineTaskResult.Failed, AzurePipelinesRunLog.ResultOf(five, FailedRecordLimit.Parse("4")));
        Assert.Equal(PipelineTaskResult.SucceededWithIssues, AzurePipelinesRunLog.ResultOf(five, FailedRecordLimit.Parse("5%")));
        Assert.Equal(PipelineTaskResult.Failed, AzurePipelinesRunLog.ResultOf(five, FailedRecordLimit.Parse("4.5%")));
        Assert.Equal(PipelineTaskResult.Failed, AzurePipelinesRunLog.ResultOf(new[] { PipelineRuns.Outcome(0, state: SyncRunState.Failed) }, null));
        Assert.Equal(PipelineTaskResult.SucceededWithIssues, AzurePipelinesRunLog.ResultOf(new[] { PipelineRuns.Outcome(0, state: SyncRunState.Cancelled) }, null));
    }

    [Theory]
    [InlineData("25", 25L, null)]
    [InlineData(" 0 ", 0L, null)]
    [InlineData("5%", null, 5.0)]
    [InlineData("0.5%", null, 0.5)]
    [InlineData("100%", null, 100.0)]
    public void A_limit_is_a_count_or_a_percentage_of_the_records_read(string text, long? count, double? percent)
    {
        var limit = FailedRecordLimit.Parse(text);

        Assert.Equal(count, limit.Count);
        Assert.Equal(percent, limit.Percent);
        Assert.Equal(count ?? (long)Math.Floor(percent!.Value * 2000 / 100), limit.Allowed(2000));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("many")]
    [InlineData("101%")]
    [InlineData("-2%")]
    [InlineData("5 %%")]
    [InlineData("1e3")]
    public void Anything_else_is_refused_naming_the_parameter_and_the_value(string text)
    {
        var error = Assert.Throws<SyncException>(() => FailedRecordLimit.Parse(text));

        Assert.Equal("SyncParameterOutOfRange", error.ErrorId);
        Assert.Contains($"-MaxFailedRecords '{text}'", error.Message, StringComparison.Ordinal);
    }
}
