using System.Security;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Engine.Connections;

/// <summary>How the engine authenticates to Salesforce.</summary>
public enum SalesforceAuthMethod
{
    AccessToken,
    JwtBearer,
    ClientCredentials,
    RefreshToken,
}

/// <summary>
/// Everything needed to reach one Salesforce org. Secrets are SecureStrings and are never part of ToString.
/// </summary>
public sealed class SalesforceConnection
{
    /// <summary>Salesforce's production login URL, the JWT bearer default.</summary>
    public static readonly Uri DefaultLoginUrl = new("https://login.salesforce.com");

    public const string InstanceUrlVariable = "SFHSSYNC_SF_INSTANCE_URL";
    public const string AccessTokenVariable = "SFHSSYNC_SF_ACCESS_TOKEN";
    public const string ClientIdVariable = "SFHSSYNC_SF_CLIENT_ID";
    public const string UsernameVariable = "SFHSSYNC_SF_USERNAME";
    public const string PrivateKeyPathVariable = "SFHSSYNC_SF_PRIVATE_KEY_PATH";
    public const string PrivateKeyPasswordVariable = "SFHSSYNC_SF_PRIVATE_KEY_PASSWORD";
    public const string ClientSecretVariable = "SFHSSYNC_SF_CLIENT_SECRET";
    public const string LoginUrlVariable = "SFHSSYNC_SF_LOGIN_URL";

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
    {
        ArgumentNullException.ThrowIfNull(loginUrl);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentException.ThrowIfNullOrEmpty(privateKeyPath);
        return new(loginUrl, SalesforceAuthMethod.JwtBearer)
        {
            LoginUrl = loginUrl,
            ClientId = clientId,
            Username = username,
            PrivateKeyPath = privateKeyPath,
            PrivateKeyPassword = keyPassword,
        };
    }

    /// <summary>A connection that uses the OAuth client credentials flow on a My Domain URL.</summary>
    public static SalesforceConnection ForClientCredentials(Uri myDomainUrl, string clientId, SecureString clientSecret)
    {
        ArgumentNullException.ThrowIfNull(myDomainUrl);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentNullException.ThrowIfNull(clientSecret);
        return new(myDomainUrl, SalesforceAuthMethod.ClientCredentials)
        {
            LoginUrl = myDomainUrl,
            ClientId = clientId,
            ClientSecret = clientSecret,
        };
    }

    /// <summary>
    /// A connection that renews its access token with an OAuth refresh token (the flow interactive tools use), the
    /// connected app's consumer key and secret, at <paramref name="loginUrl"/> (login.salesforce.com, test.salesforce.com or My Domain).
    /// </summary>
    public static SalesforceConnection ForRefreshToken(Uri loginUrl, string clientId, SecureString clientSecret, SecureString refreshToken)
    {
        ArgumentNullException.ThrowIfNull(loginUrl);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentNullException.ThrowIfNull(clientSecret);
        ArgumentNullException.ThrowIfNull(refreshToken);
        return new(loginUrl, SalesforceAuthMethod.RefreshToken)
        {
            LoginUrl = loginUrl,
            ClientId = clientId,
            ClientSecret = clientSecret,
            RefreshToken = refreshToken,
        };
    }

    /// <summary>
    /// The connection a pipeline describes in SFHSSYNC_SF_* environment variables: an access token with
    /// SFHSSYNC_SF_INSTANCE_URL and SFHSSYNC_SF_ACCESS_TOKEN; JWT bearer with SFHSSYNC_SF_CLIENT_ID, SFHSSYNC_SF_USERNAME and
    /// SFHSSYNC_SF_PRIVATE_KEY_PATH (SFHSSYNC_SF_PRIVATE_KEY_PASSWORD and SFHSSYNC_SF_LOGIN_URL optional); client
    /// credentials with SFHSSYNC_SF_CLIENT_ID, SFHSSYNC_SF_CLIENT_SECRET and SFHSSYNC_SF_LOGIN_URL (or SFHSSYNC_SF_INSTANCE_URL).
    /// SFHSSYNC_SF_API_VERSION (vNN.N) pins the API version; without it the version is negotiated with the org.
    /// </summary>
    public static SalesforceConnection FromEnvironment(Func<string, string?>? readVariable = null)
    {
        readVariable ??= Environment.GetEnvironmentVariable;
        var connection = FromEnvironmentUnversioned(readVariable);
        return readVariable(SalesforceApiVersionNegotiator.PinVariable) is { Length: > 0 } pinned
            ? connection.WithApiVersion(SalesforceApiVersionNegotiator.ParsePinned(pinned, SalesforceApiVersionNegotiator.PinVariable))
            : connection;
    }

    private static SalesforceConnection FromEnvironmentUnversioned(Func<string, string?> readVariable)
    {
        string? Read(string name) => readVariable(name) is { Length: > 0 } value ? value.Trim() : null;

        var instanceUrl = Read(InstanceUrlVariable);
        var accessToken = Read(AccessTokenVariable);
        var clientId = Read(ClientIdVariable);
        var username = Read(UsernameVariable);
        var keyPath = Read(PrivateKeyPathVariable);
        var keyPassword = Read(PrivateKeyPasswordVariable);
        var clientSecret = Read(ClientSecretVariable);
        var loginUrl = Read(LoginUrlVariable);

        if (accessToken is not null)
        {
            if (instanceUrl is null)
            {
                throw Missing($"{AccessTokenVariable} is set but {InstanceUrlVariable} is not: an access token needs the org's instance URL.");
            }

            return new SalesforceConnection(ParseUrl(instanceUrl, InstanceUrlVariable), SecretText.ToSecureString(accessToken));
        }

        if (clientId is not null && (username is not null || keyPath is not null))
        {
            if (username is null || keyPath is null)
            {
                throw Missing($"The JWT bearer flow needs {ClientIdVariable}, {UsernameVariable} and {PrivateKeyPathVariable}; {(username is null ? UsernameVariable : PrivateKeyPathVariable)} is not set.");
            }

            return ForJwtBearer(loginUrl is null ? DefaultLoginUrl : ParseUrl(loginUrl, LoginUrlVariable), clientId, username, keyPath,
                keyPassword is null ? null : SecretText.ToSecureString(keyPassword));
        }

        if (clientId is not null && clientSecret is not null)
        {
            var domain = loginUrl ?? instanceUrl ?? throw Missing(
                $"The client credentials flow needs the org's My Domain URL in {LoginUrlVariable} (or {InstanceUrlVariable}).");
            return ForClientCredentials(ParseUrl(domain, loginUrl is null ? InstanceUrlVariable : LoginUrlVariable), clientId, SecretText.ToSecureString(clientSecret));
        }

        throw Missing("No Salesforce connection: run Connect-Salesforce or Start-SyncSandbox, pass -Connection, or set " +
            $"{InstanceUrlVariable} and {AccessTokenVariable} (access token), {ClientIdVariable}, {UsernameVariable} and {PrivateKeyPathVariable} (JWT bearer), " +
            $"or {ClientIdVariable}, {ClientSecretVariable} and {LoginUrlVariable} (client credentials).");
    }

    /// <summary>The connection a command uses: the one it was given, else the session's current one, else the environment's.</summary>
    public static SalesforceConnection Resolve(SalesforceConnection? given, SalesforceConnection? current, Func<string, string?>? readVariable = null)
        => given ?? current ?? FromEnvironment(readVariable);

    /// <summary>The org's instance URL (for token flows, known once a token has been issued; until then the login URL).</summary>
    public Uri InstanceUrl { get; set; }

    public SalesforceAuthMethod AuthMethod { get; }

    /// <summary>The REST API version (vNN.N) the connection speaks; see <see cref="ApiVersionSource"/>.</summary>
    public string ApiVersion { get; private set; } = "v59.0";

    /// <summary>Whether <see cref="ApiVersion"/> is pinned, negotiated with the org, or not chosen yet.</summary>
    public SalesforceApiVersionSource ApiVersionSource { get; private set; }

    public Uri? LoginUrl { get; private init; }

    public string? ClientId { get; private init; }

    public string? Username { get; private init; }

    public string? PrivateKeyPath { get; private init; }

    internal SecureString? PrivateKeyPassword { get; private init; }

    internal SecureString? ClientSecret { get; private init; }

    internal SecureString? RefreshToken { get; private init; }

    /// <summary>The current access token; replaced when a token flow re-authenticates.</summary>
    public SecureString? AccessToken { get; internal set; }

    /// <summary>The org id (00D…), known once the token endpoint has answered.</summary>
    public string? OrganizationId { get; internal set; }

    /// <summary>The id of the user the token acts as (005…), known once the token endpoint has answered.</summary>
    public string? UserId { get; internal set; }

    /// <summary>When the current token was issued or last checked.</summary>
    public DateTimeOffset? AuthenticatedAt { get; internal set; }

    /// <summary>True for flows that can get a new token by themselves when Salesforce answers 401.</summary>
    public bool CanReauthenticate => AuthMethod != SalesforceAuthMethod.AccessToken;

    /// <summary>The same org and credentials pinned to another REST API version (vNN.N), never negotiated.</summary>
    public SalesforceConnection WithApiVersion(string apiVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiVersion);
        return new SalesforceConnection(InstanceUrl, AuthMethod)
        {
            ApiVersion = apiVersion,
            ApiVersionSource = SalesforceApiVersionSource.Pinned,
            LoginUrl = LoginUrl,
            ClientId = ClientId,
            Username = Username,
            PrivateKeyPath = PrivateKeyPath,
            PrivateKeyPassword = PrivateKeyPassword,
            ClientSecret = ClientSecret,
            RefreshToken = RefreshToken,
            AccessToken = AccessToken,
            OrganizationId = OrganizationId,
            UserId = UserId,
            AuthenticatedAt = AuthenticatedAt,
        };
    }

    /// <summary>Keeps the version SalesforceApiVersionNegotiator chose, so the connection never asks again.</summary>
    internal void UseNegotiatedApiVersion(string apiVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiVersion);
        ApiVersion = apiVersion;
        ApiVersionSource = SalesforceApiVersionSource.Negotiated;
    }

    public override string ToString() => $"Salesforce {InstanceUrl} ({AuthMethod})";

    private static Uri ParseUrl(string text, string variable)
        => Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw new SyncException("SalesforceConnectionInvalid", SyncErrorKind.InvalidArgument,
                $"{variable} is not an absolute http(s) URL: '{text}'.", variable);

    private static SyncException Missing(string message)
        => new("SalesforceConnectionMissing", SyncErrorKind.InvalidOperation, message)
        {
            RecommendedAction = "Run Connect-Salesforce (or Start-SyncSandbox), or set the SFHSSYNC_SF_* environment variables.",
        };
}
