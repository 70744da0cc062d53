using System.Text.Json;
using Polly;
using RestSharp;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.Salesforce;

/// <summary>
/// The token endpoint flows: JWT bearer (a signed assertion), client credentials (id and secret) and refresh token. A granted token
/// replaces the connection's token and instance URL; a refusal is SalesforceAuthenticationFailed with Salesforce's reason.
/// </summary>
internal static class SalesforceOAuth
{
    public const string TokenPath = "/services/oauth2/token";

    public static async Task RequestTokenAsync(SalesforceConnection connection, RestClient rest, ResiliencePipeline<RestResponse> retry,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!connection.CanReauthenticate)
        {
            throw new SyncException("SalesforceSessionExpired", SyncErrorKind.AuthenticationError,
                $"The connection to {connection.InstanceUrl} has no access token and no way to get one.", connection.InstanceUrl.ToString());
        }

        var loginUrl = connection.LoginUrl!;
        var (flow, form) = TokenForm(connection, loginUrl, clock);
        var tokenUrl = new Uri(loginUrl, TokenPath);
        var response = await retry.ExecuteAsync(async ct =>
        {
            var request = new RestRequest(tokenUrl, Method.Post);
            foreach (var (name, value) in form)
            {
                request.AddParameter(name, value);
            }

            return await rest.ExecuteAsync(request, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        if (response.StatusCode == 0)
        {
            throw new SyncException("SalesforceConnectionFailed", SyncErrorKind.ConnectionError,
                $"Could not reach the Salesforce login URL {loginUrl} for the {flow}: {response.ErrorMessage ?? response.ResponseStatus.ToString()}.",
                loginUrl.ToString());
        }

        if (!response.IsSuccessStatusCode)
        {
            var errors = SalesforceApiError.Parse(response.Content);
            throw new SyncException("SalesforceAuthenticationFailed", SyncErrorKind.AuthenticationError,
                $"Salesforce refused the {flow} at {loginUrl} ({(int)response.StatusCode}): {SalesforceTransport.Describe(errors)}",
                loginUrl.ToString())
            {
                RecommendedAction = connection.AuthMethod switch
                {
                    SalesforceAuthMethod.JwtBearer => "Check the consumer key (-ClientId), the username, the login URL and that the connected app holds the certificate of this private key and pre-authorizes the user.",
                    SalesforceAuthMethod.RefreshToken => "Check the client id and secret and that the refresh token is still valid (not revoked, and kept by the connected app's refresh token policy); sign in again to get a new one.",
                    _ => "Check the client id and secret, that the URL is the org's My Domain URL, and that the connected app enables the client credentials flow with a run-as user.",
                },
            };
        }

        Apply(connection, response.Content, clock);
    }


    /// <summary>What the flow is called in messages, and the token request's form fields.</summary>
    private static (string Flow, List<KeyValuePair<string, string>> Form) TokenForm(SalesforceConnection connection, Uri loginUrl, TimeProvider clock)
    {
        var form = new List<KeyValuePair<string, string>>();
        string flow;
        if (connection.AuthMethod == SalesforceAuthMethod.JwtBearer)
        {
            flow = $"JWT bearer sign-in of {connection.Username}";
            using var key = SalesforcePrivateKey.Load(connection.PrivateKeyPath!, connection.PrivateKeyPassword);
            var assertion = JwtBearerAssertion.Create(connection.ClientId!, connection.Username!, loginUrl, key, clock.GetUtcNow());
            form.Add(new("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"));
            form.Add(new("assertion", assertion));
        }
        else if (connection.AuthMethod == SalesforceAuthMethod.RefreshToken)
        {
            flow = $"refresh token sign-in of client {connection.ClientId}";
            form.Add(new("grant_type", "refresh_token"));
            form.Add(new("refresh_token", SecretText.Reveal(connection.RefreshToken!)));
            form.Add(new("client_id", connection.ClientId!));
            form.Add(new("client_secret", SecretText.Reveal(connection.ClientSecret!)));
        }
        else
        {
            flow = $"client credentials sign-in of client {connection.ClientId}";
            form.Add(new("grant_type", "client_credentials"));
            form.Add(new("client_id", connection.ClientId!));
            form.Add(new("client_secret", SecretText.Reveal(connection.ClientSecret!)));
        }

        return (flow, form);
    }

    private static void Apply(SalesforceConnection connection, string? body, TimeProvider clock)
    {
        try
        {
            using var doc = JsonDocument.Parse(body ?? string.Empty);
            var root = doc.RootElement;
            var token = JsonMember.Text(root, "access_token");
            var instance = JsonMember.Text(root, "instance_url");
            if (string.IsNullOrEmpty(token) || !Uri.TryCreate(instance, UriKind.Absolute, out var instanceUrl))
            {
                throw Unreadable(connection, "it carries no access_token or instance_url");
            }

            connection.AccessToken = SecretText.ToSecureString(token);
            connection.InstanceUrl = instanceUrl;
            connection.AuthenticatedAt = clock.GetUtcNow();
            // The identity URL ends in /id/<orgId>/<userId>.
            if (Uri.TryCreate(JsonMember.Text(root, "id"), UriKind.Absolute, out var identity))
            {
                var segments = identity.AbsolutePath.Trim('/').Split('/');
                if (segments.Length >= 3 && segments[^3] == "id")
                {
                    connection.OrganizationId = segments[^2];
                    connection.UserId = segments[^1];
                }
            }
        }
        catch (JsonException)
        {
            throw Unreadable(connection, "it is not JSON");
        }
    }

    private static SyncException Unreadable(SalesforceConnection connection, string why)
        => new("SalesforceAuthenticationFailed", SyncErrorKind.AuthenticationError,
            $"The token answer from {connection.LoginUrl} could not be used: {why}.", connection.LoginUrl?.ToString());
}
