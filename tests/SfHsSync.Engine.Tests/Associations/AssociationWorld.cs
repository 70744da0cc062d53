using SfHsSync.Engine.Connections;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Sandbox;
using SfHsSync.Sandbox.HubSpot;

namespace SfHsSync.Engine.Tests.Associations;

/// <summary>
/// The Demo sandbox on loopback, the engine's clients over HTTP, a SQLite state file, and the Demo names the
/// association proofs speak of: invoices (2-1234567) whose Account__c lookup becomes an invoice-company association.
/// </summary>
internal sealed class AssociationWorld : IAsyncDisposable
{
    public const string Invoices = "2-1234567";
    public const string Companies = "0-2";

    private readonly List<string> _warnings = new();

    private AssociationWorld(SandboxServer server, IStateStore state, string statePath, HubSpotApiVersion? version = null)
    {
        Server = server;
        State = state;
        StatePath = statePath;
        Salesforce = new SalesforceClient(new SalesforceConnection(server.SalesforceUrl, SecretText.ToSecureString(server.Salesforce.DefaultAccessToken)));
        HubSpot = new HubSpotClient(new HubSpotConnection(server.HubSpotUrl, SecretText.ToSecureString(server.HubSpot.DefaultAccessToken))
        {
            ApiVersion = version ?? HubSpotApiVersion.Default,
        });
    }

    public SandboxServer Server { get; }

    public SalesforceClient Salesforce { get; }

    public HubSpotClient HubSpot { get; }

    public IStateStore State { get; }

    public string StatePath { get; }

    public HubSpotAccount Account => Server.HubSpot;

    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>The world with the engine speaking <paramref name="version"/> (default 2026-09) to a sandbox serving <paramref name="served"/> (default all).</summary>
    public static async Task<AssociationWorld> StartAsync(HubSpotApiVersion? version = null, params string[] served)
    {
        var options = new SandboxOptions();
        options.HubSpot.ApiVersions = served.Length == 0 ? null : served.ToList();
        var server = await SandboxServer.StartAsync(options);
        var path = Path.Combine(Path.GetTempPath(), $"sfhssync-assoc-{Guid.NewGuid():N}.db");
        return new AssociationWorld(server, await StateStore.OpenAsync(StateLocation.Parse(path), CancellationToken.None), path, version);
    }

    /// <summary>Invoices synced by the fields every Demo invoice can carry (Void ones fail on status, as in the seed).</summary>
    public static SyncMapping InvoiceMapping(AssociationMapping association, ConflictWinner winner = ConflictWinner.Salesforce)
        => new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices", winner, SyncDirection.TwoWay, SyncDirection.None, "salesforce_id", "HubSpot_Id__c")
            .AddField("Name", "invoice_number")
            .AddField("Amount__c", "amount")
            .AddField("Status__c", "status")
            .AddAssociation(association);

    public static AssociationMapping ByCompanyProperty(SyncDirection direction = SyncDirection.SalesforceToHubSpot)
        => new("Account__c", "companies", targetIdProperty: "salesforceaccountid", direction: direction);

    public async Task<SyncRunResult> PassAsync(SyncMapping mapping, SyncOptions? options = null)
    {
        var runtime = await MappingRuntime.ResolveAsync(mapping, Salesforce, HubSpot, CancellationToken.None);
        return await new SyncPass(Salesforce, HubSpot, State, options ?? new SyncOptions { HubSpotSearchLag = TimeSpan.Zero }, new WarningLog(_warnings)).RunAsync(runtime, CancellationToken.None);
    }

    public async Task<List<SyncPlanItem>> PreviewAsync(SyncMapping mapping, SyncOptions? options = null)
    {
        var runtime = await MappingRuntime.ResolveAsync(mapping, Salesforce, HubSpot, CancellationToken.None);
        var items = new List<SyncPlanItem>();
        await foreach (var item in new SyncPass(Salesforce, HubSpot, State, options ?? new SyncOptions { HubSpotSearchLag = TimeSpan.Zero }).PreviewAsync(runtime, CancellationToken.None))
        {
            items.Add(item);
        }

        return items;
    }

    /// <summary>Invoices that are not Void (the ones HubSpot can hold), in Id order.</summary>
    public IReadOnlyList<global::SfHsSync.Sandbox.Salesforce.Data.SObjectRecord> SyncableInvoices()
        => Server.Salesforce.Records("Invoice__c").Where(r => (string?)r["Status__c"] != "Void").OrderBy(r => r.Id, StringComparer.Ordinal).ToList();

    public string InvoiceInHubSpot(string salesforceId) => Account.FindRecordByUniqueValue(Invoices, "salesforce_id", salesforceId)!.Id;

    /// <summary>The Demo company carrying a Salesforce Account Id.</summary>
    public string CompanyOf(string accountId) => Account.Records("companies").Single(c => c.Properties.GetValueOrDefault("salesforceaccountid") == accountId).Id;

    public IReadOnlyList<string> CompaniesOfInvoice(string hubSpotInvoiceId) => Account.AssociatedIds(Invoices, hubSpotInvoiceId, "companies");

    /// <summary>HubSpot calls answered since the last reset whose path template ends with <paramref name="suffix"/> and contains <paramref name="part"/>.</summary>
    public int HubSpotCalls(string part, string suffix)
        => Account.Requests.Count(r => r.PathTemplate.Contains(part, StringComparison.Ordinal) && r.PathTemplate.EndsWith(suffix, StringComparison.Ordinal));

    public int SalesforceCollectionUpdates()
        => Server.Salesforce.Requests.Entries.Count(r => r.Method == "PATCH" && r.Path.EndsWith("/composite/sobjects", StringComparison.Ordinal));

    public void ResetRequestLogs()
    {
        Account.ResetRequestLog();
        Server.Salesforce.ResetRequests();
    }

    public async ValueTask DisposeAsync()
    {
        await State.DisposeAsync();
        Salesforce.Dispose();
        HubSpot.Dispose();
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { StatePath, StatePath + "-wal", StatePath + "-shm" })
        {
            File.Delete(file);
        }
    }

    private sealed class WarningLog(List<string> warnings) : ISyncObserver
    {
        public void Progress(string mapping, string stage, long done, long? total)
        {
        }

        public void Verbose(string message)
        {
        }

        public void Warning(string message)
        {
            lock (warnings)
            {
                warnings.Add(message);
            }
        }
    }
}
