using System.Globalization;
using System.Net;
using System.Text;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Reports;

/// <summary>
/// Writes the report as one self-contained HTML page: styles inline, every chart an inline SVG, no script and no
/// reference to anything outside the file, so it opens offline, as a pipeline artifact or an e-mail attachment.
/// </summary>
internal static class SyncReportHtml
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; background: #fafafa; }
        h1 { font-size: 1.5rem; margin-bottom: 0.2rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #ddd; } h3 { margin-top: 1.5rem; }
        .meta { color: #666; } figure.chart { background: #fff; border: 1px solid #ddd; margin: 1rem 0; padding: 0.5rem; max-width: 920px; }
        figure.chart svg { width: 100%; height: auto; display: block; } figcaption { color: #555; font-size: 0.9rem; }
        table { border-collapse: collapse; background: #fff; font-size: 0.85rem; margin: 0.5rem 0; }
        th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; } th { background: #f0f0f0; }
        td.num { text-align: right; } .empty { color: #666; font-style: italic; }
        """;

    public static void Write(TextWriter writer, IReadOnlyList<SyncReportData> mappings, SyncReportOptions options, string location)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>SfHsSync report</title>\n<style>\n")
            .Append(Style).Append("</style>\n</head>\n<body>\n<h1>SfHsSync report</h1>\n<p class=\"meta\">")
            .Append(Text($"State {location}; made {options.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC"))
            .Append(options.Since is { } since ? Text($"; runs since {since.UtcDateTime:yyyy-MM-dd HH:mm} UTC") : string.Empty)
            .Append(".</p>\n");
        if (mappings.Count == 0)
        {
            html.Append("<p class=\"empty\">The state holds no mapping yet.</p>\n");
        }

        var charts = 0;
        foreach (var data in mappings)
        {
            charts = Mapping(html, data, charts);
        }

        html.Append("</body>\n</html>\n");
        writer.Write(html.ToString());
    }

    /// <summary>One mapping's section; <paramref name="charts"/> counts the page's charts so far, which keeps their SVG ids apart.</summary>
    private static int Mapping(StringBuilder html, SyncReportData data, int charts)
    {
        html.Append("<section class=\"mapping\" data-mapping=\"").Append(Text(data.Mapping)).Append("\">\n<h2>").Append(Text(data.Mapping)).Append("</h2>\n");
        if (data.Runs.Count == 0)
        {
            html.Append("<p class=\"empty\">No runs in this period.</p>\n");
        }
        else
        {
            var last = data.Runs[^1];
            html.Append("<p class=\"meta\">").Append(Text(string.Create(CultureInfo.InvariantCulture,
                $"{data.Runs.Count} run(s) from {data.Runs[0].StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} to {last.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC; the latest, #{last.Id}, {last.State}."))).Append("</p>\n");
            foreach (var chart in SyncReportCharts.For(data))
            {
                html.Append("<figure class=\"chart\" data-chart=\"").Append(chart.Id).Append("\">\n").Append(SvgChart.Render(chart.Model, string.Create(CultureInfo.InvariantCulture, $"chart{++charts}")))
                    .Append("\n<figcaption>").Append(Text(chart.Caption)).Append("</figcaption>\n</figure>\n");
            }
        }

        OpenErrors(html, data);
        Conflicts(html, data);
        Retries(html, data);
        html.Append("</section>\n");
        return charts;
    }

    private static void OpenErrors(StringBuilder html, SyncReportData data)
    {
        var open = data.OpenErrors.OrderBy(FailureKind.Of, StringComparer.Ordinal).ThenBy(e => e.RecordId, StringComparer.Ordinal).ToList();
        html.Append("<h3>Open errors</h3>\n");
        Table(html, "errors", open.Count == 0 ? "No record is waiting to be retried." : null,
            new[] { "kind", "code", "side", "record", "operation", "message", "hint", "attempts", "first seen", "last seen", "run" },
            open.Select(e => new[]
            {
                FailureKind.Of(e), e.ErrorCode, e.Side.ToString(), e.RecordId, e.Operation, e.Message, FailureKind.Hint(e) ?? string.Empty,
                e.Attempts.ToString(CultureInfo.InvariantCulture), Time(e.FirstSeen), Time(e.LastSeen), e.RunId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            }));
    }

    private static void Conflicts(StringBuilder html, SyncReportData data)
    {
        html.Append("<h3>Latest conflicts</h3>\n");
        Table(html, "conflicts", data.Conflicts.Count == 0 ? "No field changed on both sides in this period." : null,
            new[] { "at", "run", "Salesforce record", "HubSpot record", "field", "Salesforce value", "HubSpot value", "winner" },
            data.Conflicts.Select(c => new[]
            {
                Time(c.At), c.RunId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, c.SalesforceId, c.HubSpotId ?? string.Empty,
                c.Field, c.SalesforceValue ?? "(empty)", c.HubSpotValue ?? "(empty)", c.Winner.ToString(),
            }));
    }

    /// <summary>The runs whose clients sent calls again (or whose state store waited), with their retries by kind.</summary>
    private static void Retries(StringBuilder html, SyncReportData data)
    {
        var retried = data.Runs.Where(r => r.Retries.Total > 0).ToList();
        html.Append("<h3>Retries</h3>\n");
        Table(html, "retries", retried.Count == 0 ? "No call was sent again in this period." : null,
            new[] { "run", "started", "state", "retries", "by kind" },
            retried.Select(r => new[]
            {
                r.Id.ToString(CultureInfo.InvariantCulture), Time(r.StartedAt), r.State.ToString(), r.Retries.Total.ToString(CultureInfo.InvariantCulture), r.Retries.ToString(),
            }));
    }

    private static void Table(StringBuilder html, string id, string? whenEmpty, IReadOnlyList<string> headings, IEnumerable<string[]> rows)
    {
        if (whenEmpty is not null)
        {
            html.Append("<p class=\"empty\" data-table=\"").Append(id).Append("\">").Append(Text(whenEmpty)).Append("</p>\n");
            return;
        }

        html.Append("<table data-table=\"").Append(id).Append("\">\n<tr>");
        foreach (var heading in headings)
        {
            html.Append("<th>").Append(Text(heading)).Append("</th>");
        }

        html.Append("</tr>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(Text(cell)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Text(string value) => WebUtility.HtmlEncode(value);
}
