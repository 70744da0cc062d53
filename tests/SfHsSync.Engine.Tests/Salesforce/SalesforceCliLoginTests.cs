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

    /// <summary>What sf org display --json prints since the CLI's 2025 releases (2.150.6 here): the token is hidden.</summary>
    private const string RedactedDisplay = """
        {
          "status": 0,
          "result": {
            "id": "00D5g00000SfHsSEAV",
            "apiVersion": "68.0",
            "accessToken": "[REDACTED] Use 'sf org auth show-access-token' to view",
            "instanceUrl": "https://acme--dev.sandbox.my.salesforce.com/",
            "username": "admin@acme.com.dev",
            "connectedStatus": "Connected",
            "alias": "acme-dev"
          },
          "warnings": ["Secrets are now hidden from 'sf org display' command output. Use the 'sf org auth' commands instead."]
        }
        """;

    [Fact]
    public void A_display_that_hides_the_token_takes_it_from_show_access_token()
    {
        const string shown = """{"status":0,"result":{"accessToken":"00D5g00000SfHsS!AQ4AQShown"},"warnings":["This command exposes a sensitive Access Token."]}""";

        Assert.True(SalesforceCliLogin.HidesToken(RedactedDisplay));
        Assert.False(SalesforceCliLogin.HidesToken(Display));
        var connection = SalesforceCliLogin.Read(RedactedDisplay, "acme-dev", shown);

        Assert.Equal(new Uri("https://acme--dev.sandbox.my.salesforce.com/"), connection.InstanceUrl);
        Assert.Equal("00D5g00000SfHsS!AQ4AQShown", SecretText.Reveal(connection.AccessToken!));
        var redactedOnly = Assert.Throws<SyncException>(() => SalesforceCliLogin.Read(RedactedDisplay, "acme-dev"));
        Assert.Equal("SalesforceCliLoginFailed", redactedOnly.ErrorId);
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
