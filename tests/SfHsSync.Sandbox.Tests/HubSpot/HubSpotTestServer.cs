using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SfHsSync.Sandbox;
using SfHsSync.Sandbox.HubSpot;

namespace SfHsSync.Sandbox.Tests.HubSpot;

/// <summary>The sandbox hosted in-process, with an HttpClient that carries the default HubSpot token.</summary>
internal sealed class HubSpotTestServer : IAsyncDisposable
{
    private static readonly Lazy<string> HubSpotOnlyDemoSeed = new(() =>
    {
        var hubspot = SandboxSeed.Load("Demo").HubSpot!.Value.GetRawText();
        var path = Path.Combine(Path.GetTempPath(), $"sfhssync-hubspot-demo-{Environment.ProcessId}.json");
        File.WriteAllText(path, "{\"hubspot\":\n" + hubspot + "\n}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    });

    private readonly SandboxServer _server;

    private HubSpotTestServer(SandboxServer server)
    {
        _server = server;
        Client = new HttpClient { BaseAddress = server.HubSpotUrl };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.HubSpot.DefaultAccessToken);
    }

    public HttpClient Client { get; }

    public HubSpotAccount Account => _server.HubSpot;

    public Uri Url => _server.HubSpotUrl;

    /// <summary>
    /// Starts a sandbox. "Demo" here means the HubSpot half of the Demo seed with an empty Salesforce org, so these tests
    /// neither wait for nor depend on the Salesforce seed; "FullDemo" is the built-in Demo seed as Start-SyncSandbox loads it.
    /// </summary>
    public static async Task<HubSpotTestServer> StartAsync(string seed = "Demo", Action<HubSpotSandboxOptions>? configure = null)
    {
        var options = new SandboxOptions
        {
            Seed = seed switch
            {
                "Demo" => HubSpotOnlyDemoSeed.Value,
                "FullDemo" => "Demo",
                _ => seed,
            },
        };

        // Tests page through many results quickly; the limits get their own tests.
        options.HubSpot.SearchRequestsPerSecond = null;
        options.HubSpot.TenSecondlyLimit = null;
        configure?.Invoke(options.HubSpot);
        return new HubSpotTestServer(await SandboxServer.StartAsync(options));
    }

    public Task<Answer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<Answer> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, body);

    public Task<Answer> PatchAsync(string path, object body) => SendAsync(HttpMethod.Patch, path, body);

    public Task<Answer> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body);

    public Task<Answer> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public async Task<Answer> SendAsync(HttpMethod method, string path, object? body, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            var json = body is string s ? s : System.Text.Json.JsonSerializer.Serialize(body);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Answer(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), headers, text);
    }

    /// <summary>Creates invoices directly through the account, the fast way tests seed many records.</summary>
    public IReadOnlyList<string> SeedInvoices(int count, Func<int, Dictionary<string, string>>? values = null) =>
        Account.CreateRecords("invoices", Enumerable.Range(1, count).Select(i => (IReadOnlyDictionary<string, string>)(values?.Invoke(i) ?? new Dictionary<string, string>
        {
            ["invoice_number"] = $"INV-{i:D5}",
            ["salesforce_id"] = $"a01{i:D12}AAA",
        })));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _server.DisposeAsync();
    }
}

/// <summary>A parsed answer: status, JSON body (null when empty), headers, and the raw text for failure messages.</summary>
internal sealed record Answer(HttpStatusCode Status, JsonNode? Body, IReadOnlyDictionary<string, string> Headers, string Text)
{
    public JsonNode Json => Body ?? throw new Xunit.Sdk.XunitException($"Expected a JSON body, got none (status {(int)Status}).");

    public Answer Expect(HttpStatusCode status)
    {
        Assert.True(Status == status, $"Expected {(int)status}, got {(int)Status}: {Text}");
        return this;
    }
}
