using OxyPlot.Series;
using SfHsSync.Engine.Reports;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Tests.Reports;

public sealed class SyncReportChartsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private static SyncRunRecord Run(long id, long failed, double seconds, long hsCalls = 0, long sfCalls = 0) => new()
    {
        Id = id,
        Mapping = "Invoices",
        State = failed > 0 ? SyncRunState.CompletedWithErrors : SyncRunState.Succeeded,
        StartedAt = Start.AddHours(id),
        FinishedAt = Start.AddHours(id).AddSeconds(seconds),
        Counts = new SyncRunCounts { Failed = failed, CreatedInHubSpot = id, DeletedInSalesforce = 2 * id, Read = 100, HubSpotApiCalls = hsCalls, SalesforceApiCalls = sfCalls },
    };

    private static RecordError Error(string id, string code, long run, bool resolved = false) => new()
    {
        Mapping = "Invoices", Side = SyncSide.Salesforce, RecordId = id, Operation = "Update", ErrorCode = code, Message = "m", RunId = run,
        ResolvedAt = resolved ? Start : null,
    };

    private static IReadOnlyList<double> Bars(ReportChart chart, string title)
        => chart.Model.Series.OfType<BarSeries>().Single(s => s.Title == title).Items.Select(i => i.Value).ToList();

    [Fact]
    public void Failures_stack_by_kind_under_the_run_they_last_failed_in_and_the_rest_of_each_runs_count_as_failed_again_later()
    {
        // Run 1 failed 3 records: one was fixed later (resolved, kept under run 1), two failed again in run 2 with a third.
        var runs = new[] { Run(1, 3, 10), Run(2, 3, 10) };
        var errors = new[] { Error("a", "FIELD_CUSTOM_VALIDATION_EXCEPTION", 1, resolved: true), Error("b", "STRING_TOO_LONG", 2), Error("c", "STRING_TOO_LONG", 2), Error("d", "FIELD_CUSTOM_VALIDATION_EXCEPTION", 2) };
        var failures = SyncReportCharts.For(new SyncReportData("Invoices", runs, new Dictionary<long, RunApiUse>(), errors, Array.Empty<ConflictRecord>())).Single(c => c.Id == "failures");

        Assert.Equal(new[] { 1.0, 1.0 }, Bars(failures, "ValidationRule"));
        Assert.Equal(new[] { 0.0, 2.0 }, Bars(failures, "PropertyValue"));
        Assert.Equal(new[] { 2.0, 0.0 }, Bars(failures, "failed again later"));
        Assert.All(failures.Model.Series.OfType<BarSeries>(), s => Assert.Equal("failed", s.StackGroup));
    }

    [Fact]
    public void Writes_stack_per_side_and_the_shares_of_the_limits_follow_the_recorded_yardsticks()
    {
        var runs = new[] { Run(1, 0, 5, hsCalls: 95, sfCalls: 500), Run(2, 0, 25, hsCalls: 190, sfCalls: 0), Run(3, 0, 0) };
        var use = new Dictionary<long, RunApiUse>
        {
            [1] = new() { RunId = 1, Mapping = "Invoices", SalesforceDailyMax = 100_000, SalesforceDailyUsed = 25_000, HubSpotRateLimit = 190, HubSpotRateInterval = TimeSpan.FromSeconds(10) },
            [2] = new() { RunId = 2, Mapping = "Invoices", HubSpotRateLimit = 190, HubSpotRateInterval = TimeSpan.FromSeconds(10) },
        };
        var charts = SyncReportCharts.For(new SyncReportData("Invoices", runs, use, Array.Empty<RecordError>(), Array.Empty<ConflictRecord>()));
        var written = charts.Single(c => c.Id == "records-written");

        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, Bars(written, "HubSpot: created"));
        Assert.Equal(new[] { 2.0, 4.0, 6.0 }, Bars(written, "Salesforce: deleted"));
        Assert.Equal(new[] { "hs", "sf" }, written.Model.Series.OfType<BarSeries>().Select(s => s.StackGroup).Distinct());

        // 500 of 100,000 daily calls; 95 calls in 5 s is half of one 10 s interval's 190; 190 in 25 s spans 3 intervals.
        Assert.Equal(0.5, SyncReportCharts.SalesforceRunShare(runs[0], use[1]));
        Assert.Equal(25.0, SyncReportCharts.OrgShare(use[1]));
        Assert.Null(SyncReportCharts.OrgShare(use[2]));
        Assert.Equal(50.0, SyncReportCharts.HubSpotRateShare(runs[0], use[1]));
        Assert.Equal(100.0 / 3, SyncReportCharts.HubSpotRateShare(runs[1], use[2])!.Value, 6);
        Assert.Null(SyncReportCharts.HubSpotRateShare(runs[2], null));
    }

    [Fact]
    public void The_page_lists_the_runs_that_retried_with_their_retries_by_kind_and_says_so_when_none_did()
    {
        var retried = Run(2, 0, 10) with { Retries = SyncRunRetries.FromRows([("HubSpot", "RateLimit", 3), ("State", "StateBusy", 1)]) };
        string Page(params SyncRunRecord[] runs)
        {
            using var writer = new StringWriter();
            SyncReportHtml.Write(writer, [new SyncReportData("Invoices", runs, new Dictionary<long, RunApiUse>(), Array.Empty<RecordError>(), Array.Empty<ConflictRecord>())],
                new SyncReportOptions(), "state.db");
            return writer.ToString();
        }

        var html = Page(Run(1, 0, 10), retried);
        Assert.Contains("<table data-table=\"retries\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>2</td><td>2026-12-01 04:00:00</td><td>Succeeded</td><td>4</td><td>HubSpot RateLimit 3; State StateBusy 1</td></tr>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<tr><td>1</td>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"empty\" data-table=\"retries\">No call was sent again in this period.</p>", Page(Run(1, 0, 10)), StringComparison.Ordinal);
    }
}
