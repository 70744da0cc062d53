using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SfHsSync.Sandbox.Salesforce.Auth;

/// <summary>
/// The access tokens the org accepts: the default one and those the token endpoint issues. A token lives for the configured
/// lifetime (measured on the org clock, so tests can age it) or until tests expire it.
/// </summary>
internal sealed class AccessTokens(SalesforceClock clock, Func<TimeSpan?> lifetime)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _issued = new(StringComparer.Ordinal);

    public void Register(string token) => _issued[token] = clock.Now();

    /// <summary>A new token in Salesforce's shape: the org id, '!', then random characters.</summary>
    public string Issue(string organizationId)
    {
        var token = organizationId[..15] + "!" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(60)).Replace('+', '.').Replace('/', '_').TrimEnd('=');
        Register(token);
        return token;
    }

    public bool IsValid(string token)
    {
        if (!_issued.TryGetValue(token, out var issuedAt))
        {
            return false;
        }

        return lifetime() is not { } life || clock.Now() - issuedAt < life;
    }

    /// <summary>Every token issued so far stops working; new ones from the token endpoint still do.</summary>
    public void ExpireAll() => _issued.Clear();

    public void Expire(string token) => _issued.TryRemove(token, out _);
}
