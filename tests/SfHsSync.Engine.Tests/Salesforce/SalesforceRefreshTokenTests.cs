using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Salesforce;
using static SfHsSync.Engine.Tests.Salesforce.SalesforceClientSandbox;

namespace SfHsSync.Engine.Tests.Salesforce;

/// <summary>
/// The refresh token flow interactive tools use: a connection with the refresh token, consumer key and secret signs in
/// at the token endpoint (grant_type=refresh_token) and renews its access token there when Salesforce answers 401.
/// </summary>
public sealed class SalesforceRefreshTokenTests
{
    private const string RefreshToken = "5Aep861-refresh-Kq2";
    private const string ConsumerKey = "refresh-test-key";
    private const string ConsumerSecret = "refresh-test-secret-Vb4";

    private static Task<global::SfHsSync.Sandbox.SandboxServer> StartRefreshSandboxAsync()
        => StartAsync(o => (o.RefreshToken, o.ConsumerKey, o.ConsumerSecret) = (RefreshToken, ConsumerKey, ConsumerSecret));

    [Fact]
    public async Task A_refresh_token_signs_in_and_renews_the_access_token_when_it_expires()
    {
        await using var server = await StartRefreshSandboxAsync();
        var connection = SalesforceConnection.ForRefreshToken(server.SalesforceUrl, ConsumerKey, SecretText.ToSecureString(ConsumerSecret), SecretText.ToSecureString(RefreshToken));
        using var client = new SalesforceClient(connection, Fast);

        await client.ConnectAsync();
        var first = SecretText.Reveal(connection.AccessToken!);
        server.Salesforce.ExpireAllTokens();
        var count = await client.CountAsync(SoqlQuery.Count(await client.DescribeAsync("Account")));

        Assert.Equal(5, count);
        Assert.Equal(SalesforceAuthMethod.RefreshToken, connection.AuthMethod);
        Assert.Equal(2, server.Salesforce.Requests.Count("POST", "/services/oauth2/token"));
        Assert.Equal(1, server.Salesforce.Requests.Entries.Count(e => e.Status == 401));
        Assert.NotEqual(first, SecretText.Reveal(connection.AccessToken!));
        Assert.DoesNotContain(RefreshToken, connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_refresh_token_fails_at_connect_with_Salesforces_reason_and_is_never_shown()
    {
        await using var server = await StartRefreshSandboxAsync();
        var connection = SalesforceConnection.ForRefreshToken(server.SalesforceUrl, ConsumerKey, SecretText.ToSecureString(ConsumerSecret), SecretText.ToSecureString("revoked-token-Zz1"));
        using var client = new SalesforceClient(connection, Fast);

        var ex = await Assert.ThrowsAsync<SyncException>(() => client.ConnectAsync());

        Assert.Equal("SalesforceAuthenticationFailed", ex.ErrorId);
        Assert.Contains("invalid_grant", ex.Message, StringComparison.Ordinal);
        Assert.Contains("refresh token sign-in", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked-token-Zz1", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ConsumerSecret, ex.ToString(), StringComparison.Ordinal);
        Assert.Null(connection.AccessToken);
    }

    [Fact]
    public async Task Another_apps_consumer_key_is_refused()
    {
        await using var server = await StartRefreshSandboxAsync();
        var connection = SalesforceConnection.ForRefreshToken(server.SalesforceUrl, "someone-else", SecretText.ToSecureString(ConsumerSecret), SecretText.ToSecureString(RefreshToken));
        using var client = new SalesforceClient(connection, Fast);

        var ex = await Assert.ThrowsAsync<SyncException>(() => client.ConnectAsync());

        Assert.Contains("invalid_client_id", ex.Message, StringComparison.Ordinal);
    }
}
