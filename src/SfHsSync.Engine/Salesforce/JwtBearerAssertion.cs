using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SfHsSync.Engine.Salesforce;

/// <summary>
/// The signed JWT of Salesforce's OAuth 2.0 JWT bearer flow: header {"alg":"RS256"}, claims iss (consumer key),
/// sub (username), aud (login URL) and exp, signed with RSA SHA-256 over base64url(header).base64url(claims).
/// </summary>
internal static class JwtBearerAssertion
{
    /// <summary>Salesforce refuses an exp more than 3 minutes ahead; 2.5 leaves room for clock skew.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(150);

    public static string Create(string clientId, string username, Uri loginUrl, RSA key, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(loginUrl);
        ArgumentNullException.ThrowIfNull(key);
        var header = Base64Url("{\"alg\":\"RS256\"}"u8.ToArray());
        var claims = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = clientId,
            ["sub"] = username,
            ["aud"] = Audience(loginUrl),
            ["exp"] = (now + Lifetime).ToUnixTimeSeconds(),
        });
        var signingInput = header + "." + Base64Url(claims);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>The aud claim: the login URL without path or trailing slash (https://login.salesforce.com).</summary>
    public static string Audience(Uri loginUrl) => loginUrl.GetLeftPart(UriPartial.Authority);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
