using System.Management.Automation;
using SfHsSync.Engine.Reports;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Writes the sync's history as one self-contained HTML report with charts.</para>
/// <para type="description">Reads the state (runs, API use, record errors, conflicts) and writes one HTML file that needs
/// no network: styles and SVG charts are inline. For each mapping (or the one -Mapping names) it draws the records
/// written per run to each side, stacked by create, update and delete; failed records per run by kind (the error code
/// the other side gave) with the table of open errors and hints; API calls per run to each side against the fewest a
/// run of that size needs, and the share of the Salesforce daily allowance and of HubSpot's rate limit; each run's
/// duration and throughput; and the latest conflicts with both values and the winner. Runs before -Since are left out.
/// Publish the file as a pipeline artifact, or open it in a browser.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "SyncReport", SupportsShouldProcess = true)]
[OutputType(typeof(SyncReportResult))]
public sealed class ExportSyncReportCommand : StateCommandBase
{
    /// <summary>The HTML file to write; an existing file is replaced.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>Only this mapping; by default every mapping the state holds, a section each.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    public string? Mapping { get; set; }

    /// <summary>Only runs (and conflicts) from this time on; a time without a zone is local time.</summary>
    [Parameter]
    public DateTime? Since { get; set; }

    /// <summary>Output what the report holds (file, mappings, runs, charts, open errors, conflicts).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var target = GetUnresolvedProviderPathFromPSPath(Path);
        var folder = System.IO.Path.GetDirectoryName(target);
        if (folder is { Length: > 0 } && !Directory.Exists(folder))
        {
            ThrowError("SyncReportFolderMissing", ErrorCategory.ObjectNotFound, $"-Path {Path}: the folder {folder} does not exist.", Path);
        }

        if (!ShouldProcess(target, "Write the sync report"))
        {
            return;
        }

        var options = new SyncReportOptions { Mapping = Mapping, Since = Since is { } since ? new DateTimeOffset(since) : null };
        WithState(store =>
        {
            if (Mapping is not null && !Run(ct => store.GetMappingsAsync(ct)).Contains(Mapping, StringComparer.Ordinal))
            {
                ThrowError("SyncReportMappingNotFound", ErrorCategory.ObjectNotFound, $"-Mapping {Mapping}: the state at {store.Location} holds nothing for it.", Mapping);
            }

            SyncReportResult result;
            try
            {
                result = Run(ct => SyncReport.ExportAsync(store, options, target, ct));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                ThrowError("SyncReportWriteFailed", ErrorCategory.WriteError, $"-Path {Path}: the report could not be written: {ex.Message}", Path, ex);
                throw;
            }

            WriteVerbose($"Wrote {result.Path}: {result.Runs} run(s) of {result.Mappings.Count} mapping(s), {result.Charts} chart(s).");
            if (PassThru)
            {
                WriteObject(result);
            }
        });
    }
}
