using System.Security;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.HubSpot;

namespace SfHsSync.Engine.Connections;

/// <summary>Everything needed to reach one HubSpot account with a private app token. The token never appears in ToString.</summary>
public sealed class HubSpotConnection
{
    public static readonly Uri DefaultBaseUrl = new("https://api.hubapi.com/");

    /// <summary>Environment variable holding the private app token, for pipelines.</summary>
    public const string AccessTokenVariable = "SFHSSYNC_HS_ACCESS_TOKEN";

    /// <summary>Environment variable holding the API base URL (default https://api.hubapi.com).</summary>
    public const string BaseUrlVariable = "SFHSSYNC_HS_BASE_URL";

    public HubSpotConnection(Uri baseUrl, SecureString accessToken)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        BaseUrl = WithTrailingSlash(baseUrl);
        AccessToken = accessToken ?? throw new ArgumentNullException(nameof(accessToken));
    }

    public Uri BaseUrl { get; }

    public SecureString AccessToken { get; }

    /// <summary>The portal (account) id when known.</summary>
    public long? PortalId { get; init; }

    /// <summary>The API version every call uses (default 2026-09; <see cref="HubSpotApiVersion.Variable"/> in pipelines).</summary>
    public HubSpotApiVersion ApiVersion { get; init; } = HubSpotApiVersion.Default;

    /// <summary>
    /// The connection the SFHSSYNC_HS_* variables describe, or null when no token variable is set.
    /// <paramref name="read"/> reads a variable (the process environment when null).
    /// </summary>
    public static HubSpotConnection? FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var token = read(AccessTokenVariable);
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        var url = read(BaseUrlVariable);
        return new HubSpotConnection(string.IsNullOrWhiteSpace(url) ? DefaultBaseUrl : ParseBaseUrl(url, BaseUrlVariable), SecretText.ToSecureString(token.Trim()))
        {
            ApiVersion = HubSpotApiVersion.FromEnvironment(read),
        };
    }

    /// <summary>
    /// The connection a command should use: the one given, else the current one (the last Connect-HubSpot or
    /// Start-SyncSandbox), else the environment variables; none of them is an error that says how to make one.
    /// </summary>
    public static HubSpotConnection Resolve(HubSpotConnection? given, HubSpotConnection? current, Func<string, string?>? read = null)
        => given ?? current ?? FromEnvironment(read) ?? throw new SyncException("HubSpotConnectionMissing", SyncErrorKind.InvalidOperation,
            $"No HubSpot connection: pass -Connection, run Connect-HubSpot or Start-SyncSandbox, or set {AccessTokenVariable} (and {BaseUrlVariable} for another host).")
        {
            RecommendedAction = "Run Connect-HubSpot -AccessToken (Read-Host -AsSecureString), or set the SFHSSYNC_HS_ACCESS_TOKEN environment variable.",
        };

    /// <summary>Reads a base URL, refusing anything but an absolute http(s) URL, and naming where it came from.</summary>
    public static Uri ParseBaseUrl(string value, string source)
    {
        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            return uri;
        }

        throw new SyncException("HubSpotBaseUrlInvalid", SyncErrorKind.InvalidArgument,
            $"{source} '{value}' is not an absolute http(s) URL such as {DefaultBaseUrl}.", value);
    }

    /// <summary>The same account, with its portal id once known.</summary>
    public HubSpotConnection WithPortalId(long? portalId) => new(BaseUrl, AccessToken) { PortalId = portalId, ApiVersion = ApiVersion };

    /// <summary>The same account, spoken to in <paramref name="version"/>.</summary>
    public HubSpotConnection WithApiVersion(HubSpotApiVersion version) => new(BaseUrl, AccessToken) { PortalId = PortalId, ApiVersion = version };

    public override string ToString() => PortalId is null ? $"HubSpot {BaseUrl} ({ApiVersion})" : $"HubSpot {BaseUrl} (portal {PortalId}, {ApiVersion})";

    // Resources are relative; without the slash a base path like http://proxy/hubspot would lose its last segment.
    private static Uri WithTrailingSlash(Uri uri)
        => uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/" + uri.Query);
}
