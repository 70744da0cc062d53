using System.Text.Json;
using System.Text.Json.Nodes;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Engine.Sandbox.Seeds;

/// <summary>What an export wrote.</summary>
public sealed record SandboxSeedExport(
    string Path,
    IReadOnlyList<string> SalesforceObjects,
    IReadOnlyList<string> HubSpotObjects,
    int SalesforceRecords,
    int HubSpotRecords,
    int MaskedValues,
    IReadOnlyList<string> Notes)
{
    /// <summary>Calls the export made to each service (describe, queries, schemas, lists, labels, association reads).</summary>
    public long SalesforceApiCalls { get; init; }

    public long HubSpotApiCalls { get; init; }
}

/// <summary>
/// Reads the schema (and a sample of records) of the objects asked for off the current connections and writes them as a
/// sandbox seed (docs/sandbox-seeds.md). Nothing of a connection enters the seed: no URL, token or secret, and no user
/// ids (lookups to users and HubSpot owner properties are left out; the sandbox gives records its own user).
/// </summary>
public static class SandboxSeedExporter
{
    /// <summary>The request for the objects a mapping names: both objects and the targets of its associations.</summary>
    public static SeedExportRequest ForMappings(IEnumerable<SyncMapping> mappings, SeedExportRequest basis)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        ArgumentNullException.ThrowIfNull(basis);
        var list = mappings.ToList();
        return basis with
        {
            SalesforceObjects = basis.SalesforceObjects.Concat(list.Select(m => m.SalesforceObject)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
            SalesforceLookups = basis.SalesforceLookups.Concat(list.SelectMany(m => m.Associations.Select(a => $"{m.SalesforceObject}.{a.SalesforceField}"))).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
            HubSpotObjects = basis.HubSpotObjects.Concat(list.SelectMany(m => m.Associations.Select(a => a.HubSpotObject).Prepend(m.HubSpotObject))).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
        };
    }

    public static async Task<SandboxSeedExport> ExportAsync(SalesforceClient? salesforce, HubSpotClient? hubSpot, SeedExportRequest request, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var sfObjects = salesforce is null ? request.SalesforceObjects : await WithLookupTargetsAsync(salesforce, request, cancellationToken).ConfigureAwait(false);
        Require(salesforce is not null || sfObjects.Count == 0, "Salesforce", "Connect-Salesforce");
        Require(hubSpot is not null || request.HubSpotObjects.Count == 0, "HubSpot", "Connect-HubSpot");
        var notes = new List<string>();
        var sf = salesforce is null ? [] : await SalesforceSeedHalf.ReadAsync(salesforce, sfObjects, request.SampleRecords, notes, cancellationToken).ConfigureAwait(false);
        var hs = hubSpot is null ? new HubSpotSeedRead([], [], []) : await HubSpotSeedHalf.ReadAsync(hubSpot, request.HubSpotObjects, request.SampleRecords, cancellationToken).ConfigureAwait(false);
        var mask = new SeedMask(request.Mask, request.MaskSeed);
        SalesforceSeedHalf.NoteMasked(sf, mask);
        HubSpotSeedHalf.NoteMasked(hs, mask);
        var root = new JsonObject
        {
            ["$schema"] = "https://sfhssync.invalid/schemas/sandbox-seed.schema.json",
            ["$comment"] = "Exported by Export-SyncSandboxSeed. The format: docs/sandbox-seeds.md.",
            ["formatVersion"] = 1,
            ["salesforce"] = SalesforceSeedHalf.ToJson(sf, mask),
            ["hubspot"] = HubSpotSeedHalf.ToJson(hs, mask),
        };
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        await File.WriteAllTextAsync(temporary, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, full, overwrite: true);
        return new SandboxSeedExport(
            full,
            sf.Select(o => o.Description.Name).ToArray(),
            hs.Objects.Select(o => o.Schema.Name).ToArray(),
            sf.Sum(o => o.Records.Count),
            hs.Objects.Sum(o => o.Records.Count),
            mask.Originals.Count,
            notes)
        {
            SalesforceApiCalls = salesforce?.ApiCallCount ?? 0,
            HubSpotApiCalls = hubSpot?.ApiCallCount ?? 0,
        };
    }

    /// <summary>The Salesforce objects asked for, then the targets of the lookups named (users and groups never).</summary>
    private static async Task<IReadOnlyList<string>> WithLookupTargetsAsync(SalesforceClient client, SeedExportRequest request, CancellationToken cancellationToken)
    {
        var objects = request.SalesforceObjects.ToList();
        foreach (var lookup in request.SalesforceLookups)
        {
            var dot = lookup.IndexOf('.', StringComparison.Ordinal);
            var description = await client.DescribeAsync(lookup[..dot], cancellationToken).ConfigureAwait(false);
            var field = description.FindField(lookup[(dot + 1)..]);
            objects.AddRange(field?.ReferenceTo.Where(t => t is not ("User" or "Group")) ?? []);
        }

        return objects.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    private static void Require(bool connected, string service, string command)
    {
        if (!connected)
        {
            throw new SyncException($"{service}NotConnected", SyncErrorKind.InvalidOperation,
                $"Objects of {service} were asked for, but there is no {service} connection. Run {command} (or Start-SyncSandbox) first.");
        }
    }
}
