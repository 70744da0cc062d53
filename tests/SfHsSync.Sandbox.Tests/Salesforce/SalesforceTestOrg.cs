using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SfHsSync.Sandbox.Salesforce;

namespace SfHsSync.Sandbox.Tests.Salesforce;

/// <summary>An in-process sandbox and an HttpClient that talks to its Salesforce half with the default token.</summary>
internal sealed class SalesforceTestOrg : IAsyncDisposable
{
    public const string Version = "v62.0";

    private SalesforceTestOrg(SandboxServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = new Uri(server.SalesforceUrl, $"services/data/{Version}/") };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Salesforce.DefaultAccessToken);
    }

    public SandboxServer Server { get; }

    public SalesforceOrg Org => Server.Salesforce;

    public HttpClient Http { get; }

    public static async Task<SalesforceTestOrg> StartAsync(Action<SalesforceSandboxOptions>? configure = null, string seed = "Demo")
    {
        var options = new SandboxOptions { Seed = seed };
        configure?.Invoke(options.Salesforce);
        return new SalesforceTestOrg(await SandboxServer.StartAsync(options));
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, object? body = null, string? contentType = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            var text = body as string ?? (body as JsonNode)?.ToJsonString() ?? System.Text.Json.JsonSerializer.Serialize(body);
            request.Content = new StringContent(text, Encoding.UTF8, contentType ?? "application/json");
        }

        var response = await Http.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        JsonNode? parsed = null;
        if (raw.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            parsed = JsonNode.Parse(raw);
        }

        return (response.StatusCode, parsed, response);
    }

    public Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> QueryAsync(string soql, bool all = false)
        => GetAsync($"{(all ? "queryAll" : "query")}?q={Uri.EscapeDataString(soql)}");

    /// <summary>The error code of a REST error array, asserting the answer is one.</summary>
    public static string ErrorCode(JsonNode? body)
    {
        Assert.NotNull(body);
        var array = Assert.IsType<JsonArray>(body);
        return (string)array[0]!["errorCode"]!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
