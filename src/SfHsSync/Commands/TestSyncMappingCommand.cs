using System.Management.Automation;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.Validation;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Checks sync mappings against both live schemas before they touch any data.</para>
/// <para type="description">Reads the Salesforce describe and the HubSpot schemas and properties once for every mapping
/// given (from the pipeline or from YAML files with -Path) and checks them together: objects exist and are supported,
/// at most 10 mappings per HubSpot account, fields and properties exist, required properties are filled, lookups go
/// through associations, types fit, directions can be written, picklist values and text lengths fit, associations reach
/// records that sync, and creates are keyed so a retry cannot duplicate. Each finding is a SyncDiagnostic with a stable
/// RuleId (SF001 SalesforceObjectMissing, FD002 HubSpotPropertyMissing...), a Severity, the mapping, the part of it, a
/// message, a suggested fix, and the file and line it came from. -Quiet returns only $true (no errors) or $false; a
/// file that cannot be read makes it $false too (its error, naming the line, is still written).
/// -PassThru writes each mapping that has no errors on down the pipeline (its errors go to the error stream, warnings
/// to the warning stream), so "Test-SyncMapping -PassThru | Start-Sync" runs only what passed. Under Azure Pipelines
/// (TF_BUILD set) each error and warning is also written to the host as a ##vso[task.logissue] line pointing at the
/// file and line.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SyncMapping", DefaultParameterSetName = MappingSet)]
[OutputType(typeof(SyncDiagnostic), typeof(bool), typeof(SyncMapping))]
public sealed class TestSyncMappingCommand : SfHsSyncCmdlet
{
    private const string MappingSet = "Mapping";
    private const string PathSet = "Path";
    private const string HostTag = "PSHOST";

    private readonly List<SyncMapping> _mappings = [];
    private bool _inputFailed;
    private bool _onAzurePipelines;

    /// <summary>The mappings to check, usually from the pipeline (New-SyncMapping, Add-FieldMapping, Import-SyncMapping).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = MappingSet)]
    [ValidateNotNull]
    public SyncMapping[] Mapping { get; set; } = [];

    /// <summary>YAML mapping files to check (wildcards are expanded); file items piped in bind by FullName.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>The Salesforce org; by default the current connection (Connect-Salesforce, Start-SyncSandbox) or SFHSSYNC_SF_* variables.</summary>
    [Parameter]
    public Engine.Connections.SalesforceConnection? SalesforceConnection { get; set; }

    /// <summary>The HubSpot account; by default the current connection (Connect-HubSpot, Start-SyncSandbox) or SFHSSYNC_HS_* variables.</summary>
    [Parameter]
    public Engine.Connections.HubSpotConnection? HubSpotConnection { get; set; }

    /// <summary>Return only $true when no mapping has an error, else $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <summary>Write on each mapping that has no errors, instead of the diagnostics.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        if (Quiet && PassThru)
        {
            ThrowError("TestSyncMappingSwitchConflict", ErrorCategory.InvalidArgument,
                "-Quiet and -PassThru cannot be used together: -Quiet returns one Boolean, -PassThru the mappings that have no errors.");
        }

        _onAzurePipelines = AzureDevOpsIssue.IsAzurePipelines();
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == MappingSet)
        {
            _mappings.AddRange(Mapping);
            return;
        }

        foreach (var file in ResolveFiles())
        {
            try
            {
                _mappings.AddRange(SyncMappingFile.Read(file));
            }
            catch (SyncException ex)
            {
                // A file that cannot be read is a failed check, not the end of the run: the other files are still tested.
                _inputFailed = true;
                WriteToPipelineLog(AzureDevOpsIssue.Format(ex));
                WriteSyncError(ex);
            }
        }
    }

    protected override void EndProcessing()
    {
        if (_mappings.Count == 0)
        {
            if (Quiet)
            {
                WriteObject(!_inputFailed);
            }

            return;
        }

        var diagnostics = Validate();
        foreach (var diagnostic in diagnostics)
        {
            WriteToPipelineLog(AzureDevOpsIssue.Format(diagnostic));
        }

        if (Quiet)
        {
            WriteObject(!_inputFailed && !diagnostics.Any(d => d.IsError));
            return;
        }

        if (!PassThru)
        {
            foreach (var diagnostic in diagnostics)
            {
                WriteObject(diagnostic);
            }

            return;
        }

        foreach (var diagnostic in diagnostics)
        {
            Report(diagnostic);
        }

        var failed = diagnostics.Where(d => d.IsError).Select(d => d.Mapping).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var mapping in _mappings.Where(m => !failed.Contains(m.Name)))
        {
            WriteObject(mapping);
        }
    }

    private IReadOnlyList<SyncDiagnostic> Validate()
    {
        Engine.Connections.SalesforceConnection salesforceConnection;
        Engine.Connections.HubSpotConnection hubSpotConnection;
        try
        {
            salesforceConnection = SalesforceSession.Resolve(SalesforceConnection);
            hubSpotConnection = Engine.Connections.HubSpotConnection.Resolve(HubSpotConnection, SessionConnections.HubSpot);
        }
        catch (SyncException ex)
        {
            ThrowSyncError(ex);
            throw; // unreachable: ThrowTerminatingError does not return
        }

        using var salesforce = new SalesforceClient(salesforceConnection);
        using var hubSpot = new HubSpotClient(hubSpotConnection);
        var source = new ConnectedSchemaSource(salesforce, hubSpot);
        var diagnostics = Run(ct => MappingValidator.Default.ValidateAsync(_mappings, source, ct))
            .Concat(ApiVersionSunset.Check(_mappings, hubSpotConnection.ApiVersion, DateOnly.FromDateTime(DateTime.UtcNow)))
            .ToList();
        WriteVerbose($"Checked {_mappings.Count} mapping(s) with {MappingValidator.Default.Rules.Count} rules: " +
                     $"{salesforce.ApiCallCount} Salesforce and {hubSpot.ApiCallCount} HubSpot calls.");
        return diagnostics;
    }

    /// <summary>With -PassThru the output is mappings, so findings go to the streams made for them.</summary>
    private void Report(SyncDiagnostic diagnostic)
    {
        switch (diagnostic.Severity)
        {
            case DiagnosticSeverity.Error:
                var error = new SyncException(diagnostic.Rule, SyncErrorKind.InvalidData, diagnostic.ToString(), diagnostic)
                {
                    RecommendedAction = diagnostic.Suggestion,
                };
                var record = ToErrorRecord(error);
                record.ErrorDetails ??= new ErrorDetails(error.Message);
                WriteError(record);
                break;
            case DiagnosticSeverity.Warning:
                WriteWarning(diagnostic.ToString());
                break;
            default:
                WriteVerbose(diagnostic.ToString());
                break;
        }
    }

    /// <summary>Writes an Azure Pipelines logging command to the host (as Write-Host does), only on an Azure Pipelines agent.</summary>
    private void WriteToPipelineLog(string? line)
    {
        if (_onAzurePipelines && line is not null)
        {
            WriteInformation(new HostInformationMessage { Message = line }, [HostTag]);
        }
    }

    private List<string> ResolveFiles()
    {
        var files = new List<string>();
        foreach (var pattern in Path)
        {
            try
            {
                var resolved = GetResolvedProviderPathFromPSPath(pattern, out var provider);
                if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
                {
                    _inputFailed = true;
                    WriteError(new ErrorRecord(new ArgumentException($"'{pattern}' is on the {provider.Name} drive; mapping files are read from the file system."),
                        "SyncMappingPathNotFileSystem", ErrorCategory.InvalidArgument, pattern));
                    continue;
                }

                if (resolved.Count == 0)
                {
                    NotFound(pattern);
                }

                files.AddRange(resolved);
            }
            catch (ItemNotFoundException)
            {
                NotFound(pattern);
            }
        }

        return files;
    }

    private void NotFound(string pattern)
    {
        _inputFailed = true;
        WriteSyncError(new SyncException(SyncMappingFile.NotFoundErrorId, SyncErrorKind.ObjectNotFound, $"No mapping file matches '{pattern}'.", pattern));
    }
}
