using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.Tests.Salesforce;

/// <summary>Tokens, the daily allowance, Sforce-Limit-Info, and injected faults.</summary>
public sealed class SalesforceAccessTests
{
    private sealed class ManualTime(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Jwt(RSA key, object claims, string alg = "RS256")
    {
        var header = Base64Url(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { alg })));
        var payload = Base64Url(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(claims)));
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + payload + "." + Base64Url(signature);
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> Token(SalesforceTestOrg sf, Dictionary<string, string> form, AuthenticationHeaderValue? basic = null)
    {
        using var client = new HttpClient { BaseAddress = sf.Server.SalesforceUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "services/oauth2/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = basic;
        var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task Every_api_answer_carries_limit_info_and_the_allowance_ends_in_403()
    {
        await using var sf = await SalesforceTestOrg.StartAsync(o => o.DailyApiRequests = 3);
        var first = await sf.GetAsync("limits");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("api-usage=1/3", first.Response.Headers.GetValues("Sforce-Limit-Info").Single());
        Assert.Equal(3, (int)first.Body!["DailyApiRequests"]!["Max"]!);
        Assert.Equal(2, (int)first.Body["DailyApiRequests"]!["Remaining"]!);

        Assert.Equal("api-usage=2/3", (await sf.QueryAsync("SELECT Id FROM Account")).Response.Headers.GetValues("Sforce-Limit-Info").Single());
        Assert.Equal(HttpStatusCode.OK, (await sf.GetAsync("sobjects")).Status);
        var over = await sf.GetAsync("sobjects");
        Assert.Equal(HttpStatusCode.Forbidden, over.Status);
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", SalesforceTestOrg.ErrorCode(over.Body));
        Assert.Equal("TotalRequests Limit exceeded.", (string)over.Body![0]!["message"]!);
        Assert.Equal("api-usage=3/3", over.Response.Headers.GetValues("Sforce-Limit-Info").Single());

        sf.Org.SetApiRequestsUsed(0);
        Assert.Equal(HttpStatusCode.OK, (await sf.GetAsync("sobjects")).Status);
        sf.Org.Options.DailyApiRequests = 100;
        sf.Org.SetApiRequestsUsed(99);
        Assert.Equal(HttpStatusCode.OK, (await sf.GetAsync("sobjects")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await sf.GetAsync("sobjects")).Status);
        Assert.Equal(100, sf.Org.ApiRequestsUsed);
    }

    [Fact]
    public async Task Bad_or_missing_tokens_answer_401_invalid_session_id()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        sf.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "nope");
        var bad = await sf.GetAsync("sobjects");
        Assert.Equal(HttpStatusCode.Unauthorized, bad.Status);
        Assert.Equal("INVALID_SESSION_ID", SalesforceTestOrg.ErrorCode(bad.Body));
        Assert.Equal("Session expired or invalid", (string)bad.Body![0]!["message"]!);
        sf.Http.DefaultRequestHeaders.Authorization = null;
        Assert.Equal(HttpStatusCode.Unauthorized, (await sf.GetAsync("sobjects")).Status);
        Assert.Equal(0, sf.Org.ApiRequestsUsed);
        Assert.Equal(2, sf.Org.Requests.Count(pathContains: "/sobjects"));
        Assert.All(sf.Org.Requests.Entries, e => Assert.Equal(401, e.Status));
    }

    [Fact]
    public async Task Tokens_expire_after_their_lifetime_on_the_org_clock()
    {
        await using var sf = await SalesforceTestOrg.StartAsync(o => o.AccessTokenLifetime = TimeSpan.FromMinutes(30));
        Assert.Equal(HttpStatusCode.OK, (await sf.GetAsync("sobjects")).Status);
        sf.Org.Clock.Advance(TimeSpan.FromMinutes(31));
        var expired = await sf.GetAsync("sobjects");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Equal("INVALID_SESSION_ID", SalesforceTestOrg.ErrorCode(expired.Body));

        var (status, token) = await Token(sf, new() { ["grant_type"] = "client_credentials", ["client_id"] = "sandbox-consumer-key", ["client_secret"] = "sandbox-consumer-secret" });
        Assert.Equal(HttpStatusCode.OK, status);
        sf.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)token["access_token"]!);
        Assert.Equal(HttpStatusCode.OK, (await sf.GetAsync("sobjects")).Status);

        sf.Org.ExpireAllTokens();
        Assert.Equal(HttpStatusCode.Unauthorized, (await sf.GetAsync("sobjects")).Status);
    }

    [Fact]
    public async Task Jwt_bearer_checks_signature_issuer_subject_audience_and_expiry()
    {
        using var key = RSA.Create(2048);
        using var stranger = RSA.Create(2048);
        var time = new ManualTime(DateTimeOffset.UtcNow);
        await using var sf = await SalesforceTestOrg.StartAsync(o =>
        {
            o.JwtPublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
            o.ConsumerKey = "3MVG9-test-key";
            o.AllowedUsernames = ["sync@example.com"];
            o.TimeProvider = time;
        });
        var exp = time.Now.AddMinutes(2).ToUnixTimeSeconds();
        object Claims(string iss = "3MVG9-test-key", string sub = "sync@example.com", string aud = "https://login.salesforce.com", long? expiry = null)
            => new { iss, sub, aud, exp = expiry ?? exp };
        Dictionary<string, string> Grant(string assertion) => new() { ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer", ["assertion"] = assertion };

        var (status, body) = await Token(sf, Grant(Jwt(key, Claims())));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(sf.Server.SalesforceUrl.ToString().TrimEnd('/'), (string)body["instance_url"]!);
        Assert.Equal("Bearer", (string)body["token_type"]!);
        Assert.Null(body["refresh_token"]);
        Assert.EndsWith($"/id/{SfHsSync.Sandbox.Salesforce.SalesforceOrg.OrganizationId}/{sf.Org.UserId}", (string)body["id"]!, StringComparison.Ordinal);
        sf.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)body["access_token"]!);
        Assert.Equal(HttpStatusCode.OK, (await sf.GetAsync("sobjects")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Token(sf, Grant(Jwt(key, Claims(aud: sf.Server.SalesforceUrl.ToString()))))).Status);

        var refusals = new Dictionary<string, string>
        {
            ["bad signature"] = Jwt(stranger, Claims()),
            ["wrong issuer"] = Jwt(key, Claims(iss: "someone-else")),
            ["unknown user"] = Jwt(key, Claims(sub: "intruder@example.com")),
            ["wrong audience"] = Jwt(key, Claims(aud: "https://evil.example.com")),
            ["expired"] = Jwt(key, Claims(expiry: time.Now.AddMinutes(-5).ToUnixTimeSeconds())),
            ["too far ahead"] = Jwt(key, Claims(expiry: time.Now.AddMinutes(30).ToUnixTimeSeconds())),
            ["HS256"] = Jwt(key, Claims(), alg: "HS256"),
            ["not a JWT"] = "abc.def",
        };
        foreach (var (why, assertion) in refusals)
        {
            (status, body) = await Token(sf, Grant(assertion));
            Assert.True(status == HttpStatusCode.BadRequest, why);
            Assert.Equal("invalid_grant", (string)body["error"]!);
            Assert.False(string.IsNullOrWhiteSpace((string?)body["error_description"]), why);
            Assert.DoesNotContain(assertion, body.ToJsonString(), StringComparison.Ordinal);
        }

        // The clock the assertion is checked against is the configured one: the same token minted an hour ago is stale.
        var minted = Jwt(key, Claims());
        time.Now = time.Now.AddHours(1);
        Assert.Equal(HttpStatusCode.BadRequest, (await Token(sf, Grant(minted))).Status);
    }

    [Fact]
    public async Task Jwt_bearer_takes_a_certificate_from_a_pem_file()
    {
        using var key = RSA.Create(2048);
        using var certificate = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=sfhssync-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(Path.GetTempPath(), $"sfhssync-cert-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        try
        {
            await using var sf = await SalesforceTestOrg.StartAsync(o => o.JwtPublicKeyPath = path);
            var claims = new { iss = "sandbox-consumer-key", sub = "integration@sfhssync.sandbox", aud = "https://test.salesforce.com", exp = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds() };
            var grant = new Dictionary<string, string> { ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer", ["assertion"] = Jwt(key, claims) };
            Assert.Equal(HttpStatusCode.OK, (await Token(sf, grant)).Status);
            using var other = RSA.Create(2048);
            grant["assertion"] = Jwt(other, claims);
            Assert.Equal(HttpStatusCode.BadRequest, (await Token(sf, grant)).Status);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Limits_and_faults_can_come_from_an_options_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sfhssync-options-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "salesforce": { "dailyApiRequests": 50, "accessTokenLifetime": "00:30:00", "lockRowFailureShare": 0.1, "faultSeed": 9, "allowedUsernames": ["a@b.c"] } }""");
        try
        {
            var options = SandboxCommandLine.ReadOptionsFile(path, new SandboxOptions()).Salesforce;
            Assert.Equal(50, options.DailyApiRequests);
            Assert.Equal(TimeSpan.FromMinutes(30), options.AccessTokenLifetime);
            Assert.Equal(0.1, options.LockRowFailureShare);
            Assert.Equal(9, options.FaultSeed);
            Assert.Equal(["a@b.c"], options.AllowedUsernames);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Client_credentials_take_the_body_or_basic_auth_and_never_echo_the_secret()
    {
        await using var sf = await SalesforceTestOrg.StartAsync(o => o.ConsumerSecret = "s3cr3t-value");
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("sandbox-consumer-key:s3cr3t-value")));
        Assert.Equal(HttpStatusCode.OK, (await Token(sf, new() { ["grant_type"] = "client_credentials" }, basic)).Status);

        var (status, body) = await Token(sf, new() { ["grant_type"] = "client_credentials", ["client_id"] = "sandbox-consumer-key", ["client_secret"] = "wrong-secret" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_client", (string)body["error"]!);
        Assert.DoesNotContain("wrong-secret", body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", body.ToJsonString(), StringComparison.Ordinal);
        (status, body) = await Token(sf, new() { ["grant_type"] = "password", ["username"] = "u", ["password"] = "p" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unsupported_grant_type", (string)body["error"]!);
        using (var careless = new HttpClient { BaseAddress = sf.Server.SalesforceUrl })
        {
            await careless.PostAsync("services/oauth2/token?grant_type=client_credentials&client_id=sandbox-consumer-key&client_secret=s3cr3t-value", new FormUrlEncodedContent(new Dictionary<string, string>()));
        }

        Assert.Equal(4, sf.Org.Requests.Count("POST", "/services/oauth2/token"));
        Assert.All(sf.Org.Requests.Entries, e => Assert.DoesNotContain("s3cr3t", e.Path + e.Query, StringComparison.Ordinal));
    }

    private static async Task<string> FaultPattern(int seed, double lockShare, double unavailableShare)
    {
        await using var sf = await SalesforceTestOrg.StartAsync(o =>
        {
            o.FaultSeed = seed;
            o.LockRowFailureShare = lockShare;
            o.ServiceUnavailableShare = unavailableShare;
        });
        var pattern = new StringBuilder();
        var target = sf.Org.Records("Invoice__c")[0].Id;
        for (var i = 0; i < 40; i++)
        {
            var (status, body, _) = await sf.SendAsync(HttpMethod.Patch, $"sobjects/Invoice__c/{target}", new { Units__c = i });
            pattern.Append(status switch
            {
                HttpStatusCode.NoContent => '.',
                HttpStatusCode.ServiceUnavailable => 'U',
                HttpStatusCode.BadRequest when SalesforceTestOrg.ErrorCode(body) == "UNABLE_TO_LOCK_ROW" => 'L',
                _ => '?',
            });
        }

        return pattern.ToString();
    }

    [Fact]
    public async Task Faults_are_deterministic_under_a_seed_and_follow_their_shares()
    {
        var first = await FaultPattern(7, 0.25, 0.15);
        var again = await FaultPattern(7, 0.25, 0.15);
        var other = await FaultPattern(8, 0.25, 0.15);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.DoesNotContain('?', first);
        Assert.Contains('L', first);
        Assert.Contains('U', first);
        Assert.Contains('.', first);
        Assert.Equal(new string('.', 40), await FaultPattern(7, 0, 0));
        Assert.Equal(new string('L', 40), await FaultPattern(7, 1, 0));
    }

    [Fact]
    public async Task Lock_row_faults_hit_single_records_of_a_collection_and_fail_from_request_stops_everything()
    {
        await using var sf = await SalesforceTestOrg.StartAsync(o => o.LockRowFailureShare = 0.5);
        var records = new JsonArray(Enumerable.Range(0, 40).Select(i => (JsonNode)new JsonObject { ["attributes"] = new JsonObject { ["type"] = "Invoice__c" }, ["Name"] = $"F-{i}" }).ToArray());
        var (_, body, _) = await sf.SendAsync(HttpMethod.Post, "composite/sobjects", new JsonObject { ["allOrNone"] = false, ["records"] = records });
        var results = body!.AsArray();
        var locked = results.Count(r => !(bool)r!["success"]! && (string)r["errors"]![0]!["statusCode"]! == "UNABLE_TO_LOCK_ROW");
        Assert.InRange(locked, 1, 39);
        Assert.Equal(40 - locked, results.Count(r => (bool)r!["success"]!));
        Assert.Equal(80 - locked, sf.Org.Count("Invoice__c"));

        sf.Org.Options.LockRowFailureShare = 0;
        sf.Org.ResetRequests();
        sf.Org.Options.FailFromRequest = 3;
        Assert.Equal(HttpStatusCode.OK, (await sf.GetAsync("sobjects")).Status);
        Assert.Equal(HttpStatusCode.OK, (await sf.GetAsync("sobjects")).Status);
        var stopped = await sf.GetAsync("sobjects");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stopped.Status);
        Assert.Equal("SERVER_UNAVAILABLE", SalesforceTestOrg.ErrorCode(stopped.Body));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await sf.GetAsync("sobjects")).Status);
        Assert.Equal([200, 200, 503, 503], sf.Org.Requests.Entries.Select(e => e.Status));
    }

    [Fact]
    public async Task The_answered_event_sees_every_call()
    {
        await using var sf = await SalesforceTestOrg.StartAsync();
        var seen = new List<string>();
        sf.Org.Requests.Answered += r => { lock (seen) { seen.Add($"{r.Method} {r.Path} {r.Status}"); } };
        await sf.QueryAsync("SELECT Id FROM Account");
        await sf.GetAsync("sobjects/Nope/describe");
        Assert.Equal(["GET /services/data/v62.0/query 200", "GET /services/data/v62.0/sobjects/Nope/describe 404"], seen);
    }
}
