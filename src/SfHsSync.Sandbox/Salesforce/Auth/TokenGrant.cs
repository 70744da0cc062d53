using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace SfHsSync.Sandbox.Salesforce.Auth;

/// <summary>What the token endpoint decided: a username to issue a token for, or an OAuth error and its description.</summary>
internal sealed record GrantDecision(string? Username, string? Error, string? Description)
{
    public static GrantDecision Refuse(string error, string description) => new(null, error, description);
}

/// <summary>
/// Checks the two grants the sandbox's token endpoint takes. JWT bearer: an RS256 assertion signed by the connected app's
/// private key, verified against the configured public key, with iss = consumer key, sub = an allowed username,
/// aud = a login URL or the sandbox's own URL, and exp in the future but at most 3 minutes ahead.
/// Client credentials: the configured consumer key and secret, in the body or in HTTP Basic. Refresh token: the
/// configured refresh token with the consumer key (and secret, when sent).
/// Refusals never echo a secret or the assertion.
/// </summary>
internal sealed class TokenGrant(SalesforceSandboxOptions options, Func<Uri> baseUrl)
{
    private static readonly TimeSpan MaxAhead = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    public GrantDecision Decide(IReadOnlyDictionary<string, string> form, string? authorization)
    {
        var grantType = form.GetValueOrDefault("grant_type");
        return grantType switch
        {
            "urn:ietf:params:oauth:grant-type:jwt-bearer" => JwtBearer(form.GetValueOrDefault("assertion")),
            "client_credentials" => ClientCredentials(form, authorization),
            "refresh_token" => Refresh(form),
            null or "" => GrantDecision.Refuse("unsupported_grant_type", "grant_type is missing"),
            _ => GrantDecision.Refuse("unsupported_grant_type", $"grant type not supported: {grantType}"),
        };
    }

    /// <summary>The refresh token flow: the org's refresh token with the connected app's consumer key and (when sent) secret.</summary>
    private GrantDecision Refresh(IReadOnlyDictionary<string, string> form)
    {
        var token = form.GetValueOrDefault("refresh_token");
        var id = form.GetValueOrDefault("client_id");
        if (string.IsNullOrEmpty(id) || !FixedTimeEquals(id, options.ConsumerKey))
        {
            return GrantDecision.Refuse("invalid_client_id", "client identifier invalid");
        }

        if (form.GetValueOrDefault("client_secret") is { } secret && !FixedTimeEquals(secret, options.ConsumerSecret))
        {
            return GrantDecision.Refuse("invalid_client", "invalid client credentials");
        }

        return !string.IsNullOrEmpty(token) && FixedTimeEquals(token, options.RefreshToken)
            ? new GrantDecision(options.AllowedUsernames.FirstOrDefault() ?? "integration@sfhssync.sandbox", null, null)
            : GrantDecision.Refuse("invalid_grant", "expired access/refresh token");
    }

    private GrantDecision ClientCredentials(IReadOnlyDictionary<string, string> form, string? authorization)
    {
        var id = form.GetValueOrDefault("client_id");
        var secret = form.GetValueOrDefault("client_secret");
        if (authorization is not null && authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    id = Uri.UnescapeDataString(pair[..colon]);
                    secret = Uri.UnescapeDataString(pair[(colon + 1)..]);
                }
            }
            catch (FormatException)
            {
                return GrantDecision.Refuse("invalid_client", "the Basic authorization header is not valid base64");
            }
        }

        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
        {
            return GrantDecision.Refuse("invalid_client", "client_id and client_secret are required for the client credentials flow");
        }

        var idOk = FixedTimeEquals(id, options.ConsumerKey);
        var secretOk = FixedTimeEquals(secret, options.ConsumerSecret);
        return idOk && secretOk
            ? new GrantDecision(options.AllowedUsernames.FirstOrDefault() ?? "integration@sfhssync.sandbox", null, null)
            : GrantDecision.Refuse("invalid_client", idOk ? "invalid client credentials" : "client identifier invalid");
    }

    private GrantDecision JwtBearer(string? assertion)
    {
        if (string.IsNullOrEmpty(assertion))
        {
            return GrantDecision.Refuse("invalid_grant", "assertion is missing");
        }

        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return GrantDecision.Refuse("invalid_grant", "the assertion is not a JWT (three dot-separated parts)");
        }

        JsonElement header;
        JsonElement claims;
        byte[] signature;
        try
        {
            header = JsonDocument.Parse(Base64Url(parts[0])).RootElement;
            claims = JsonDocument.Parse(Base64Url(parts[1])).RootElement;
            signature = Base64Url(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return GrantDecision.Refuse("invalid_grant", "the assertion's header or claims are not base64url-encoded JSON");
        }

        if (!header.TryGetProperty("alg", out var alg) || alg.GetString() != "RS256")
        {
            return GrantDecision.Refuse("invalid_grant", "the assertion's alg must be RS256");
        }

        using var key = PublicKey();
        if (key is null)
        {
            return GrantDecision.Refuse("invalid_grant", "the connected app has no certificate: configure JwtPublicKeyPem or JwtPublicKeyPath");
        }

        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!key.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return GrantDecision.Refuse("invalid_grant", "invalid assertion: the signature does not match the connected app's certificate");
        }

        var iss = Claim(claims, "iss");
        if (!FixedTimeEquals(iss ?? string.Empty, options.ConsumerKey))
        {
            return GrantDecision.Refuse("invalid_grant", "invalid assertion: iss is not the connected app's consumer key");
        }

        var sub = Claim(claims, "sub");
        if (sub is null || !options.AllowedUsernames.Contains(sub, StringComparer.OrdinalIgnoreCase))
        {
            return GrantDecision.Refuse("invalid_grant", $"user hasn't approved this consumer: sub '{sub}' is not an allowed username");
        }

        var aud = Claim(claims, "aud")?.TrimEnd('/');
        var audiences = new[] { "https://login.salesforce.com", "https://test.salesforce.com", baseUrl().ToString().TrimEnd('/') };
        if (aud is null || !audiences.Contains(aud, StringComparer.OrdinalIgnoreCase))
        {
            return GrantDecision.Refuse("invalid_grant", $"audience is invalid: aud '{aud}' must be {string.Join(", ", audiences)}");
        }

        if (!claims.TryGetProperty("exp", out var expClaim) || expClaim.ValueKind != JsonValueKind.Number)
        {
            return GrantDecision.Refuse("invalid_grant", "invalid assertion: exp is missing");
        }

        var exp = DateTimeOffset.FromUnixTimeSeconds(expClaim.GetInt64());
        var now = options.TimeProvider.GetUtcNow();
        if (exp <= now - Skew)
        {
            return GrantDecision.Refuse("invalid_grant", "invalid assertion: the assertion has expired (exp is in the past)");
        }

        if (exp > now + MaxAhead + Skew)
        {
            return GrantDecision.Refuse("invalid_grant", "invalid assertion: exp is more than 3 minutes ahead");
        }

        return new GrantDecision(sub, null, null);
    }

    private RSA? PublicKey()
    {
        var pem = options.JwtPublicKeyPem;
        if (string.IsNullOrWhiteSpace(pem) && !string.IsNullOrWhiteSpace(options.JwtPublicKeyPath))
        {
            pem = File.ReadAllText(options.JwtPublicKeyPath);
        }

        if (string.IsNullOrWhiteSpace(pem))
        {
            return null;
        }

        if (pem.Contains("CERTIFICATE", StringComparison.Ordinal))
        {
            using var certificate = X509Certificate2.CreateFromPem(pem);
            return certificate.GetRSAPublicKey();
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }

    private static string? Claim(JsonElement claims, string name)
        => claims.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static byte[] Base64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }

    private static bool FixedTimeEquals(string a, string b)
        => CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
