using System.Security;
using RestSharp;
using RestSharp.Authenticators;
using SfHsSync.Engine.Connections;

namespace SfHsSync.Engine.HubSpot;

/// <summary>Puts the private app token on each request, revealing it only for the moment the header is built.</summary>
internal sealed class HubSpotBearerAuthenticator : IAuthenticator
{
    private readonly SecureString _token;

    public HubSpotBearerAuthenticator(SecureString token) => _token = token;

    public ValueTask Authenticate(IRestClient client, RestRequest request, CancellationToken cancellationToken)
    {
        request.AddOrUpdateHeader("Authorization", "Bearer " + SecretText.Reveal(_token));
        return ValueTask.CompletedTask;
    }

    public override string ToString() => "HubSpot bearer token (hidden)";
}
