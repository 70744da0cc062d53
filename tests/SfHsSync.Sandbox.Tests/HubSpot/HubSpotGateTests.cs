using System.Net;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Tests.HubSpot;

/// <summary>Tokens, rate limits, injected faults and the request log: what every call meets before its endpoint.</summary>
public sealed class HubSpotGateTests
{
    private const string Invoices = "/crm/v3/objects/p12345678_invoices";
    private const string Search = Invoices + "/search";

    [Fact]
    public async Task A_bad_missing_or_revoked_token_is_401_and_the_token_never_echoes()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var wrong = (await hs.SendAsync(HttpMethod.Get, Invoices, null, token: "pat-na1-secret-value")).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal("INVALID_AUTHENTICATION", wrong.Json["category"]!.GetValue<string>());
        Assert.Equal("error", wrong.Json["status"]!.GetValue<string>());
        Assert.NotNull(wrong.Json["correlationId"]);
        Assert.DoesNotContain("secret-value", wrong.Text, StringComparison.Ordinal);

        hs.Client.DefaultRequestHeaders.Authorization = null;
        (await hs.GetAsync(Invoices)).Expect(HttpStatusCode.Unauthorized);

        hs.Account.AddAccessToken("pat-na1-second");
        (await hs.SendAsync(HttpMethod.Get, Invoices, null, token: "pat-na1-second")).Expect(HttpStatusCode.OK);
        hs.Account.RevokeAccessToken("pat-na1-second");
        (await hs.SendAsync(HttpMethod.Get, Invoices, null, token: "pat-na1-second")).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal(3, hs.Account.Requests.Count(r => r.StatusCode == 401));
    }

    [Fact]
    public async Task The_ten_second_window_counts_down_in_headers_then_answers_429_with_HubSpots_body()
    {
        await using var hs = await HubSpotTestServer.StartAsync(configure: o => o.TenSecondlyLimit = 4);
        for (var i = 0; i < 4; i++)
        {
            var ok = (await hs.GetAsync(Invoices)).Expect(HttpStatusCode.OK);
            Assert.Equal("10000", ok.Headers["X-HubSpot-RateLimit-Interval-Milliseconds"]);
            Assert.Equal("4", ok.Headers["X-HubSpot-RateLimit-Max"]);
            Assert.Equal($"{3 - i}", ok.Headers["X-HubSpot-RateLimit-Remaining"]);
            Assert.Equal("625000", ok.Headers["X-HubSpot-RateLimit-Daily"]);
            Assert.Equal($"{625_000 - i - 1}", ok.Headers["X-HubSpot-RateLimit-Daily-Remaining"]);
        }

        var refused = (await hs.GetAsync(Invoices)).Expect(HttpStatusCode.TooManyRequests);
        var body = refused.Json.AsObject();
        Assert.Equal(["status", "message", "errorType", "correlationId", "policyName"], body.Select(p => p.Key));
        Assert.Equal("You have reached your ten_secondly_rolling limit.", body["message"]!.GetValue<string>());
        Assert.Equal("RATE_LIMIT", body["errorType"]!.GetValue<string>());
        Assert.Equal("TEN_SECONDLY_ROLLING", body["policyName"]!.GetValue<string>());
        Assert.True(Guid.TryParse(body["correlationId"]!.GetValue<string>(), out _));
        Assert.Equal("0", refused.Headers["X-HubSpot-RateLimit-Remaining"]);
        Assert.Equal(1, hs.Account.TenSecondlyRefusals);

        // Limits change at runtime; a reset forgets the window.
        hs.Account.Options.TenSecondlyLimit = 0;
        (await hs.GetAsync(Invoices)).Expect(HttpStatusCode.OK);
        hs.Account.Options.TenSecondlyLimit = 4;
        hs.Account.ResetRateLimits();
        (await hs.GetAsync(Invoices)).Expect(HttpStatusCode.OK);
        Assert.Equal(0, hs.Account.TenSecondlyRefusals);
    }

    [Fact]
    public async Task The_daily_limit_answers_429_DAILY()
    {
        await using var hs = await HubSpotTestServer.StartAsync(configure: o => o.DailyLimit = 2);
        (await hs.GetAsync(Invoices)).Expect(HttpStatusCode.OK);
        var last = (await hs.GetAsync(Invoices)).Expect(HttpStatusCode.OK);
        Assert.Equal("0", last.Headers["X-HubSpot-RateLimit-Daily-Remaining"]);
        var refused = (await hs.GetAsync(Invoices)).Expect(HttpStatusCode.TooManyRequests);
        Assert.Equal("DAILY", refused.Json["policyName"]!.GetValue<string>());
        Assert.Equal("You have reached your daily limit.", refused.Json["message"]!.GetValue<string>());
        Assert.Equal(1, hs.Account.DailyRefusals);
    }

    [Fact]
    public async Task Search_has_its_own_per_second_limit_and_no_rate_limit_headers()
    {
        await using var hs = await HubSpotTestServer.StartAsync(configure: o =>
        {
            o.SearchRequestsPerSecond = 2;
            o.TenSecondlyLimit = 1;
        });

        var first = (await hs.PostAsync(Search, new { limit = 1 })).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(first.Headers.Keys, k => k.StartsWith("X-HubSpot-RateLimit", StringComparison.OrdinalIgnoreCase));
        (await hs.PostAsync(Search, new { limit = 1 })).Expect(HttpStatusCode.OK);
        var refused = (await hs.PostAsync(Search, new { limit = 1 })).Expect(HttpStatusCode.TooManyRequests);
        Assert.Equal("SECONDLY", refused.Json["policyName"]!.GetValue<string>());
        Assert.Equal("RATE_LIMIT", refused.Json["errorType"]!.GetValue<string>());
        Assert.Equal(1, hs.Account.SecondlyRefusals);

        // Searches do not spend the ten-second budget of ordinary calls.
        (await hs.GetAsync(Invoices)).Expect(HttpStatusCode.OK);
        Assert.Equal(0, hs.Account.TenSecondlyRefusals);
    }

    [Fact]
    public async Task Injected_faults_repeat_exactly_under_the_same_seed()
    {
        static async Task<List<int>> RunAsync(int seed)
        {
            await using var hs = await HubSpotTestServer.StartAsync(configure: o =>
            {
                o.FaultSeed = seed;
                o.LockedShare = 0.2;
                o.BadGatewayShare = 0.1;
            });
            var statuses = new List<int>();
            for (var i = 0; i < 60; i++)
            {
                statuses.Add((int)(await hs.GetAsync(Invoices)).Status);
            }

            Assert.Equal(statuses.Count(s => s == 423), hs.Account.LockedServed);
            Assert.Equal(statuses.Count(s => s == 502), hs.Account.BadGatewayServed);
            return statuses;
        }

        var first = await RunAsync(7);
        var again = await RunAsync(7);
        var other = await RunAsync(8);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Contains(423, first);
        Assert.Contains(502, first);
        Assert.InRange(first.Count(s => s != 200), 6, 36);
    }

    [Fact]
    public async Task Fault_bodies_say_locked_or_bad_gateway()
    {
        await using var hs = await HubSpotTestServer.StartAsync(configure: o => o.LockedShare = 1);
        var locked = (await hs.GetAsync(Invoices)).Expect(HttpStatusCode.Locked);
        Assert.Equal("LOCKED", locked.Json["category"]!.GetValue<string>());
        hs.Account.Options.LockedShare = 0;
        hs.Account.Options.BadGatewayShare = 1;
        var gateway = (await hs.GetAsync(Invoices)).Expect(HttpStatusCode.BadGateway);
        Assert.Equal("BAD_GATEWAY", gateway.Json["category"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_request_log_counts_calls_by_route_template_and_resets()
    {
        await using var hs = await HubSpotTestServer.StartAsync();
        var id = hs.SeedInvoices(1)[0];
        await hs.GetAsync($"{Invoices}/{id}");
        await hs.GetAsync($"/crm/v3/objects/2-1234567/{id}");
        await hs.PostAsync($"{Invoices}/batch/read", new { inputs = new[] { new { id } }, properties = Array.Empty<string>(), propertiesWithHistory = Array.Empty<string>() });
        await hs.GetAsync("/crm/v3/nothing/here");

        Assert.Equal(2, hs.Account.CountRequests("GET", "/crm/v3/objects/{objectType}/{objectId}"));
        Assert.Equal(1, hs.Account.CountRequests("POST", "/crm/v3/objects/{objectType}/batch/read"));
        Assert.Equal(404, hs.Account.Requests[^1].StatusCode);
        Assert.Equal("/crm/v3/nothing/here", hs.Account.Requests[^1].PathTemplate);
        hs.Account.ResetRequestLog();
        Assert.Empty(hs.Account.Requests);
    }
}
