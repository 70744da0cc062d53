using System.Net.Http.Headers;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.HubSpot;

namespace SfHsSync.Engine.Tests.HubSpot;

/// <summary>Pacing under HubSpot's limits, the SDK's back-off on 429, retries of 423/502, and the DAILY stop.</summary>
public sealed class HubSpotPacingTests
{
    private static readonly string[] Wanted = { "invoice_number" };

    [Fact]
    public async Task A260CallRunUnderARollingLimitOf190MeetsNo429()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync(o => o.TenSecondlyLimit = 190);
        var id = sandbox.Account.CreateRecord(HubSpotSandbox.Invoices, new Dictionary<string, string> { ["invoice_number"] = "INV-1" });

        // The client starts at the Free tier's 100 and learns 190 from the first answer's headers.
        using var client = sandbox.Client(HubSpotSandbox.Fast with { MaxRetries = 0 });
        var workers = Enumerable.Range(0, 4).Select(async _ =>
        {
            for (var i = 0; i < 65; i++)
            {
                Assert.NotNull(await client.GetAsync(HubSpotSandbox.Invoices, id, Wanted));
            }
        });
        await Task.WhenAll(workers);

        Assert.Equal(260, client.ApiCallCount);
        Assert.Equal(0, client.RateLimitHitCount);
        Assert.Equal(0, sandbox.Account.TenSecondlyRefusals);
        Assert.Equal(260, sandbox.Account.Requests.Count(r => r.StatusCode == 200));
        Assert.Equal(190, client.RequestsPerInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), client.RateLimitInterval);
    }

    [Fact]
    public async Task ARolling429IsRetriedAfterTheSdksTenSecondBackoff()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync(o => o.TenSecondlyLimit = 20);
        var id = sandbox.Account.CreateRecord(HubSpotSandbox.Invoices, new Dictionary<string, string> { ["invoice_number"] = "INV-1" });

        // Another integration on the same account spends the whole window just before our call.
        using (var other = new HttpClient { BaseAddress = sandbox.Server.HubSpotUrl })
        {
            other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sandbox.Account.DefaultAccessToken);
            for (var i = 0; i < 20; i++)
            {
                (await other.GetAsync("crm-object-schemas/v3/schemas")).EnsureSuccessStatusCode();
            }
        }

        using var client = sandbox.Client(HubSpotSandbox.Fast);
        var record = await client.GetAsync(HubSpotSandbox.Invoices, id, Wanted);

        Assert.Equal("INV-1", record!["invoice_number"]);
        Assert.Equal(2, client.ApiCallCount);
        Assert.Equal(1, client.RateLimitHitCount);
        Assert.Equal(1, client.RetryCount);
        Assert.Equal(1, sandbox.Account.TenSecondlyRefusals);
    }

    [Fact]
    public async Task SearchesArePacedUnderHubSpotsFivePerSecond()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync(o => o.SearchRequestsPerSecond = 5);
        SeedDistinct(sandbox, 1_200);
        using var client = sandbox.Client(HubSpotSandbox.Fast with { SearchPageSize = 100, MaxRetries = 0 });

        var read = 0;
        await foreach (var _ in client.ReadChangedSinceAsync(HubSpotSandbox.Invoices, Wanted, DateTimeOffset.UnixEpoch))
        {
            read++;
        }

        Assert.Equal(1_200, read);
        Assert.Equal(12, client.ApiCallCount);
        Assert.Equal(0, client.RateLimitHitCount);
        Assert.Equal(0, sandbox.Account.SecondlyRefusals);
    }

    [Fact]
    public async Task ASecondly429FromSearchIsRetriedAndCounted()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync(o => o.SearchRequestsPerSecond = 2);
        SeedDistinct(sandbox, 1_000);

        // A client told the account allows far more searches than it does meets the secondly 429 and backs off.
        using var client = sandbox.Client(HubSpotSandbox.Fast with { SearchPageSize = 100, SearchRequestsPerSecond = 50, MaxRetries = 10 });
        var read = 0;
        await foreach (var _ in client.ReadChangedSinceAsync(HubSpotSandbox.Invoices, Wanted, DateTimeOffset.UnixEpoch))
        {
            read++;
        }

        Assert.Equal(1_000, read);
        Assert.True(sandbox.Account.SecondlyRefusals > 0);
        Assert.Equal(sandbox.Account.SecondlyRefusals, client.RateLimitHitCount);
        Assert.Equal(client.RateLimitHitCount, client.RetryCount);
        Assert.Equal(10 + client.RetryCount, client.ApiCallCount);
    }

    [Fact]
    public async Task TheDailyLimitStopsTheRunWithAnErrorThatSaysSo()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync(o => o.DailyLimit = 3);
        var id = sandbox.Account.CreateRecord(HubSpotSandbox.Invoices, new Dictionary<string, string> { ["invoice_number"] = "INV-1" });
        using var client = sandbox.Client(HubSpotSandbox.Fast);

        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(await client.GetAsync(HubSpotSandbox.Invoices, id, Wanted));
        }

        var ex = await Assert.ThrowsAsync<SyncException>(() => client.GetAsync(HubSpotSandbox.Invoices, id, Wanted));

        Assert.Equal("HubSpotDailyLimitExceeded", ex.ErrorId);
        Assert.Equal(SyncErrorKind.LimitsExceeded, ex.Kind);
        Assert.Contains("DAILY", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.RecommendedAction);
        Assert.Equal(4, client.ApiCallCount);
        Assert.Equal(1, client.RateLimitHitCount);
        Assert.Equal(0, client.RetryCount);
        Assert.Equal(1, sandbox.Account.DailyRefusals);
    }

    [Fact]
    public async Task LockedAndBadGatewayAnswersAreRetriedUntilTheWorkIsDone()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync(o =>
        {
            o.LockedShare = 0.15;
            o.BadGatewayShare = 0.15;
            o.FaultSeed = 42;
        });
        using var client = sandbox.Client(HubSpotSandbox.Fast with { MaxRetries = 8 });
        var inputs = Enumerable.Range(1, 2_000)
            .Select(n => new HubSpotCreateInput(new Dictionary<string, string> { ["invoice_number"] = $"INV-{n}" }))
            .ToList();

        var results = await client.BatchCreateAsync(HubSpotSandbox.Invoices, inputs);

        Assert.All(results, r => Assert.True(r.Success, r.ToString()));
        Assert.Equal(2_000, sandbox.Account.CountRecords(HubSpotSandbox.Invoices));
        var faults = sandbox.Account.LockedServed + sandbox.Account.BadGatewayServed;
        Assert.True(faults > 0, "the fault seed should inject some 423/502 answers");
        Assert.Equal(faults, client.RetryCount);
        Assert.Equal(20 + faults, client.ApiCallCount);
    }

    [Fact]
    public async Task AServiceThatKeepsFailingEndsInAnErrorNamingTheCall()
    {
        await using var sandbox = await HubSpotSandbox.StartAsync(o => o.BadGatewayShare = 1.0);
        using var client = sandbox.Client(HubSpotSandbox.Fast with { MaxRetries = 2 });

        var ex = await Assert.ThrowsAsync<SyncException>(() => client.GetSchemasAsync());

        Assert.Equal("HubSpotServiceUnavailable", ex.ErrorId);
        Assert.Contains("502", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GET crm-object-schemas/2026-09/schemas", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, client.ApiCallCount);
    }

    private static void SeedDistinct(HubSpotSandbox sandbox, int count)
    {
        var at = new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero);
        sandbox.Account.Clock.SetSource(() => at);
        sandbox.Account.CreateRecords(HubSpotSandbox.Invoices, Enumerable.Range(1, count).Select(n =>
        {
            at = at.AddSeconds(1);
            return (IReadOnlyDictionary<string, string>)new Dictionary<string, string> { ["invoice_number"] = $"INV-{n}" };
        }));
    }
}
