using System.Security;

namespace SfHsSync.Engine.Connections;

/// <summary>How the engine authenticates to Salesforce.</summary>
public enum SalesforceAuthMethod
{
    AccessToken,
    JwtBearer,
    ClientCredentials,
}

/// <summary>
/// Everything needed to reach one Salesforce org. Secrets are SecureStrings and are never part of ToString.
/// </summary>
public sealed class SalesforceConnection
{
    public SalesforceConnection(Uri instanceUrl, SecureString accessToken)
    {
        InstanceUrl = instanceUrl ?? throw new ArgumentNullException(nameof(instanceUrl));
        AccessToken = accessToken ?? throw new ArgumentNullException(nameof(accessToken));
        AuthMethod = SalesforceAuthMethod.AccessToken;
    }

    private SalesforceConnection(Uri instanceUrl, SalesforceAuthMethod method)
    {
        InstanceUrl = instanceUrl;
        AuthMethod = method;
    }

    /// <summary>A connection that signs a JWT with the private key in <paramref name="privateKeyPath"/> (PEM or PFX).</summary>
    public static SalesforceConnection ForJwtBearer(Uri loginUrl, string clientId, string username, string privateKeyPath, SecureString? keyPassword = null)
        => new(loginUrl, SalesforceAuthMethod.JwtBearer)
        {
            LoginUrl = loginUrl,
            ClientId = clientId,
            Username = username,
            PrivateKeyPath = privateKeyPath,
            PrivateKeyPassword = keyPassword,
        };

    /// <summary>A connection that uses the OAuth client credentials flow on a My Domain URL.</summary>
    public static SalesforceConnection ForClientCredentials(Uri myDomainUrl, string clientId, SecureString clientSecret)
        => new(myDomainUrl, SalesforceAuthMethod.ClientCredentials)
        {
            LoginUrl = myDomainUrl,
            ClientId = clientId,
            ClientSecret = clientSecret,
        };

    /// <summary>The org's instance URL (for token flows, known once a token has been issued; until then the login URL).</summary>
    public Uri InstanceUrl { get; set; }

    public SalesforceAuthMethod AuthMethod { get; }

    public string ApiVersion { get; init; } = "v59.0";

    public Uri? LoginUrl { get; private init; }

    public string? ClientId { get; private init; }

    public string? Username { get; private init; }

    public string? PrivateKeyPath { get; private init; }

    internal SecureString? PrivateKeyPassword { get; private init; }

    internal SecureString? ClientSecret { get; private init; }

    /// <summary>The current access token; replaced when a token flow re-authenticates.</summary>
    public SecureString? AccessToken { get; internal set; }

    public override string ToString() => $"Salesforce {InstanceUrl} ({AuthMethod})";
}
