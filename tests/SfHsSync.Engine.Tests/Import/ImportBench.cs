using System.Globalization;
using System.Text.Json.Nodes;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Import;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Sandbox;

namespace SfHsSync.Engine.Tests.Import;

/// <summary>
/// The sandbox (Demo seed) hosted in-process, clients on it over HTTP, and state in a real SQLite file: everything an
/// import touches. HubSpot's ten-second limit is lifted and the client paced to match, so 250 batches take seconds.
/// </summary>
internal sealed class ImportBench : IAsyncDisposable
{
    public const string HsType = "2-1234567";

    private readonly string _statePath = Path.Combine(Path.GetTempPath(), $"sfhssync-import-{Guid.NewGuid():N}.db");
    private readonly List<string> _files = new();

    private ImportBench(SandboxServer server)
    {
        Server = server;
        Salesforce = new SalesforceClient(new SalesforceConnection(server.SalesforceUrl, SecretText.ToSecureString(server.Salesforce.DefaultAccessToken)),
            new SalesforceClientOptions { RetryDelay = TimeSpan.Zero, BulkPollInterval = TimeSpan.Zero });
        HubSpot = new HubSpotClient(new HubSpotConnection(server.HubSpotUrl, SecretText.ToSecureString(server.HubSpot.DefaultAccessToken)),
            new HubSpotClientOptions { InitialRequestsPerInterval = 100_000, TransientBackoff = TimeSpan.FromMilliseconds(20) });
    }

    public SandboxServer Server { get; }

    public SalesforceClient Salesforce { get; }

    public HubSpotClient HubSpot { get; }

    public IStateStore State { get; private set; } = null!;

    public static async Task<ImportBench> StartAsync(string seed = "Demo")
    {
        var options = new SandboxOptions { Seed = seed };
        options.HubSpot.TenSecondlyLimit = null;
        var bench = new ImportBench(await SandboxServer.StartAsync(options));
        bench.State = await StateStore.OpenAsync(StateLocation.Parse(bench._statePath), CancellationToken.None);
        return bench;
    }

    /// <summary>The Demo seed with Notes__c as a long text area (131,072 characters), longer than a HubSpot text property holds.</summary>
    public static async Task<ImportBench> StartWithLongNotesAsync()
    {
        var demo = JsonNode.Parse(SandboxSeed.DemoText())!;
        var salesforce = demo["salesforce"]!;
        var invoice = salesforce["objects"]!.AsArray().Single(o => (string?)o!["name"] == "Invoice__c")!;
        invoice["fields"]!.AsArray().Single(f => (string?)f!["name"] == "Notes__c")!["length"] = 131_072;
        var path = Path.Combine(Path.GetTempPath(), $"sfhssync-import-seed-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, demo.ToJsonString());
        var bench = await StartAsync(path);
        bench._files.Add(path);
        return bench;
    }

    public static SyncMapping Invoices(bool withNotes = false)
    {
        var mapping = new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices", ConflictWinner.Salesforce, SyncDirection.TwoWay, SyncDirection.TwoWay, "salesforce_id", "HubSpot_Id__c")
            .AddField("Name", "invoice_number")
            .AddField("Amount__c", "amount")
            .AddField("Tax_Rate__c", "tax_rate")
            .AddField("Due_Date__c", "due_date")
            .AddField("Sent_At__c", "sent_at")
            .AddField("Paid__c", "paid")
            .AddField("Status__c", "status")
            .AddField("Channels__c", "channels", SyncDirection.SalesforceToHubSpot)
            .AddField("Billing_Email__c", "billing_email");
        return withNotes ? mapping.AddField("Notes__c", "notes") : mapping;
    }

    /// <summary>Inserts invoices straight into the org (no API calls), all valid for HubSpot.</summary>
    public IReadOnlyList<string> SeedInvoices(int count, string prefix = "INV-I")
        => Server.Salesforce.InsertMany("Invoice__c", Enumerable.Range(1, count).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Name"] = $"{prefix}{i:D6}",
            ["Amount__c"] = 100m + (i % 5000) + 0.25m,
            ["Paid__c"] = i % 2 == 0,
            ["Status__c"] = i % 3 == 0 ? "Paid" : "Sent",
            ["Due_Date__c"] = new DateOnly(2025, 3, 1).AddDays(i % 28),
            ["Billing_Email__c"] = $"billing{i}@example.com",
        }));

    public int VoidInvoices => Server.Salesforce.Records("Invoice__c").Count(r => (string?)r["Status__c"] == "Void");

    public Task<MappingRuntime> RuntimeAsync(SyncMapping? mapping = null)
        => MappingRuntime.ResolveAsync(mapping ?? Invoices(), Salesforce, HubSpot, CancellationToken.None);

    public SalesforceImport Importer(ImportOptions? options = null, IStateStore? state = null, ISyncObserver? observer = null)
        => new(Salesforce, HubSpot, state ?? State, options, observer);

    public async Task<SyncImportResult> ImportAsync(ImportOptions? options = null, SyncMapping? mapping = null, CancellationToken stop = default)
        => await Importer(options).RunAsync(await RuntimeAsync(mapping), stop);

    public async Task<SyncRunResult> SyncAsync(SyncMapping? mapping = null)
        => await new SyncPass(Salesforce, HubSpot, State, new SyncOptions { HubSpotSearchLag = TimeSpan.Zero }).RunAsync(await RuntimeAsync(mapping), CancellationToken.None);

    public void ResetLogs()
    {
        Server.HubSpot.ResetRequestLog();
        Server.Salesforce.ResetRequests();
    }

    /// <summary>HubSpot's invoices as data: the Salesforce Id each carries, and its synced values (no ids or timestamps).</summary>
    public IReadOnlyDictionary<string, string> HubSpotInvoices()
    {
        var records = Server.HubSpot.Records(HsType);
        Assert.Equal(records.Count, records.Select(r => r.Properties.GetValueOrDefault("salesforce_id")).Distinct().Count());
        return records.ToDictionary(
            r => r.Properties.GetValueOrDefault("salesforce_id") ?? "(none) " + r.Id,
            r => string.Join("|", r.Properties.Where(p => !p.Key.StartsWith("hs_", StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
    }

    public int HubSpotCalls(string pathEnd) => Server.HubSpot.Requests.Count(r => r.Path.EndsWith(pathEnd, StringComparison.Ordinal));

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await State.DisposeAsync();
        Salesforce.Dispose();
        HubSpot.Dispose();
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in _files.Concat(new[] { _statePath, _statePath + "-wal", _statePath + "-shm" }))
        {
            File.Delete(file);
        }
    }
}
