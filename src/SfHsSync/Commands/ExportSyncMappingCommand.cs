using System.Management.Automation;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Writes sync mappings to a YAML file.</para>
/// <para type="description">Collects every mapping piped in and writes them to one file: one mapping at the top level,
/// several as a set under 'mappings'. An existing file is replaced only with -Force (SyncMappingFileExists). The file is
/// written to a temporary file first and then moved into place, so a failure never leaves a half-written file.
/// -PassThru writes the file's FileInfo.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "SyncMapping", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportSyncMappingCommand : SfHsSyncCmdlet
{
    private readonly List<SyncMapping> _mappings = [];

    /// <summary>The mappings to write.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public SyncMapping[] Mapping { get; set; } = [];

    /// <summary>The file to write, e.g. ./mappings.yml.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>Replace the file when it exists.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write the file's FileInfo to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() => _mappings.AddRange(Mapping);

    protected override void EndProcessing()
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out var provider, out _);
        if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
        {
            ThrowError("SyncMappingPathNotFileSystem", ErrorCategory.InvalidArgument, $"'{Path}' is on the {provider.Name} drive; mapping files are written to the file system.", Path);
        }

        if (_mappings.Count == 0)
        {
            ThrowError("SyncMappingNoneToExport", ErrorCategory.InvalidArgument, $"No mapping reached Export-SyncMapping, so '{path}' was not written.", path);
        }

        if (!Force && File.Exists(path))
        {
            ThrowSyncError(new SyncException(SyncMappingFile.ExistsErrorId, SyncErrorKind.ResourceExists, $"The mapping file '{path}' already exists.", path)
            {
                RecommendedAction = "Use -Force to replace it, or choose another path.",
            });
        }

        var what = _mappings.Count == 1 ? $"Write mapping '{_mappings[0].Name}'" : $"Write {_mappings.Count} mappings ({string.Join(", ", _mappings.Select(m => m.Name))})";
        if (!ShouldProcess(path, what))
        {
            return;
        }

        try
        {
            var written = SyncMappingFile.Write(path, _mappings, Force);
            WriteVerbose($"{what} to '{written}'.");
            if (PassThru)
            {
                WriteObject(new FileInfo(written));
            }
        }
        catch (SyncException ex)
        {
            ThrowSyncError(ex);
        }
    }
}
