using System.Management.Automation;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Reads sync mappings from YAML files.</para>
/// <para type="description">Reads each file whole: a file with an error gives no mappings, only an error naming the file,
/// line and column (SyncMappingYamlInvalid, SyncMappingYamlUnknownKey, SyncMappingFormatUnsupported and the name rules),
/// and the other files are still read. -Path takes wildcards; -LiteralPath (and Get-ChildItem output) does not.</para>
/// </summary>
[Cmdlet(VerbsData.Import, "SyncMapping", DefaultParameterSetName = PathSet)]
[OutputType(typeof(SyncMapping))]
public sealed class ImportSyncMappingCommand : SfHsSyncCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    /// <summary>The mapping files to read; wildcards are expanded.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>The mapping files to read, taken exactly as written.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = [];

    protected override void ProcessRecord()
    {
        foreach (var file in ResolveFiles())
        {
            try
            {
                foreach (var mapping in SyncMappingFile.Read(file))
                {
                    WriteObject(mapping);
                }
            }
            catch (SyncException ex)
            {
                WriteSyncError(ex);
            }
        }
    }

    private List<string> ResolveFiles()
    {
        var files = new List<string>();
        if (ParameterSetName == LiteralPathSet)
        {
            foreach (var literal in LiteralPath)
            {
                var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(literal, out var provider, out _);
                if (IsFileSystem(provider, literal))
                {
                    files.Add(path);
                }
            }

            return files;
        }

        foreach (var pattern in Path)
        {
            try
            {
                var resolved = GetResolvedProviderPathFromPSPath(pattern, out var provider);
                if (!IsFileSystem(provider, pattern))
                {
                    continue;
                }

                if (resolved.Count == 0)
                {
                    WriteNotFound(pattern);
                }

                files.AddRange(resolved);
            }
            catch (ItemNotFoundException)
            {
                WriteNotFound(pattern);
            }
        }

        return files;
    }

    private bool IsFileSystem(ProviderInfo provider, string path)
    {
        if (string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        WriteError(new ErrorRecord(new ArgumentException($"'{path}' is on the {provider.Name} drive; mapping files are read from the file system."), "SyncMappingPathNotFileSystem", ErrorCategory.InvalidArgument, path));
        return false;
    }

    private void WriteNotFound(string pattern)
        => WriteSyncError(new SyncException(SyncMappingFile.NotFoundErrorId, SyncErrorKind.ObjectNotFound, $"No mapping file matches '{pattern}'.", pattern));
}
