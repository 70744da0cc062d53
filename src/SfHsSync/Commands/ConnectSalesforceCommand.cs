using System.Management.Automation;
using System.Security;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Connects to a Salesforce org with an access token, the JWT bearer flow or client credentials.</para>
/// <para type="description">Authenticates once, so a bad token, key or secret fails at once, and makes the connection the
/// current one for later SfHsSync commands. With an access token the token is tried on the org's /limits resource; the
/// JWT bearer flow signs an RS256 assertion with the private key of a PEM or PFX file (the connected app holds its
/// certificate); the client credentials flow needs the org's My Domain URL. Secrets are SecureStrings and never appear
/// in output, logs or errors.</para>
/// <para type="description">With no parameters it reads the environment, for pipelines: SFHSSYNC_SF_INSTANCE_URL and
/// SFHSSYNC_SF_ACCESS_TOKEN (access token); SFHSSYNC_SF_CLIENT_ID, SFHSSYNC_SF_USERNAME, SFHSSYNC_SF_PRIVATE_KEY_PATH,
/// optional SFHSSYNC_SF_PRIVATE_KEY_PASSWORD and SFHSSYNC_SF_LOGIN_URL (JWT bearer); SFHSSYNC_SF_CLIENT_ID,
/// SFHSSYNC_SF_CLIENT_SECRET and SFHSSYNC_SF_LOGIN_URL or SFHSSYNC_SF_INSTANCE_URL (client credentials).</para>
/// <example><code>Connect-Salesforce -InstanceUrl https://acme.my.salesforce.com -AccessToken (Read-Host -AsSecureString 'Token')</code></example>
/// <example><code>Connect-Salesforce -ClientId $consumerKey -Username sync@acme.com -PrivateKeyPath ./server.key -LoginUrl https://login.salesforce.com</code></example>
/// <example><code>Connect-Salesforce -LoginUrl https://acme.my.salesforce.com -ClientId $id -ClientSecret (Read-Host -AsSecureString 'Secret')</code></example>
/// <example><code>Connect-Salesforce -RefreshToken $refreshToken -ClientId $id -ClientSecret $secret -LoginUrl https://test.salesforce.com</code></example>
/// <example><code>Connect-Salesforce -SfCliAlias my-sandbox</code></example>
/// <example><code>$env:SFHSSYNC_SF_CLIENT_ID = $id; $env:SFHSSYNC_SF_USERNAME = 'sync@acme.com'; $env:SFHSSYNC_SF_PRIVATE_KEY_PATH = $keyFile; Connect-Salesforce</code></example>
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "Salesforce", DefaultParameterSetName = EnvironmentSet)]
[OutputType(typeof(SalesforceConnection))]
public sealed class ConnectSalesforceCommand : SfHsSyncCmdlet
{
    public const string AccessTokenSet = "AccessToken";
    public const string JwtBearerSet = "JwtBearer";
    public const string ClientCredentialsSet = "ClientCredentials";
    public const string RefreshTokenSet = "RefreshToken";
    public const string SfCliSet = "SfCli";
    public const string EnvironmentSet = "Environment";

    private readonly CancellationTokenSource _stop = new();

    /// <summary>The org's instance URL (https://acme.my.salesforce.com); for client credentials it may stand for -LoginUrl.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
    [Parameter(ParameterSetName = ClientCredentialsSet)]
    [ValidateNotNull]
    public Uri? InstanceUrl { get; set; }

    /// <summary>An OAuth access token (session id) for the org.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
    [ValidateNotNull]
    public SecureString? AccessToken { get; set; }

    /// <summary>The connected app's consumer key.</summary>
    [Parameter(Mandatory = true, ParameterSetName = JwtBearerSet)]
    [Parameter(Mandatory = true, ParameterSetName = ClientCredentialsSet)]
    [Parameter(Mandatory = true, ParameterSetName = RefreshTokenSet)]
    [ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    /// <summary>The Salesforce username the JWT bearer flow signs in as.</summary>
    [Parameter(Mandatory = true, ParameterSetName = JwtBearerSet)]
    [ValidateNotNullOrEmpty]
    public string? Username { get; set; }

    /// <summary>A PEM (.pem, .key) or PFX (.pfx, .p12) file holding the RSA private key whose certificate the connected app holds.</summary>
    [Parameter(Mandatory = true, ParameterSetName = JwtBearerSet)]
    [ValidateNotNullOrEmpty]
    public string? PrivateKeyPath { get; set; }

    /// <summary>The password of an encrypted PEM or of a PFX file.</summary>
    [Parameter(ParameterSetName = JwtBearerSet)]
    public SecureString? PrivateKeyPassword { get; set; }

    /// <summary>The login URL: https://login.salesforce.com (the default), https://test.salesforce.com or the org's My Domain URL.</summary>
    [Parameter(ParameterSetName = JwtBearerSet)]
    [Parameter(ParameterSetName = ClientCredentialsSet)]
    [Parameter(ParameterSetName = RefreshTokenSet)]
    [ValidateNotNull]
    public Uri? LoginUrl { get; set; }

    /// <summary>The connected app's consumer secret.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ClientCredentialsSet)]
    [Parameter(Mandatory = true, ParameterSetName = RefreshTokenSet)]
    [ValidateNotNull]
    public SecureString? ClientSecret { get; set; }

    /// <summary>An OAuth refresh token (from an earlier interactive sign-in); the access token is renewed with it as it expires.</summary>
    [Parameter(Mandatory = true, ParameterSetName = RefreshTokenSet)]
    [ValidateNotNull]
    public SecureString? RefreshToken { get; set; }

    /// <summary>The alias (or username) of an org the Salesforce CLI is logged in to; its instance URL and access token come from sf org display --json.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SfCliSet)]
    [ValidateNotNullOrEmpty]
    public string? SfCliAlias { get; set; }

    /// <summary>The sf executable, when it is not on PATH (or SFHSSYNC_SF_CLI).</summary>
    [Parameter(ParameterSetName = SfCliSet)]
    [ValidateNotNullOrEmpty]
    public string? SfCliPath { get; set; }

    /// <summary>The REST API version, vNN.N, pinned; without it (and without SFHSSYNC_SF_API_VERSION), the newest version both the org (GET /services/data) and the module support.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ApiVersion { get; set; }

    /// <summary>The connection a command should use: its -Connection, else the current one, else the SFHSSYNC_SF_* variables.</summary>
    public static SalesforceConnection Resolve(SalesforceConnection? connection)
        => SalesforceSession.Resolve(connection);

    protected override void EndProcessing()
    {
        SalesforceConnection connection;
        try
        {
            connection = Build();
            using (var client = new SalesforceClient(connection, new SalesforceClientOptions { MaxRetries = 2 }))
            {
                Task.Run(() => client.ConnectAsync(_stop.Token)).GetAwaiter().GetResult();
            }

            // Pinned by -ApiVersion or SFHSSYNC_SF_API_VERSION: kept; otherwise asked of the org once and kept in the connection.
            Task.Run(() => SalesforceApiVersionNegotiator.NegotiateAsync(connection, _stop.Token)).GetAwaiter().GetResult();
        }
        catch (SyncException ex)
        {
            ThrowSyncError(ex);
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        SessionConnections.Salesforce = connection;
        WriteVerbose($"Connected to {connection}{(connection.OrganizationId is null ? string.Empty : $", org {connection.OrganizationId}")}.");
        WriteObject(connection);
    }

    protected override void StopProcessing() => _stop.Cancel();

    private SalesforceConnection Build()
    {
        var pinned = ApiVersion is null ? null : SalesforceApiVersionNegotiator.ParsePinned(ApiVersion, "-ApiVersion");
        var connection = ParameterSetName switch
        {
            AccessTokenSet => new SalesforceConnection(Checked(InstanceUrl!, "-InstanceUrl"), AccessToken!),
            JwtBearerSet => SalesforceConnection.ForJwtBearer(LoginUrl is null ? SalesforceConnection.DefaultLoginUrl : Checked(LoginUrl, "-LoginUrl"),
                ClientId!, Username!, GetUnresolvedProviderPathFromPSPath(PrivateKeyPath!), PrivateKeyPassword),
            ClientCredentialsSet => SalesforceConnection.ForClientCredentials(MyDomain(), ClientId!, ClientSecret!),
            SfCliSet => Task.Run(() => SalesforceCliLogin.ConnectAsync(SfCliAlias!, SfCliExecutable(), _stop.Token))
                .GetAwaiter().GetResult(),
            RefreshTokenSet => SalesforceConnection.ForRefreshToken(LoginUrl is null ? SalesforceConnection.DefaultLoginUrl : Checked(LoginUrl, "-LoginUrl"),
                ClientId!, ClientSecret!, RefreshToken!),
            _ => SalesforceConnection.FromEnvironment(),
        };
        return pinned is null ? connection : connection.WithApiVersion(pinned);
    }

    /// <summary>-SfCliPath as a file path when it names one, else as a command to find on PATH.</summary>
    private string? SfCliExecutable()
        => SfCliPath is null || SfCliPath.IndexOfAny(['/', '\\']) < 0 ? SfCliPath : GetUnresolvedProviderPathFromPSPath(SfCliPath);

    private Uri MyDomain()
    {
        if (LoginUrl is not null && InstanceUrl is not null && LoginUrl != InstanceUrl)
        {
            throw new SyncException("SalesforceLoginUrlAmbiguous", SyncErrorKind.InvalidArgument,
                $"-LoginUrl {LoginUrl} and -InstanceUrl {InstanceUrl} differ: the client credentials flow needs one My Domain URL.");
        }

        var url = LoginUrl ?? InstanceUrl ?? throw new SyncException("SalesforceLoginUrlMissing", SyncErrorKind.InvalidArgument,
            "The client credentials flow needs the org's My Domain URL: give -LoginUrl (or -InstanceUrl).");
        return Checked(url, LoginUrl is null ? "-InstanceUrl" : "-LoginUrl");
    }

    private static Uri Checked(Uri url, string parameter)
        => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw new SyncException("SalesforceUrlInvalid", SyncErrorKind.InvalidArgument,
                $"{parameter} '{url.OriginalString}' is not an absolute http(s) URL such as https://acme.my.salesforce.com.", parameter);
}
