using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.Tests.HubSpot;

public sealed class HubSpotConnectionTests
{
    private const string Token = "pat-na1-secret-value";

    [Fact]
    public void ReadsTokenAndBaseUrlFromTheEnvironmentAndKeepsTheTokenOutOfToString()
    {
        var env = new Dictionary<string, string> { ["SFHSSYNC_HS_ACCESS_TOKEN"] = Token, ["SFHSSYNC_HS_BASE_URL"] = "http://127.0.0.1:5000/hub" };

        var connection = HubSpotConnection.FromEnvironment(env.GetValueOrDefault)!;

        Assert.Equal(new Uri("http://127.0.0.1:5000/hub/"), connection.BaseUrl);
        Assert.Equal(Token, SecretText.Reveal(connection.AccessToken));
        Assert.DoesNotContain(Token, connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultsToHubSpotsApiHostAndGivesNullWithoutAToken()
    {
        Assert.Equal(HubSpotConnection.DefaultBaseUrl, HubSpotConnection.FromEnvironment(n => n == "SFHSSYNC_HS_ACCESS_TOKEN" ? Token : null)!.BaseUrl);
        Assert.Null(HubSpotConnection.FromEnvironment(_ => null));
    }

    [Fact]
    public void RefusesABaseUrlThatIsNotHttpAndNamesTheVariable()
    {
        var ex = Assert.Throws<SyncException>(() => HubSpotConnection.FromEnvironment(n => n == "SFHSSYNC_HS_BASE_URL" ? "ftp://x" : Token));

        Assert.Equal("HubSpotBaseUrlInvalid", ex.ErrorId);
        Assert.Contains("SFHSSYNC_HS_BASE_URL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolvesGivenThenCurrentThenEnvironmentThenFailsSayingHow()
    {
        var given = new HubSpotConnection(new Uri("http://given/"), SecretText.ToSecureString("a"));
        var current = new HubSpotConnection(new Uri("http://current/"), SecretText.ToSecureString("b"));

        Assert.Same(given, HubSpotConnection.Resolve(given, current, _ => null));
        Assert.Same(current, HubSpotConnection.Resolve(null, current, _ => null));
        Assert.Equal(HubSpotConnection.DefaultBaseUrl, HubSpotConnection.Resolve(null, null, n => n == "SFHSSYNC_HS_ACCESS_TOKEN" ? Token : null).BaseUrl);
        var ex = Assert.Throws<SyncException>(() => HubSpotConnection.Resolve(null, null, _ => null));
        Assert.Equal("HubSpotConnectionMissing", ex.ErrorId);
        Assert.Equal(SyncErrorKind.InvalidOperation, ex.Kind);
    }
}
