using System.Security.Cryptography;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Sandbox;
using static SfHsSync.Engine.Tests.Salesforce.SalesforceClientSandbox;

namespace SfHsSync.Engine.Tests.Salesforce;

public sealed class SalesforceClientResilienceTests : IDisposable
{
    private const string ConsumerKey = "sfclient-test-key";
    private const string ConsumerSecret = "sfclient-test-secret-Zq9";
    private const string Username = "integration@sfhssync.sandbox";

    private readonly string _folder = Directory.CreateTempSubdirectory("sfclient-jwt-").FullName;
    private readonly RSA _key = RSA.Create(2048);

    [Fact]
    public async Task JwtBearer_SignsIn_AndOn401GetsOneNewTokenAndRetriesTheCall()
    {
        await using var server = await StartJwtSandboxAsync();
        var keyPath = WriteKey(_key);
        var connection = SalesforceConnection.ForJwtBearer(server.SalesforceUrl, ConsumerKey, Username, keyPath);
        using var client = new SalesforceClient(connection, Fast);

        await client.ConnectAsync();
        var invoice = await client.DescribeAsync("Invoice__c");
        server.Salesforce.ExpireAllTokens();
        var records = await client.QueryAsync(SoqlQuery.Select(invoice, "Name")).ToListAsync();

        Assert.Equal(40, records.Count);
        Assert.Equal(2, client.TokenRequestCount);
        Assert.Equal(3, client.ApiCallCount);
        Assert.Equal(1, server.Salesforce.Requests.Entries.Count(e => e.Status == 401));
        Assert.Equal(2, server.Salesforce.Requests.Count("POST", "/services/oauth2/token"));
        Assert.Equal(global::SfHsSync.Sandbox.Salesforce.SalesforceOrg.OrganizationId, connection.OrganizationId);
        Assert.NotNull(connection.UserId);
    }

    [Fact]
    public async Task JwtBearer_WithAKeyTheAppDoesNotHold_FailsAtConnect_WithSalesforcesReason()
    {
        await using var server = await StartJwtSandboxAsync();
        using var otherKey = RSA.Create(2048);
        var connection = SalesforceConnection.ForJwtBearer(server.SalesforceUrl, ConsumerKey, Username, WriteKey(otherKey));
        using var client = new SalesforceClient(connection, Fast);

        var ex = await Assert.ThrowsAsync<SyncException>(() => client.ConnectAsync());

        Assert.Equal("SalesforceAuthenticationFailed", ex.ErrorId);
        Assert.Equal(SyncErrorKind.AuthenticationError, ex.Kind);
        Assert.Contains("invalid_grant", ex.Message, StringComparison.Ordinal);
        Assert.Contains("signature", ex.Message, StringComparison.Ordinal);
        Assert.Null(connection.AccessToken);
        Assert.Equal(0, client.ApiCallCount);
    }

    [Fact]
    public async Task ClientCredentials_SignIn_AndAWrongSecretNeverAppearsInTheError()
    {
        await using var server = await StartJwtSandboxAsync();
        var good = SalesforceConnection.ForClientCredentials(server.SalesforceUrl, ConsumerKey, SecretText.ToSecureString(ConsumerSecret));
        var bad = SalesforceConnection.ForClientCredentials(server.SalesforceUrl, ConsumerKey, SecretText.ToSecureString("wrong-secret-Qx7"));
        using var goodClient = new SalesforceClient(good, Fast);
        using var badClient = new SalesforceClient(bad, Fast);

        await goodClient.ConnectAsync();
        var count = await goodClient.CountAsync(SoqlQuery.Count(await goodClient.DescribeAsync("Account")));
        var ex = await Assert.ThrowsAsync<SyncException>(() => badClient.ConnectAsync());

        Assert.Equal(5, count);
        Assert.Equal("SalesforceAuthenticationFailed", ex.ErrorId);
        Assert.Contains("invalid_client", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ConsumerSecret, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SecretText.Reveal(good.AccessToken!), good.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiredAccessToken_IsSessionExpired_AfterOneCall_WithoutTheToken()
    {
        await using var server = await StartAsync();
        using var client = Client(server);
        server.Salesforce.ExpireAllTokens();

        var ex = await Assert.ThrowsAsync<SyncException>(() => client.ConnectAsync());

        Assert.Equal("SalesforceSessionExpired", ex.ErrorId);
        Assert.Contains("INVALID_SESSION_ID", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Salesforce.DefaultAccessToken, ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, client.ApiCallCount);
        Assert.Equal(0, client.TokenRequestCount);
    }

    [Fact]
    public async Task LockedRows_AreSentAgainUntilSaved_WithADeterministicNumberOfCalls()
    {
        async Task<(long Calls, IReadOnlyList<SalesforceSaveResult> Results)> RunAsync()
        {
            await using var server = await StartAsync(o => { o.LockRowFailureShare = 0.2; o.FaultSeed = 11; });
            using var client = Client(server);
            var records = Enumerable.Range(0, 450).Select(i => SalesforceRecord.ForCreate("Invoice__c", [new("Name", $"LOCK-{i:D4}")])).ToList();
            var results = await client.CreateAsync("Invoice__c", records);
            Assert.Equal(server.Salesforce.Requests.Count(), client.ApiCallCount);
            Assert.Equal(450, server.Salesforce.Count("Invoice__c") - 40);
            return (client.ApiCallCount, results);
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.All(first.Results, r => Assert.True(r.Success, r.ToString()));
        Assert.Equal(Enumerable.Range(0, 450), first.Results.Select(r => r.Index));
        // Describe and three chunks, plus the retries the seeded faults caused: the same number both times.
        Assert.True(first.Calls > 4, $"expected retries, saw {first.Calls} calls");
        Assert.Equal(first.Calls, second.Calls);
    }

    [Fact]
    public async Task LockedRows_WithoutRetries_AreReportedPerRecord()
    {
        await using var server = await StartAsync(o => { o.LockRowFailureShare = 0.5; o.FaultSeed = 3; });
        using var client = Client(server, Fast with { MaxRetries = 0 });

        var results = await client.CreateAsync("Invoice__c", Enumerable.Range(0, 20).Select(i => SalesforceRecord.ForCreate("Invoice__c", [new("Name", $"L-{i}")])).ToList());

        var locked = results.Where(r => !r.Success).ToList();
        Assert.NotEmpty(locked);
        Assert.All(locked, r => Assert.Equal("UNABLE_TO_LOCK_ROW", r.Errors.Single().StatusCode));
        Assert.Equal(20 - locked.Count, server.Salesforce.Count("Invoice__c") - 40);
        Assert.Equal(2, client.ApiCallCount);
    }

    [Fact]
    public async Task ServiceUnavailable_IsRetried_AndEveryRetryIsCounted()
    {
        await using var server = await StartAsync(o => { o.ServiceUnavailableShare = 0.4; o.FaultSeed = 5; });
        SeedInvoices(server, 4960);
        using var client = Client(server);

        var invoice = await client.DescribeAsync("Invoice__c");
        var records = await client.QueryAsync(SoqlQuery.Select(invoice, "Name")).ToListAsync();

        var unavailable = server.Salesforce.Requests.Entries.Count(e => e.Status == 503);
        Assert.Equal(5000, records.Count);
        Assert.True(unavailable > 0, "the seeded faults should have answered 503 at least once");
        Assert.Equal(1 + 3 + unavailable, client.ApiCallCount);
    }

    [Fact]
    public async Task ServiceUnavailable_PastTheRetries_IsRequestFailed_AfterExactlyThoseCalls()
    {
        await using var server = await StartAsync(o => o.FailFromRequest = 1);
        using var client = Client(server, Fast with { MaxRetries = 2 });

        var ex = await Assert.ThrowsAsync<SyncException>(() => client.DescribeAsync("Invoice__c"));

        Assert.Equal("SalesforceRequestFailed", ex.ErrorId);
        Assert.Equal(SyncErrorKind.ResourceBusy, ex.Kind);
        Assert.Contains("503", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, client.ApiCallCount);
        Assert.Equal(3, server.Salesforce.Requests.Count());
    }

    [Fact]
    public async Task TheDailyLimit_StopsTheRunAtOnce_WithoutRetrying()
    {
        await using var server = await StartAsync(o => o.DailyApiRequests = 1000);
        SeedInvoices(server, 4960);
        using var client = Client(server);
        var invoice = await client.DescribeAsync("Invoice__c");
        server.Salesforce.SetApiRequestsUsed(999);
        var read = new List<SalesforceRecord>();

        var ex = await Assert.ThrowsAsync<SyncException>(async () =>
        {
            await foreach (var record in client.QueryAsync(SoqlQuery.Select(invoice, "Name")))
            {
                read.Add(record);
            }
        });

        Assert.Equal("SalesforceDailyLimitExceeded", ex.ErrorId);
        Assert.Equal(SyncErrorKind.LimitsExceeded, ex.Kind);
        Assert.Contains("daily API allowance is exhausted", ex.Message, StringComparison.Ordinal);
        Assert.Contains("run stopped", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2000, read.Count);
        Assert.Equal(3, client.ApiCallCount);
        Assert.Equal(1, server.Salesforce.Requests.Entries.Count(e => e.Status == 403));
    }

    [Fact]
    public async Task TheApiUsageShare_HoldsTheRunUnderItsPartOfTheAllowance()
    {
        await using var server = await StartAsync(o => o.DailyApiRequests = 100);
        SeedInvoices(server, 4960);
        server.Salesforce.SetApiRequestsUsed(77);
        using var client = Client(server, Fast with { ApiUsageShare = 0.8 });

        var invoice = await client.DescribeAsync("Invoice__c");
        var read = 0;
        var ex = await Assert.ThrowsAsync<SyncException>(async () =>
        {
            await foreach (var record in client.QueryAsync(SoqlQuery.Select(invoice, "Name")))
            {
                read++;
            }
        });

        Assert.Equal("SalesforceApiBudgetExhausted", ex.ErrorId);
        Assert.Equal(SyncErrorKind.LimitsExceeded, ex.Kind);
        Assert.Contains("80 of its 100", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4000, read);
        Assert.Equal(3, client.ApiCallCount);
        Assert.Equal(new SalesforceApiUsage(80, 100), client.LastApiUsage);
        Assert.Equal(80, server.Salesforce.ApiRequestsUsed);
    }

    [Fact]
    public async Task AnOrgThatCannotBeReached_IsConnectionFailed_AfterTheRetries()
    {
        var server = await StartAsync();
        var connection = TokenConnection(server);
        await server.DisposeAsync();
        using var client = new SalesforceClient(connection, Fast with { MaxRetries = 2 });

        var ex = await Assert.ThrowsAsync<SyncException>(() => client.DescribeAsync("Invoice__c"));

        Assert.Equal("SalesforceConnectionFailed", ex.ErrorId);
        Assert.Equal(SyncErrorKind.ConnectionError, ex.Kind);
        Assert.Contains(connection.InstanceUrl.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, client.ApiCallCount);
    }

    [Fact]
    public async Task Cancelling_StopsAQueryBetweenPages()
    {
        await using var server = await StartAsync();
        SeedInvoices(server, 4960);
        using var client = Client(server);
        var invoice = await client.DescribeAsync("Invoice__c");
        using var cancel = new CancellationTokenSource();
        var read = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var record in client.QueryAsync(SoqlQuery.Select(invoice, "Name"), cancellationToken: cancel.Token))
            {
                if (++read == 2000)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        Assert.Equal(2000, read);
        Assert.Equal(2, client.ApiCallCount);
    }

    [Fact]
    public async Task Connect_WithAnAccessToken_ReadsTheLimits()
    {
        await using var server = await StartAsync(o => o.DailyApiRequests = 5000);
        using var client = Client(server);

        var usage = await client.ConnectAsync();

        Assert.Equal(5000, usage!.Max);
        Assert.Equal(1, client.ApiCallCount);
        Assert.NotNull(client.Connection.AuthenticatedAt);
    }

    public void Dispose()
    {
        _key.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<SandboxServer> StartJwtSandboxAsync() => StartAsync(o =>
    {
        o.ConsumerKey = ConsumerKey;
        o.ConsumerSecret = ConsumerSecret;
        o.JwtPublicKeyPem = _key.ExportSubjectPublicKeyInfoPem();
        o.AllowedUsernames = [Username];
    });

    private string WriteKey(RSA key)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
        return path;
    }

}
