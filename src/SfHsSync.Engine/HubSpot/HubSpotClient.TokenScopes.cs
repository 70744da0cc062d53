using System.Net;
using RestSharp;

namespace SfHsSync.Engine.HubSpot;

/// <summary>The private app token's scopes, from HubSpot's access-token information endpoint.</summary>
public sealed partial class HubSpotClient
{
    /// <summary>
    /// The scopes the private app's token carries (POST /oauth/v2/private-apps/get/access-token-info). Null when HubSpot
    /// has no private app for the token (an OAuth token, say): the scopes are then unknown rather than missing.
    /// </summary>
    public async Task<IReadOnlyList<string>?> GetTokenScopesAsync(CancellationToken cancellationToken = default)
    {
        var request = HubSpotTransport.Json("oauth/v2/private-apps/get/access-token-info", Method.Post, new TokenInfoRequest(_transport.SecretForScrubbing()));
        var response = await _transport.SendAsync(request, HubSpotCallKind.Standard, "the access token", cancellationToken, returnRefusals: true).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            return null;
        }

        if (!response.IsSuccessful)
        {
            throw HubSpotFailure.ToException(response, "read the access token's scopes", null, _transport.SecretForScrubbing());
        }

        var info = System.Text.Json.JsonSerializer.Deserialize<TokenInfo>(response.Content ?? "{}", HubSpotJson.Options);
        return info?.Scopes ?? [];
    }

    private sealed record TokenInfoRequest(string TokenKey);

    private sealed record TokenInfo(List<string>? Scopes);
}
