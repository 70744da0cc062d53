using System.Security;

namespace SfHsSync.Engine.Connections;

/// <summary>Everything needed to reach one HubSpot account with a private app token. The token never appears in ToString.</summary>
public sealed class HubSpotConnection
{
    public static readonly Uri DefaultBaseUrl = new("https://api.hubapi.com/");

    public HubSpotConnection(Uri baseUrl, SecureString accessToken)
    {
        BaseUrl = baseUrl ?? throw new ArgumentNullException(nameof(baseUrl));
        AccessToken = accessToken ?? throw new ArgumentNullException(nameof(accessToken));
    }

    public Uri BaseUrl { get; }

    public SecureString AccessToken { get; }

    /// <summary>The portal (account) id when known.</summary>
    public long? PortalId { get; init; }

    public override string ToString() => $"HubSpot {BaseUrl}";
}
