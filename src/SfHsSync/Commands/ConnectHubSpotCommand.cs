using System.Management.Automation;
using System.Security;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.HubSpot;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Connects to a HubSpot account with a private app access token.</para>
/// <para type="description">Checks the token once against the account (reading its custom object schemas, the scope a sync
/// needs), so a bad token fails at once, and makes the connection the current one for later SfHsSync commands.
/// With no parameters it reads the environment, for pipelines: SFHSSYNC_HS_ACCESS_TOKEN (the private app token) and
/// SFHSSYNC_HS_BASE_URL (optional, default https://api.hubapi.com). The token is never written to output or errors.
/// -ApiVersion (or SFHSSYNC_HS_API_VERSION) chooses the API version every call uses: 2026-09 (the default), 2026-03, or v3
/// for an account or proxy that still needs the numbered v3/v4 paths.</para>
/// <example><code>Connect-HubSpot -AccessToken (Read-Host -AsSecureString 'HubSpot private app token')</code></example>
/// <example><code>Connect-HubSpot -AccessToken $token -ApiVersion v3</code></example>
/// <example><code>$env:SFHSSYNC_HS_ACCESS_TOKEN = $(HubSpotToken); Connect-HubSpot</code></example>
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "HubSpot", DefaultParameterSetName = EnvironmentSet)]
[OutputType(typeof(HubSpotConnection))]
public sealed class ConnectHubSpotCommand : SfHsSyncCmdlet
{
    public const string TokenSet = "AccessToken";
    public const string EnvironmentSet = "Environment";

    private readonly CancellationTokenSource _stop = new();

    /// <summary>The private app access token.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = TokenSet)]
    [ValidateNotNull]
    public SecureString? AccessToken { get; set; }

    /// <summary>The API's base URL (default https://api.hubapi.com, or SFHSSYNC_HS_BASE_URL).</summary>
    [Parameter(ParameterSetName = TokenSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    [ValidateNotNull]
    public Uri? BaseUrl { get; set; }

    /// <summary>The HubSpot API version: 2026-09 (the default, or SFHSSYNC_HS_API_VERSION), 2026-03 or v3.</summary>
    [Parameter(ParameterSetName = TokenSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    [ValidateSet("2026-09", "2026-03", "v3")]
    public string? ApiVersion { get; set; }

    /// <summary>
    /// The connection a command should use: its -Connection, else the current one, else the SFHSSYNC_HS_* variables.
    /// </summary>
    public static HubSpotConnection Resolve(HubSpotConnection? connection)
        => HubSpotConnection.Resolve(connection, SessionConnections.HubSpot);

    protected override void EndProcessing()
    {
        HubSpotConnection connection;
        try
        {
            connection = Build();
        }
        catch (SyncException ex)
        {
            ThrowSyncError(ex);
            return;
        }

        try
        {
            using var client = new HubSpotClient(connection, new HubSpotClientOptions { MaxRetries = 2 });
            var schemas = Task.Run(() => client.GetSchemasAsync(_stop.Token)).GetAwaiter().GetResult();
            connection = connection.WithPortalId(PortalOf(schemas.Select(s => s.FullyQualifiedName)));
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

        SessionConnections.HubSpot = connection;
        WriteVerbose($"Connected to {connection}.");
        WriteObject(connection);
    }

    protected override void StopProcessing() => _stop.Cancel();

    private HubSpotConnection Build()
    {
        var built = BuildFromSource();
        return ApiVersion is null ? built : built.WithApiVersion(HubSpotApiVersion.Parse(ApiVersion, "-ApiVersion"));
    }

    private HubSpotConnection BuildFromSource()
    {
        if (ParameterSetName == TokenSet)
        {
            return new HubSpotConnection(Checked(BaseUrl) ?? HubSpotConnection.DefaultBaseUrl, AccessToken!)
            {
                ApiVersion = HubSpotApiVersion.FromEnvironment(Environment.GetEnvironmentVariable),
            };
        }

        var fromEnvironment = HubSpotConnection.FromEnvironment()
            ?? throw new SyncException("HubSpotAccessTokenMissing", SyncErrorKind.InvalidArgument,
                $"Connect-HubSpot needs -AccessToken, or the {HubSpotConnection.AccessTokenVariable} environment variable.")
            {
                RecommendedAction = "Run Connect-HubSpot -AccessToken (Read-Host -AsSecureString), or set SFHSSYNC_HS_ACCESS_TOKEN.",
            };
        return BaseUrl is null ? fromEnvironment : new HubSpotConnection(Checked(BaseUrl)!, fromEnvironment.AccessToken) { ApiVersion = fromEnvironment.ApiVersion };
    }

    private static Uri? Checked(Uri? url) => url is null ? null : HubSpotConnection.ParseBaseUrl(url.OriginalString, "-BaseUrl");

    /// <summary>A custom object's fully qualified name is p&lt;portal&gt;_&lt;name&gt;; with none, the portal stays unknown.</summary>
    private static long? PortalOf(IEnumerable<string?> fullyQualifiedNames)
    {
        foreach (var name in fullyQualifiedNames)
        {
            if (name is { Length: > 2 } && name[0] == 'p' && name.IndexOf('_', StringComparison.Ordinal) is var cut and > 1
                && long.TryParse(name.AsSpan(1, cut - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var portal))
            {
                return portal;
            }
        }

        return null;
    }
}
