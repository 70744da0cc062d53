using System.Globalization;
using System.Text;
using SfHsSync.Engine.Reports;

namespace SfHsSync.Engine.Pipelines;

/// <summary>
/// The markdown a pipeline run's Extensions tab shows (##vso[task.uploadsummary]): per run, the records written each
/// way, the failures by kind with the first few records, the conflicts, the API calls against their yardsticks, and
/// the retries by kind.
/// </summary>
public static class RunSummaryMarkdown
{
    /// <summary>Records listed per kind of failure, and conflicts listed per run.</summary>
    public const int FirstFew = 5;

    public static string Write(string title, IReadOnlyList<RunOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var md = new StringBuilder().Append("## ").Append(Cell(title)).Append("\n\n");
        md.Append("| mapping | run | state | to HubSpot (created / updated / archived) | to Salesforce (created / updated / deleted) | conflicts | failed | Salesforce calls (minimum) | HubSpot calls (minimum) | duration |\n");
        md.Append("|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var (run, _, _, use) in outcomes)
        {
            var c = run.Counts;
            md.Append(Invariant($"| {Cell(run.Mapping)} | {run.Id} | {run.State} | {c.CreatedInHubSpot} / {c.UpdatedInHubSpot} / {c.DeletedInHubSpot} | {c.CreatedInSalesforce} / {c.UpdatedInSalesforce} / {c.DeletedInSalesforce} | "))
              .Append(Invariant($"{c.Conflicts} | {c.Failed} | {c.SalesforceApiCalls} ({Minimum(use?.SalesforceMinimumCalls)}) | {c.HubSpotApiCalls} ({Minimum(use?.HubSpotMinimumCalls)}) | {Duration(run)} |\n"));
        }

        foreach (var outcome in outcomes)
        {
            Failures(md, outcome);
            Conflicts(md, outcome);
            ApiUse(md, outcome);
            Retries(md, outcome.Run);
        }

        return md.ToString();
    }

    private static void Failures(StringBuilder md, RunOutcome outcome)
    {
        if (outcome.Failures.Count == 0)
        {
            return;
        }

        md.Append(Invariant($"\n### Failed records of {Cell(outcome.Run.Mapping)} (run {outcome.Run.Id})\n\n| kind | records | first records |\n|---|---|---|\n"));
        foreach (var kind in outcome.Failures.GroupBy(FailureKind.Of).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = string.Join("<br>", kind.Take(FirstFew).Select(e => Cell($"{e.Side} {e.RecordId} ({e.Operation}) {e.ErrorCode}: {e.Message}")));
            md.Append(Invariant($"| {Cell(kind.Key)} | {kind.Count()} | {first}{(kind.Count() > FirstFew ? $"<br>and {kind.Count() - FirstFew} more" : string.Empty)} |\n"));
        }
    }

    private static void Conflicts(StringBuilder md, RunOutcome outcome)
    {
        if (outcome.Conflicts.Count == 0)
        {
            return;
        }

        md.Append(Invariant($"\n### Conflicts of {Cell(outcome.Run.Mapping)} (run {outcome.Run.Id}): {outcome.Conflicts.Count}\n\n| Salesforce record | field | Salesforce value | HubSpot value | winner |\n|---|---|---|---|---|\n"));
        foreach (var c in outcome.Conflicts.Take(FirstFew))
        {
            md.Append(Invariant($"| {Cell(c.SalesforceId)} | {Cell(c.Field)} | {Cell(c.SalesforceValue ?? "(empty)")} | {Cell(c.HubSpotValue ?? "(empty)")} | {c.Winner} |\n"));
        }
    }

    private static void ApiUse(StringBuilder md, RunOutcome outcome)
    {
        if (outcome.ApiUse is not { } use)
        {
            return;
        }

        var daily = use.SalesforceDailyMax is > 0 and var max
            ? Invariant($"{outcome.Run.Counts.SalesforceApiCalls} of the org's {max:N0} daily calls ({100.0 * outcome.Run.Counts.SalesforceApiCalls / max:0.###}%), {use.SalesforceDailyUsed:N0} used in the last 24 hours")
            : "Salesforce reported no daily allowance";
        var rate = use.HubSpotRateLimit is > 0 && use.HubSpotRateInterval is { } interval
            ? Invariant($"HubSpot's limit {use.HubSpotRateLimit} calls per {interval.TotalSeconds:0.#} s")
            : "HubSpot reported no rate limit";
        md.Append(Invariant($"\nAPI use of {Cell(outcome.Run.Mapping)} (run {outcome.Run.Id}): {daily}; {rate}.\n"));
    }

    /// <summary>The calls each client sent again and the state's waits, by kind (nothing when the run had none).</summary>
    private static void Retries(StringBuilder md, State.SyncRunRecord run)
    {
        if (run.Retries.Total > 0)
        {
            md.Append(Invariant($"\nRetries of {Cell(run.Mapping)} (run {run.Id}): {run.Retries.Total} ({Cell(run.Retries.ToString())}).\n"));
        }
    }

    private static string Minimum(long? calls) => calls?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Duration(State.SyncRunRecord run)
        => run.FinishedAt is { } end ? Invariant($"{(end - run.StartedAt).TotalSeconds:0.#} s") : "-";

    /// <summary>Text made safe for a table cell: no line breaks, no column separators, no HTML.</summary>
    private static string Cell(string text)
        => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
