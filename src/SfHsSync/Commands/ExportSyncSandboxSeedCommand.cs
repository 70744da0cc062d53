using System.Management.Automation;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.Sandbox.Seeds;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Writes the schema (and a masked sample of records) of real Salesforce and HubSpot objects to a sandbox seed file.</para>
/// <para type="description">Reads, through the current connections, the describe of each Salesforce object (fields, types,
/// lengths, picklists, lookups, external ids, formula and auto-number fields, create-only and read-only fields, record
/// types) and the schema and properties of each HubSpot object (types, options, unique properties, association labels),
/// and with -SampleRecords that many records of each, lookups and associations kept inside the sample. -Mask replaces the
/// values of the fields named with generated ones of the same kind. Mappings piped in add the objects they name and the
/// targets of their associations. Start-SyncSandbox -Seed starts from the file. No token, secret or user id enters it:
/// lookups to users and HubSpot owner properties are left out, and the sandbox gives records its own user.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "SyncSandboxSeed", SupportsShouldProcess = true)]
[OutputType(typeof(SandboxSeedExport))]
public sealed class ExportSyncSandboxSeedCommand : SfHsSyncCmdlet
{
    private readonly List<SyncMapping> _mappings = [];

    /// <summary>The seed file to write, e.g. ./my.seed.json.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>Salesforce objects by API name, e.g. Invoice__c, Account.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] SalesforceObject { get; set; } = [];

    /// <summary>HubSpot objects by name, objectTypeId or fully qualified name, e.g. invoices, companies.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] HubSpotObject { get; set; } = [];

    /// <summary>Mappings whose objects (and association targets) to export, e.g. from Import-SyncMapping.</summary>
    [Parameter(ValueFromPipeline = true)]
    public SyncMapping[] Mapping { get; set; } = [];

    /// <summary>How many records of each object to put in the seed (0, the default, writes the schema alone).</summary>
    [Parameter]
    [ValidateRange(0, 10_000)]
    public int SampleRecords { get; set; }

    /// <summary>Fields and properties whose values are replaced by generated ones: Email (any object, both sides) or Contact.Email.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] Mask { get; set; } = [];

    /// <summary>Replace the file when it exists.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>The Salesforce org; by default the current connection (Connect-Salesforce, Start-SyncSandbox) or SFHSSYNC_SF_* variables.</summary>
    [Parameter]
    public SalesforceConnection? SalesforceConnection { get; set; }

    /// <summary>The HubSpot account; by default the current connection (Connect-HubSpot, Start-SyncSandbox) or SFHSSYNC_HS_* variables.</summary>
    [Parameter]
    public HubSpotConnection? HubSpotConnection { get; set; }

    protected override void ProcessRecord() => _mappings.AddRange(Mapping);

    protected override void EndProcessing()
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out var provider, out _);
        if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
        {
            ThrowError("SyncSandboxSeedPathNotFileSystem", ErrorCategory.InvalidArgument, $"'{Path}' is on the {provider.Name} drive; seeds are written to the file system.", Path);
        }

        var request = SandboxSeedExporter.ForMappings(_mappings, new SeedExportRequest
        {
            SalesforceObjects = SalesforceObject, HubSpotObjects = HubSpotObject, SampleRecords = SampleRecords, Mask = Mask,
        });
        if (request.SalesforceObjects.Count == 0 && request.HubSpotObjects.Count == 0)
        {
            ThrowError("SyncSandboxSeedNothingToExport", ErrorCategory.InvalidArgument, "Name -SalesforceObject, -HubSpotObject or pipe in mappings: there is nothing to export.", path);
        }

        if (!Force && File.Exists(path))
        {
            ThrowError("SyncSandboxSeedExists", ErrorCategory.ResourceExists, $"The seed file '{path}' already exists; use -Force to replace it.", path);
        }

        var what = $"Export {string.Join(", ", request.SalesforceObjects.Concat(request.HubSpotObjects))}" + (SampleRecords > 0 ? $" with up to {SampleRecords} records each" : " (schema only)");
        if (!ShouldProcess(path, what))
        {
            return;
        }

        using var salesforce = request.SalesforceObjects.Count == 0 ? null : new SalesforceClient(Resolve(() => SalesforceSession.Resolve(SalesforceConnection)));
        using var hubSpot = request.HubSpotObjects.Count == 0 ? null : new HubSpotClient(Resolve(() => Engine.Connections.HubSpotConnection.Resolve(HubSpotConnection, SessionConnections.HubSpot)));
        var export = Run(ct => SandboxSeedExporter.ExportAsync(salesforce, hubSpot, request, path, ct));
        foreach (var note in export.Notes)
        {
            WriteWarning(note);
        }

        WriteVerbose($"{what} to '{export.Path}': {export.SalesforceApiCalls} Salesforce and {export.HubSpotApiCalls} HubSpot calls.");
        WriteObject(export);
    }

    private T Resolve<T>(Func<T> resolve)
    {
        try
        {
            return resolve();
        }
        catch (SyncException ex)
        {
            ThrowSyncError(ex);
            throw; // unreachable: ThrowTerminatingError does not return
        }
    }
}
