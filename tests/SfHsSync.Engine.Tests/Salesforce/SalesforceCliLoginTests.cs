using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Engine.Tests.Salesforce;

/// <summary>Reading what sf org display --json prints (the Salesforce CLI's own layout), and its errors, without ever showing the token.</summary>
public sealed class SalesforceCliLoginTests
{
    private const string Display = """
        {
          "status": 0,
          "result": {
            "id": "00D5g00000SfHsSEAV",
            "apiVersion": "62.0",
            "accessToken": "00D5g00000SfHsS!AQ4AQSecret",
            "instanceUrl": "https://acme--dev.sandbox.my.salesforce.com",
            "username": "admin@acme.com.dev",
            "clientId": "PlatformCLI",
            "connectedStatus": "Connected",
            "alias": "acme-dev"
          },
          "warnings": ["This command will expose sensitive information that allows for subsequent activity using your current authenticated session."]
        }
        """;

    [Fact]
    public void The_instance_url_and_access_token_of_the_display_make_an_access_token_connection()
    {
        var connection = SalesforceCliLogin.Read(Display, "acme-dev");

        Assert.Equal(new Uri("https://acme--dev.sandbox.my.salesforce.com"), connection.InstanceUrl);
        Assert.Equal(SalesforceAuthMethod.AccessToken, connection.AuthMethod);
        Assert.Equal("00D5g00000SfHsS!AQ4AQSecret", SecretText.Reveal(connection.AccessToken!));
        Assert.DoesNotContain("AQ4AQSecret", connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_CLIs_error_is_passed_on_with_its_name_and_message()
    {
        const string error = """{"code":1,"context":"OrgDisplay","commandName":"OrgDisplay","message":"No authorization information found for nope.","name":"NamedOrgNotFoundError","status":1,"exitCode":1,"warnings":[]}""";

        var ex = Assert.Throws<SyncException>(() => SalesforceCliLogin.Read(error, "nope"));

        Assert.Equal("SalesforceCliLoginFailed", ex.ErrorId);
        Assert.Contains("NamedOrgNotFoundError", ex.Message, StringComparison.Ordinal);
        Assert.Contains("No authorization information found for nope.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sf org login", ex.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_that_is_not_the_display_is_refused_without_repeating_it()
    {
        var ex = Assert.Throws<SyncException>(() => SalesforceCliLogin.Read("token=abc123 not json", "acme-dev"));
        Assert.DoesNotContain("abc123", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_CLI_says_how_to_install_it()
    {
        var ex = await Assert.ThrowsAsync<SyncException>(() => SalesforceCliLogin.ConnectAsync("acme-dev", "/nonexistent/sf", CancellationToken.None));
        Assert.Equal("SalesforceCliNotFound", ex.ErrorId);
        Assert.Contains("@salesforce/cli", ex.Message, StringComparison.Ordinal);
    }
}
