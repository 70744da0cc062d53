using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Tests;

/// <summary>GET /__sandbox/requests on each half: the request log, readable from another process, with the sandbox's token only, and not logged itself.</summary>
public sealed class RequestLogEndpointTests
{
    [Fact]
    public async Task Each_half_serves_its_request_log_in_order_without_logging_the_read()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Seed = "Demo" });
        using var sf = Client(server.SalesforceUrl, server.Salesforce.DefaultAccessToken);
        using var hs = Client(server.HubSpotUrl, server.HubSpot.DefaultAccessToken);
        Assert.Equal(HttpStatusCode.OK, (await sf.GetAsync("services/data/v62.0/query?q=SELECT+Id+FROM+Account")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sf.DeleteAsync("services/data/v62.0/sobjects/Account/001000000000000AAA")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hs.GetAsync("crm/v3/objects/p12345678_invoices?limit=1")).StatusCode);

        var sfLog = await ReadAsync(sf);
        var hsLog = await ReadAsync(hs);
        Assert.Equal(["GET /services/data/v62.0/query 200", "DELETE /services/data/v62.0/sobjects/Account/001000000000000AAA 404"],
            sfLog.Select(e => $"{e["method"]} {e["path"]} {e["status"]}"));
        Assert.Equal("?q=SELECT+Id+FROM+Account", sfLog[0]["query"]!.GetValue<string>());
        Assert.Equal(1, sfLog[0]["sequence"]!.GetValue<long>());
        var only = Assert.Single(hsLog);
        Assert.Equal("GET /crm/v3/objects/p12345678_invoices /crm/v3/objects/{objectType} 200",
            $"{only["method"]} {only["path"]} {only["pathTemplate"]} {only["statusCode"]}");

        // Reading the log is not a call of the API: it is in neither log, twice read.
        Assert.Equal(2, (await ReadAsync(sf)).Count);
        Assert.Single(await ReadAsync(hs));
        Assert.Equal(2, server.Salesforce.Requests.Entries.Count);
        Assert.Single(server.HubSpot.Requests);
    }

    [Fact]
    public async Task The_log_asks_for_the_sandboxs_own_token()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Seed = "Empty" });
        using var wrong = Client(server.SalesforceUrl, "forged");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("__sandbox/requests")).StatusCode);
        using var otherHalf = Client(server.HubSpotUrl, server.Salesforce.DefaultAccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherHalf.GetAsync("__sandbox/requests")).StatusCode);
        using var none = new HttpClient { BaseAddress = server.HubSpotUrl };
        Assert.Equal(HttpStatusCode.Unauthorized, (await none.GetAsync("__sandbox/requests")).StatusCode);
        using var right = Client(server.HubSpotUrl, server.HubSpot.DefaultAccessToken);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await right.DeleteAsync("__sandbox/requests")).StatusCode);
    }

    private static HttpClient Client(Uri baseUrl, string token)
    {
        var client = new HttpClient { BaseAddress = baseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<List<JsonNode>> ReadAsync(HttpClient client)
    {
        var response = await client.GetAsync("__sandbox/requests");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(n => n!).ToList();
    }
}
