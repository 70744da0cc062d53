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
    private readonly WebApplication _salesforceApp;
    private readonly WebApplication _hubSpotApp;

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

    public async ValueTask DisposeAsync()
    {
        await _hubSpotApp.StopAsync().ConfigureAwait(false);
        await _salesforceApp.StopAsync().ConfigureAwait(false);
        await _hubSpotApp.DisposeAsync().ConfigureAwait(false);
        await _salesforceApp.DisposeAsync().ConfigureAwait(false);
    }
}
