using OxyPlot;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Reports;

/// <summary>One chart of the report: an id for the page, a caption, and the OxyPlot model that draws it.</summary>
public sealed record ReportChart(string Id, string Caption, PlotModel Model);

/// <summary>The report's charts for one mapping, every one with the runs along the bottom, oldest first.</summary>
internal static class SyncReportCharts
{
    private static readonly OxyColor Create = OxyColor.FromRgb(0x2e, 0x7d, 0x32);
    private static readonly OxyColor Update = OxyColor.FromRgb(0x15, 0x65, 0xc0);
    private static readonly OxyColor Delete = OxyColor.FromRgb(0xc6, 0x28, 0x28);
    private static readonly OxyColor Salesforce = OxyColor.FromRgb(0x00, 0x70, 0xd2);
    private static readonly OxyColor HubSpot = OxyColor.FromRgb(0xff, 0x7a, 0x59);
    private static readonly OxyColor Neutral = OxyColor.FromRgb(0x78, 0x90, 0x9c);

    public static IReadOnlyList<ReportChart> For(SyncReportData data) => new[]
    {
        RecordsWritten(data),
        FailuresByKind(data),
        ApiCalls(data),
        LimitShare(data),
        DurationAndThroughput(data),
    };

    private static ReportChart RecordsWritten(SyncReportData data)
    {
        var chart = new RunChartModel("Records written per run", data.Runs, "records");
        var runs = data.Runs;
        chart.Bars("HubSpot: created", runs.Select(r => (double)r.Counts.CreatedInHubSpot), Create, "hs");
        chart.Bars("HubSpot: updated", runs.Select(r => (double)r.Counts.UpdatedInHubSpot), Update, "hs");
        chart.Bars("HubSpot: archived", runs.Select(r => (double)r.Counts.DeletedInHubSpot), Delete, "hs");
        chart.Bars("Salesforce: created", runs.Select(r => (double)r.Counts.CreatedInSalesforce), OxyColor.FromAColor(150, Create), "sf");
        chart.Bars("Salesforce: updated", runs.Select(r => (double)r.Counts.UpdatedInSalesforce), OxyColor.FromAColor(150, Update), "sf");
        chart.Bars("Salesforce: deleted", runs.Select(r => (double)r.Counts.DeletedInSalesforce), OxyColor.FromAColor(150, Delete), "sf");
        return new ReportChart("records-written", "Each run's writes to HubSpot (left bar) and to Salesforce (right bar), by create, update and delete.", chart.Model);
    }

    private static ReportChart FailuresByKind(SyncReportData data)
    {
        var chart = new RunChartModel("Failed records per run, by kind", data.Runs, "records");
        var byRun = data.Errors.Where(e => e.RunId is not null).GroupBy(e => e.RunId!.Value).ToDictionary(g => g.Key, g => g.ToList());
        var kinds = data.Errors.Select(FailureKind.Of).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var palette = OxyPalettes.Hue64.Colors;
        for (var i = 0; i < kinds.Count; i++)
        {
            var kind = kinds[i];
            chart.Bars(kind, data.Runs.Select(r => (double)(byRun.GetValueOrDefault(r.Id)?.Count(e => FailureKind.Of(e) == kind) ?? 0)), palette[(i * 23) % palette.Count], "failed");
        }

        // A record that failed again later is kept under its latest run only; earlier runs counted it without its kind.
        chart.Bars("failed again later", data.Runs.Select(r => (double)Math.Max(0, r.Counts.Failed - (byRun.GetValueOrDefault(r.Id)?.Count ?? 0))), Neutral, "failed");
        return new ReportChart("failures", "Records that failed in each run, by the error code the other side gave.", chart.Model);
    }

    private static ReportChart ApiCalls(SyncReportData data)
    {
        var chart = new RunChartModel("API calls per run against the minimum", data.Runs, "calls");
        chart.Bars("Salesforce calls", data.Runs.Select(r => (double)r.Counts.SalesforceApiCalls), Salesforce);
        chart.Bars("HubSpot calls", data.Runs.Select(r => (double)r.Counts.HubSpotApiCalls), HubSpot);
        chart.Line("Salesforce minimum", data.Runs.Select(r => (double?)data.ApiUse.GetValueOrDefault(r.Id)?.SalesforceMinimumCalls), OxyColor.FromRgb(0x00, 0x3e, 0x7a), style: LineStyle.Dash);
        chart.Line("HubSpot minimum", data.Runs.Select(r => (double?)data.ApiUse.GetValueOrDefault(r.Id)?.HubSpotMinimumCalls), OxyColor.FromRgb(0xb3, 0x3b, 0x1d), style: LineStyle.Dash);
        return new ReportChart("api-calls", "Calls each run made to each side (bars) and the fewest a run of its size needs (dashed).", chart.Model);
    }

    private static ReportChart LimitShare(SyncReportData data)
    {
        var chart = new RunChartModel("Share of the API limits", data.Runs, "% of the limit");
        chart.Line("Salesforce: run / daily allowance", data.Runs.Select(r => SalesforceRunShare(r, data.ApiUse.GetValueOrDefault(r.Id))), Salesforce);
        chart.Line("Salesforce: org's 24 h use", data.Runs.Select(r => OrgShare(data.ApiUse.GetValueOrDefault(r.Id))), Salesforce, style: LineStyle.Dot);
        chart.Line("HubSpot: run / rate limit", data.Runs.Select(r => HubSpotRateShare(r, data.ApiUse.GetValueOrDefault(r.Id))), HubSpot);
        return new ReportChart("limits", "Each run's Salesforce calls as a share of the org's daily allowance (and the org's whole use), and its HubSpot calls as a share of what HubSpot's rolling limit lets through in the run's time (whole intervals).", chart.Model);
    }

    private static ReportChart DurationAndThroughput(SyncReportData data)
    {
        var chart = new RunChartModel("Pass duration and throughput", data.Runs, "seconds");
        chart.SecondValueAxis("records / s");
        chart.Bars("duration (s)", data.Runs.Select(r => Seconds(r) ?? 0), Neutral);
        chart.Line("records read / s", data.Runs.Select(r => Seconds(r) is { } s && s > 0 ? r.Counts.Read / s : (double?)null), Update, secondAxis: true);
        return new ReportChart("duration", "How long each run took (bars) and the records it read a second (line, right axis).", chart.Model);
    }

    internal static double? Seconds(SyncRunRecord run) => run.FinishedAt is { } end ? Math.Max(0, (end - run.StartedAt).TotalSeconds) : null;

    internal static double? SalesforceRunShare(SyncRunRecord run, RunApiUse? use)
        => use?.SalesforceDailyMax is > 0 and var max ? 100.0 * run.Counts.SalesforceApiCalls / max : null;

    internal static double? OrgShare(RunApiUse? use)
        => use is { SalesforceDailyMax: > 0 and var max, SalesforceDailyUsed: { } used } ? 100.0 * used / max : null;

    /// <summary>
    /// The run's HubSpot calls as a share of what the rolling limit lets through in the run's time, counted in whole
    /// intervals (a rolling limit lets a full interval's calls through at once, so a short run is held to one interval).
    /// </summary>
    internal static double? HubSpotRateShare(SyncRunRecord run, RunApiUse? use)
    {
        if (use is not { HubSpotRateLimit: > 0 and var limit, HubSpotRateInterval: { TotalSeconds: > 0 } interval } || Seconds(run) is not { } seconds)
        {
            return null;
        }

        var intervals = Math.Max(1, Math.Ceiling(seconds / interval.TotalSeconds));
        return 100.0 * run.Counts.HubSpotApiCalls / (limit * intervals);
    }
}
