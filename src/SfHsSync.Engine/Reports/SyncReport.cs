using System.Text;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Reports;

/// <summary>What Export-SyncReport wrote: the file, the mappings and runs it covers, and the charts drawn.</summary>
public sealed record SyncReportResult(string Path, IReadOnlyList<string> Mappings, int Runs, int Charts, int OpenErrors, int Conflicts);

/// <summary>
/// The HTML run report (Export-SyncReport): per mapping, the records written per run to each side, failed records per
/// run by kind and the open errors, API calls against the minimum and the share of both services' limits, duration and
/// throughput, and the latest conflicts; drawn from the state alone, so it can be made anywhere the state is reachable.
/// </summary>
public static class SyncReport
{
    /// <summary>Reads the state and writes the report to <paramref name="path"/> (replacing the file), then says what it holds.</summary>
    public static async Task<SyncReportResult> ExportAsync(IStateStore store, SyncReportOptions options, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var data = await SyncReportData.LoadAsync(store, options, cancellationToken).ConfigureAwait(false);

        // Written beside the target and moved over it, so a report being opened is never half written.
        var full = System.IO.Path.GetFullPath(path);
        var temporary = full + ".tmp";
        await using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false)))
        {
            SyncReportHtml.Write(writer, data, options, store.Location);
        }

        File.Move(temporary, full, overwrite: true);
        var charted = data.Where(d => d.Runs.Count > 0).ToList();
        return new SyncReportResult(full, data.Select(d => d.Mapping).ToList(), data.Sum(d => d.Runs.Count),
            charted.Sum(d => SyncReportCharts.For(d).Count), data.Sum(d => d.OpenErrors.Count()), data.Sum(d => d.Conflicts.Count));
    }
}
