using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SfHsSync.Sandbox.HubSpot;
using SfHsSync.Sandbox.Salesforce;

namespace SfHsSync.Sandbox;

/// <summary>
/// Both emulated services, each a Kestrel app on its own loopback port. Tests host it in-process;
/// the executable (Program) hosts it for Start-SyncSandbox.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private WebApplication _salesforceApp;
    private WebApplication _hubSpotApp;
    private bool _stopped;

    private SandboxServer(WebApplication sf, WebApplication hs, SalesforceOrg org, HubSpotAccount account)
    {
        _salesforceApp = sf;
        _hubSpotApp = hs;
        Salesforce = org;
        HubSpot = account;
        SalesforceUrl = ListeningUrl(sf);
        HubSpotUrl = ListeningUrl(hs);
    }

    /// <summary>Base URL of the Salesforce half (the instance URL and the login URL).</summary>
    public Uri SalesforceUrl { get; }

    /// <summary>Base URL of the HubSpot half (what HubSpot calls api.hubapi.com).</summary>
    public Uri HubSpotUrl { get; }

    /// <summary>The emulated org: its data, request counters, faults and tokens.</summary>
    public SalesforceOrg Salesforce { get; }

    /// <summary>The emulated HubSpot account: its data, request counters, limits and tokens.</summary>
    public HubSpotAccount HubSpot { get; }

    public static async Task<SandboxServer> StartAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxOptions();
        HubSpotApiVersions.Checked(options.HubSpot.ApiVersions);
        var (sfSeed, hsSeed) = SandboxSeed.Load(options.Seed);
        var org = SalesforceOrg.Create(sfSeed, options.Salesforce);
        var account = HubSpotAccount.Create(hsSeed, options.HubSpot);

        var sfApp = Build(options.SalesforcePort, app => SalesforceEndpoints.Map(app, org));
        var hsApp = Build(options.HubSpotPort, app => HubSpotEndpoints.Map(app, account));
        await sfApp.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await hsApp.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await sfApp.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var server = new SandboxServer(sfApp, hsApp, org, account);
        org.BaseUrl = server.SalesforceUrl;
        account.BaseUrl = server.HubSpotUrl;
        return server;
    }

    private static WebApplication Build(int port, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(System.Net.IPAddress.Loopback, port);
            k.Limits.MaxRequestBodySize = 512L * 1024 * 1024;
        });
        builder.Services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(_ => { });
        var app = builder.Build();
        map(app);
        return app;
    }

    private static Uri ListeningUrl(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var first = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        return new Uri(first.EndsWith('/') ? first : first + "/");
    }

    /// <summary>
    /// Stops serving, as a restarting service does: both hosts stop listening (new connections are refused) until
    /// <see cref="StartServingAsync"/>; calls in flight are answered first, or with <paramref name="immediately"/> their
    /// connections are dropped, as a crashed process's are. The world (records, tokens, limits) is kept, as a real
    /// service keeps its data across a restart.
    /// </summary>
    public async Task StopServingAsync(bool immediately = false)
    {
        _stopped = true;
        using var now = new CancellationTokenSource();
        if (immediately)
        {
            await now.CancelAsync().ConfigureAwait(false);
        }

        await _hubSpotApp.StopAsync(now.Token).ConfigureAwait(false);
        await _salesforceApp.StopAsync(now.Token).ConfigureAwait(false);
        await _hubSpotApp.DisposeAsync().ConfigureAwait(false);
        await _salesforceApp.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Serves again on the same ports, with the world as <see cref="StopServingAsync"/> left it.</summary>
    public async Task StartServingAsync()
    {
        var sf = Build(SalesforceUrl.Port, app => SalesforceEndpoints.Map(app, Salesforce));
        var hs = Build(HubSpotUrl.Port, app => HubSpotEndpoints.Map(app, HubSpot));
        await sf.StartAsync().ConfigureAwait(false);
        await hs.StartAsync().ConfigureAwait(false);
        (_salesforceApp, _hubSpotApp, _stopped) = (sf, hs, false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        await _hubSpotApp.StopAsync().ConfigureAwait(false);
        await _salesforceApp.StopAsync().ConfigureAwait(false);
        await _hubSpotApp.DisposeAsync().ConfigureAwait(false);
        await _salesforceApp.DisposeAsync().ConfigureAwait(false);
    }
}
