using SfHsSync.Engine.Connections;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Sandbox;

namespace SfHsSync.Engine.Tests.Sync.Support;

/// <summary>
/// One sandbox (Salesforce and HubSpot on loopback, hosted in this process), the engine's clients talking HTTP to it,
/// and a SQLite state file of its own: everything a sync pass needs, torn down with the file.
/// </summary>
internal sealed class SyncWorld : IAsyncDisposable
{
    public const string HubSpotType = "2-1234567";
    public const string Invoice = "Invoice__c";

    private SyncWorld(SandboxServer server, IStateStore state, string statePath, HubSpotClientOptions? hubSpotOptions)
    {
        Server = server;
        State = state;
        StatePath = statePath;
        Salesforce = new SalesforceClient(new SalesforceConnection(server.SalesforceUrl, SecretText.ToSecureString(server.Salesforce.DefaultAccessToken)),
            new SalesforceClientOptions { RetryDelay = TimeSpan.FromMilliseconds(50) });
        HubSpot = new HubSpotClient(new HubSpotConnection(server.HubSpotUrl, SecretText.ToSecureString(server.HubSpot.DefaultAccessToken)), hubSpotOptions);
    }

    public SandboxServer Server { get; }

    public SalesforceClient Salesforce { get; }

    public HubSpotClient HubSpot { get; }

    public IStateStore State { get; private set; }

    public string StatePath { get; }

    public SfHsSync.Sandbox.Salesforce.SalesforceOrg Org => Server.Salesforce;

    public SfHsSync.Sandbox.HubSpot.HubSpotAccount Account => Server.HubSpot;

    /// <summary>A world whose state is a new SQLite file, or the state at <paramref name="stateLocation"/> (a PostgreSQL connection string, say).</summary>
    public static async Task<SyncWorld> StartAsync(SandboxOptions? options = null, HubSpotClientOptions? hubSpotOptions = null, string? stateLocation = null)
    {
        var server = await SandboxServer.StartAsync(options ?? new SandboxOptions());
        var path = stateLocation ?? Path.Combine(Path.GetTempPath(), $"sfhssync-proof-{Guid.NewGuid():N}.db");
        var state = await StateStore.OpenAsync(StateLocation.Parse(path), CancellationToken.None);
        return new SyncWorld(server, state, path, hubSpotOptions);
    }

    /// <summary>One pass through the engine; the HubSpot search lag is zero because the sandbox indexes at once.</summary>
    public async Task<SyncRunResult> PassAsync(SyncMapping mapping, SyncOptions? options = null)
    {
        var runtime = await MappingRuntime.ResolveAsync(mapping, Salesforce, HubSpot, CancellationToken.None);
        return await new SyncPass(Salesforce, HubSpot, State, options ?? new SyncOptions { HubSpotSearchLag = TimeSpan.Zero }).RunAsync(runtime, CancellationToken.None);
    }

    /// <summary>Closes the state store and opens it again, as a new process would find the file.</summary>
    public async Task ReopenStateAsync()
    {
        await State.DisposeAsync();
        State = await StateStore.OpenAsync(StateLocation.Parse(StatePath), CancellationToken.None);
    }

    public void ResetRequestLogs()
    {
        Account.ResetRequestLog();
        Org.ResetRequests();
    }

    public ApiTraffic Traffic() => ApiTraffic.Of(Org.Requests.Entries, Account.Requests);

    public async ValueTask DisposeAsync()
    {
        await State.DisposeAsync();
        Salesforce.Dispose();
        HubSpot.Dispose();
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in File.Exists(StatePath) ? new[] { StatePath, StatePath + "-wal", StatePath + "-shm" } : [])
        {
            File.Delete(file);
        }
    }
}
