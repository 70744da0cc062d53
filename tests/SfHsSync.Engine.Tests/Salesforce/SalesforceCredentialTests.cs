using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Engine.Tests.Salesforce;

public sealed class SalesforceCredentialTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sfclient-keys-").FullName;

    [Fact]
    public void JwtAssertion_IsRs256SignedWithTheClaimsSalesforceChecks()
    {
        using var key = RSA.Create(2048);
        var now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var jwt = JwtBearerAssertion.Create("consumer-key", "sync@acme.com", new Uri("https://login.salesforce.com/"), key, now);

        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Equal("{\"alg\":\"RS256\"}", Encoding.UTF8.GetString(Base64Url(parts[0])));
        using var claims = JsonDocument.Parse(Base64Url(parts[1]));
        Assert.Equal("consumer-key", claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal("sync@acme.com", claims.RootElement.GetProperty("sub").GetString());
        Assert.Equal("https://login.salesforce.com", claims.RootElement.GetProperty("aud").GetString());
        var exp = DateTimeOffset.FromUnixTimeSeconds(claims.RootElement.GetProperty("exp").GetInt64());
        Assert.InRange(exp - now, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(3));
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.DoesNotContain('=', jwt);
    }

    [Fact]
    public void PrivateKey_LoadsPkcs8Pkcs1EncryptedPemAndPfx_ToTheSameKey()
    {
        using var key = RSA.Create(2048);
        var expected = key.ExportParameters(false).Modulus;
        var password = SecretText.ToSecureString("pfx-pass");
        File.WriteAllText(Path("pkcs8.pem"), key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path("pkcs1.key"), key.ExportRSAPrivateKeyPem());
        File.WriteAllText(Path("encrypted.pem"), key.ExportEncryptedPkcs8PrivateKeyPem("pfx-pass",
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000)));
        var request = new CertificateRequest("CN=sfhssync", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllBytes(Path("cert.pfx"), certificate.Export(X509ContentType.Pfx, "pfx-pass"));

        foreach (var (file, secret) in new[] { ("pkcs8.pem", null), ("pkcs1.key", null), ("encrypted.pem", password), ("cert.pfx", password) })
        {
            using var loaded = SalesforcePrivateKey.Load(Path(file), secret);
            Assert.Equal(expected, loaded.ExportParameters(false).Modulus);
        }
    }

    [Fact]
    public void PrivateKey_ProblemsAreNamedWithThePath_AndNeverQuoteTheFile()
    {
        var missing = Assert.Throws<SyncException>(() => SalesforcePrivateKey.Load(Path("none.pem"), null));
        Assert.Equal("SalesforcePrivateKeyNotFound", missing.ErrorId);
        Assert.Contains(Path("none.pem"), missing.Message, StringComparison.Ordinal);

        File.WriteAllText(Path("garbage.pem"), "-----BEGIN PRIVATE KEY-----\nTOP-SECRET-BYTES\n-----END PRIVATE KEY-----\n");
        var garbage = Assert.Throws<SyncException>(() => SalesforcePrivateKey.Load(Path("garbage.pem"), null));
        Assert.Equal("SalesforcePrivateKeyInvalid", garbage.ErrorId);
        Assert.DoesNotContain("TOP-SECRET", garbage.ToString(), StringComparison.Ordinal);

        using var key = RSA.Create(2048);
        File.WriteAllText(Path("locked.pem"), key.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000)));
        Assert.Equal("SalesforcePrivateKeyPasswordMissing", Assert.Throws<SyncException>(() => SalesforcePrivateKey.Load(Path("locked.pem"), null)).ErrorId);
        Assert.Equal("SalesforcePrivateKeyInvalid",
            Assert.Throws<SyncException>(() => SalesforcePrivateKey.Load(Path("locked.pem"), SecretText.ToSecureString("wrong"))).ErrorId);
    }

    [Fact]
    public void FromEnvironment_PicksTheFlowTheVariablesDescribe()
    {
        var token = SalesforceConnection.FromEnvironment(Vars(("SFHSSYNC_SF_INSTANCE_URL", "https://acme.my.salesforce.com"), ("SFHSSYNC_SF_ACCESS_TOKEN", "00Dtoken!")));
        Assert.Equal(SalesforceAuthMethod.AccessToken, token.AuthMethod);
        Assert.Equal("00Dtoken!", SecretText.Reveal(token.AccessToken!));
        Assert.DoesNotContain("00Dtoken", token.ToString(), StringComparison.Ordinal);

        var jwt = SalesforceConnection.FromEnvironment(Vars(("SFHSSYNC_SF_CLIENT_ID", "key"), ("SFHSSYNC_SF_USERNAME", "sync@acme.com"),
            ("SFHSSYNC_SF_PRIVATE_KEY_PATH", "/keys/server.key")));
        Assert.Equal(SalesforceAuthMethod.JwtBearer, jwt.AuthMethod);
        Assert.Equal(SalesforceConnection.DefaultLoginUrl, jwt.LoginUrl);
        Assert.Null(jwt.AccessToken);

        var credentials = SalesforceConnection.FromEnvironment(Vars(("SFHSSYNC_SF_CLIENT_ID", "key"), ("SFHSSYNC_SF_CLIENT_SECRET", "s3cret"),
            ("SFHSSYNC_SF_LOGIN_URL", "https://acme.my.salesforce.com")));
        Assert.Equal(SalesforceAuthMethod.ClientCredentials, credentials.AuthMethod);
        Assert.Equal(new Uri("https://acme.my.salesforce.com"), credentials.LoginUrl);
        Assert.DoesNotContain("s3cret", credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_SaysWhatIsMissing()
    {
        var none = Assert.Throws<SyncException>(() => SalesforceConnection.FromEnvironment(Vars()));
        Assert.Equal("SalesforceConnectionMissing", none.ErrorId);
        Assert.Contains("SFHSSYNC_SF_ACCESS_TOKEN", none.Message, StringComparison.Ordinal);

        var noUrl = Assert.Throws<SyncException>(() => SalesforceConnection.FromEnvironment(Vars(("SFHSSYNC_SF_ACCESS_TOKEN", "tok"))));
        Assert.Contains("SFHSSYNC_SF_INSTANCE_URL", noUrl.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tok", noUrl.Message.Replace("token", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        var noKey = Assert.Throws<SyncException>(() => SalesforceConnection.FromEnvironment(Vars(("SFHSSYNC_SF_CLIENT_ID", "key"), ("SFHSSYNC_SF_USERNAME", "u"))));
        Assert.Contains("SFHSSYNC_SF_PRIVATE_KEY_PATH", noKey.Message, StringComparison.Ordinal);

        var badUrl = Assert.Throws<SyncException>(() => SalesforceConnection.FromEnvironment(Vars(("SFHSSYNC_SF_INSTANCE_URL", "acme"), ("SFHSSYNC_SF_ACCESS_TOKEN", "t"))));
        Assert.Equal("SalesforceConnectionInvalid", badUrl.ErrorId);
    }

    [Fact]
    public void Resolve_PrefersTheGivenConnection_ThenTheCurrentOne_ThenTheEnvironment()
    {
        var given = new SalesforceConnection(new Uri("https://given.my.salesforce.com"), SecretText.ToSecureString("a"));
        var current = new SalesforceConnection(new Uri("https://current.my.salesforce.com"), SecretText.ToSecureString("b"));
        var env = Vars(("SFHSSYNC_SF_INSTANCE_URL", "https://env.my.salesforce.com"), ("SFHSSYNC_SF_ACCESS_TOKEN", "c"));

        Assert.Same(given, SalesforceConnection.Resolve(given, current, env));
        Assert.Same(current, SalesforceConnection.Resolve(null, current, env));
        Assert.Equal(new Uri("https://env.my.salesforce.com"), SalesforceConnection.Resolve(null, null, env).InstanceUrl);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Path(string name) => System.IO.Path.Combine(_folder, name);

    private static Func<string, string?> Vars(params (string Name, string Value)[] values)
    {
        var map = values.ToDictionary(v => v.Name, v => v.Value);
        return name => map.GetValueOrDefault(name);
    }

    private static byte[] Base64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
