using System.Globalization;
using System.Text;

namespace SfHsSync.Bench.Harness;

/// <summary>
/// The results as a Markdown table with the machine and date, the targets checked against them, and each job's
/// calls by kind. Written between markers in docs/benchmarks.md, so the prose around them stays as written.
/// </summary>
internal static class ResultsReport
{
    public const string Begin = "<!-- bench:results:begin (written by bench/Run-Bench.ps1; edits inside are overwritten) -->";
    public const string End = "<!-- bench:results:end -->";

    public static string Render(IReadOnlyList<ScenarioResult> results, string machine, DateTimeOffset started, TimeSpan took)
    {
        var s = new StringBuilder();
        Line(s, $"Run {started:yyyy-MM-dd HH:mm} UTC, {took.TotalMinutes:F0} min in all, on {machine}.");
        Line(s, "Load averages (1/5/15 min) before and after each job are in the details: above about 2 the machine was busy with more than this run.");
        if (results.Any(r => r.Runs.Count > 1))
        {
            Line(s, "Each scenario ran more than once; a row is its better run (the shorter wall time), and (±d) is the largest difference between its runs.");
        }

        Line(s, string.Empty);
        Line(s, "| # | scenario | records | wall s | CPU s | CPU s / 10k | records/s | SF calls (min) | HS calls (min) | over min | HS req/s (limit) | share of limit | 429s | peak MB |");
        Line(s, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            var limit = r.Traffic.HubSpotTenSecondlyLimit is { } l ? $"{r.HubSpotRequestsPerSecond:F1} ({l / 10.0:F0})" : $"{r.HubSpotRequestsPerSecond:F1} (none)";
            var share = r.ShareOfRateLimit is { } sh ? $"{sh:P1}" : "-";
            var perRecord = r.Idle is null ? $"{r.Records:N0} | {With(r, x => x.Metrics.WallSeconds, "F1")} | {With(r, x => x.Metrics.CpuSeconds, "F1")} | {With(r, x => x.CpuSecondsPer10k, "F2")} | {r.RecordsPerSecond:N0}"
                : $"0 | {With(r, x => x.Metrics.WallSeconds, "F1")} | {With(r, x => x.Metrics.CpuSeconds, "F1")} | - | -";
            Line(s, $"| {r.Id} | {r.Title} | {perRecord} | " +
                    $"{r.Traffic.SalesforceCalls} ({r.Minimum.Salesforce}) | {r.Traffic.HubSpotCalls} ({r.Minimum.HubSpot}) | {r.CallsOverMinimum:P1} | {limit} | {share} | {r.Met429s} | {r.PeakMegabytes:F0} |");
        }

        Line(s, string.Empty);
        Line(s, "### Targets");
        foreach (var line in Targets(results))
        {
            Line(s, $"- {line}");
        }

        if (IdleCostReport.CostPerDay(results) is { } perDay)
        {
            Line(s, string.Empty);
            Line(s, perDay);
        }

        Line(s, string.Empty);
        Line(s, "### Details");
        foreach (var r in results)
        {
            var t = r.Traffic;
            var m = r.Metrics;
            Line(s, $"- **{r.Id}** {r.Note} {Loads(r)}{IdleDetail(r)} " +
                    $"SF: {t.SalesforceQueryCalls} query, {t.SalesforceBulkCalls} bulk, {t.SalesforceCollectionWrites} collection writes, {t.SalesforceRetrieves} retrieves, {t.SalesforceOtherCalls} other. " +
                    $"HS: {t.HubSpotBatchWrites} batch writes, {t.HubSpotSearches} searches, {t.HubSpotBatchReads} batch reads, {t.HubSpotOtherCalls} other; busiest 10 s: {t.HubSpotBusiestTenSeconds}. " +
                    $"Minimum: {r.Minimum.Counted}. Allocated {m.AllocatedBytes / 1024.0 / 1024.0:N0} MB, {m.Gen0Collections} gen0 / {m.Gen2Collections} gen2 GCs, " +
                    $"process CPU {m.ProcessCpuSeconds:F1} s with start-up; the sandbox spent {t.SandboxCpuSeconds:F1} CPU s serving the calls.");
        }

        return s.ToString();
    }

    /// <summary>A figure of the better run, with the spread over its runs when there were several: "1.19 (±0.04)".</summary>
    private static string With(ScenarioResult r, Func<ScenarioResult, double> figure, string format)
        => r.Runs.Count > 1
            ? $"{figure(r).ToString(format, CultureInfo.InvariantCulture)} (±{r.Spread(figure).ToString(format, CultureInfo.InvariantCulture)})"
            : figure(r).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The load averages before and after the job, for each run when there were several.</summary>
    private static string Loads(ScenarioResult r)
        => r.Runs.Count > 1
            ? "Load " + string.Join("; ", r.Runs.Select((run, i) => string.Create(CultureInfo.InvariantCulture, $"run {i + 1} ({run.Metrics.WallSeconds:F1} s): {run.LoadBefore} -> {run.LoadAfter}"))) + "."
            : $"Load {r.LoadBefore} -> {r.LoadAfter}.";

    private static string IdleDetail(ScenarioResult r)
        => r.Idle is { } idle
            ? $" Per pass: SF calls {string.Join(", ", idle.SalesforceCalls)}; HS calls {string.Join(", ", idle.HubSpotCalls)}; CPU ms {string.Join(", ", idle.CpuSeconds.Select(c => (c * 1000).ToString("F0", CultureInfo.InvariantCulture)))}."
            : string.Empty;

    /// <summary>Replaces the block between the markers (or appends one) in the Markdown file.</summary>
    public static void WriteInto(string path, string block)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\n";
        var begin = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        var inner = $"{Begin}\n{block}{End}";
        text = begin >= 0 && end > begin
            ? string.Concat(text.AsSpan(0, begin), inner, text.AsSpan(end + End.Length))
            : text.TrimEnd() + "\n\n" + inner + "\n";
        File.WriteAllText(path, text);
    }

    private static IEnumerable<string> Targets(IReadOnlyList<ScenarioResult> results)
    {
        var over = results.Where(r => r.CallsOverMinimum > 0.02).ToList();
        yield return over.Count == 0
            ? "API calls within 2% of the minimum in every scenario: **met**."
            : $"API calls within 2% of the minimum: **missed** in {string.Join(", ", over.Select(r => $"{r.Id} ({r.CallsOverMinimum:P1} over)"))}.";

        if (results.FirstOrDefault(r => r.Id == "2") is { } rate)
        {
            var met = rate.ShareOfRateLimit >= 0.95 && rate.Met429s == 0;
            yield return $"Under 190 / 10 s: {rate.HubSpotRequestsPerSecond:F1} requests/s over {rate.Traffic.HubSpotActiveSeconds:F1} s, {rate.ShareOfRateLimit:P1} of the allowed 19/s, " +
                         $"{rate.Met429s} 429s: **{(met ? "met" : "missed")}** (>= 95%, no 429). The limit lets {rate.Traffic.HubSpotCalls} calls finish in {rate.ShortestSpanSeconds:F0} s at the soonest " +
                         $"(a full window, then 190 every 10 s); they took {rate.Traffic.HubSpotActiveSeconds:F1} s.";
        }

        if (results.FirstOrDefault(r => r.Id == "3") is { } large && results.FirstOrDefault(r => r.Id == "3b") is { } small)
        {
            double Ratio(double a, double b) => b > 0 ? a / b : double.NaN;
            var calls = Ratio(large.Traffic.SalesforceCalls + large.Traffic.HubSpotCalls, small.Traffic.SalesforceCalls + small.Traffic.HubSpotCalls);
            var wall = Ratio(large.Metrics.WallSeconds, small.Metrics.WallSeconds);
            var cpu = Ratio(large.Metrics.CpuSeconds, small.Metrics.CpuSeconds);
            var met = calls <= 1.5 && wall <= 3 && cpu <= 3;
            yield return string.Create(CultureInfo.InvariantCulture,
                $"Incremental pass against the same changes on their own: calls ×{calls:F2}, wall ×{wall:F2}, CPU ×{cpu:F2}: **{(met ? "met" : "missed")}** (calls ≤ ×1.5, time ≤ ×3).");
        }

        if (results.FirstOrDefault(r => r.Id == "4") is { } memory)
        {
            yield return $"Peak memory of the syncing process for {memory.Records:N0} records: {memory.PeakMegabytes:F0} MB: **{(memory.PeakMegabytes < 300 ? "met" : "missed")}** (< 300 MB).";
        }

        if (results.FirstOrDefault(r => r.Id == "1") is { } cost)
        {
            yield return $"Engine cost (scenario 1): {cost.CpuSecondsPer10k:F2} CPU s per 10,000 records imported, {cost.RecordsPerSecond:N0} records/s.";
        }

        foreach (var line in IdleCostReport.Targets(results))
        {
            yield return line;
        }

        var failed = results.Where(r => r.Note.Contains("EXPECTED", StringComparison.Ordinal)).ToList();
        yield return failed.Count == 0
            ? "Every job wrote what it should (checked against the changes made): **yes**."
            : $"Jobs that did not write what they should: **{string.Join(", ", failed.Select(r => r.Id))}** (see details).";
    }

    private static void Line(StringBuilder s, string text) => s.Append(text).Append('\n');
}
