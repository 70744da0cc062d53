using System.Net;
using SfHsSync.Sandbox.Salesforce;

namespace SfHsSync.Sandbox.Tests.Salesforce;

/// <summary>
/// What the Salesforce CLI asks of an org after <c>sf org login access-token</c>: who the token is (OpenID userinfo),
/// the User record for the username, and data paths joined to an instance URL kept with its trailing slash.
/// </summary>
public sealed class SalesforceIdentityTests
{
    [Fact]
    public async Task Userinfo_names_the_user_and_org_the_token_acts_for_and_refuses_a_bad_token_403()
    {
        await using var sf = await SalesforceTestOrg.StartAsync(seed: "Empty");

        var (status, body, _) = await sf.GetAsync("/services/oauth2/userinfo");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(sf.Org.UserId, (string?)body!["user_id"]);
        Assert.Equal(SalesforceOrg.OrganizationId, (string?)body["organization_id"]);
        Assert.Equal("integration@sfhssync.sandbox", (string?)body["preferred_username"]);
        Assert.EndsWith($"/id/{SalesforceOrg.OrganizationId}/{sf.Org.UserId}", (string?)body["sub"], StringComparison.Ordinal);

        var (identityStatus, identity, _) = await sf.GetAsync($"/id/{SalesforceOrg.OrganizationId}/{sf.Org.UserId}");
        Assert.Equal(HttpStatusCode.OK, identityStatus);
        Assert.Equal("integration@sfhssync.sandbox", (string?)identity!["username"]);

        using var stranger = new HttpClient { BaseAddress = sf.Server.SalesforceUrl };
        stranger.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "forged");
        using var refused = await stranger.GetAsync(new Uri("/services/oauth2/userinfo", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Bad_OAuth_Token", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_integration_user_is_a_User_record_the_CLI_reads_its_username_from()
    {
        await using var sf = await SalesforceTestOrg.StartAsync(seed: "Empty");

        // The CLI reads it on v51.0, whatever the org's newest version.
        var (status, user, _) = await sf.GetAsync($"/services/data/v51.0/sobjects/User/{sf.Org.UserId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("integration@sfhssync.sandbox", (string?)user!["Username"]);
        Assert.True((bool)user["IsActive"]!);

        var (_, query, _) = await sf.QueryAsync("SELECT Username FROM User WHERE IsActive = true");
        Assert.Equal("integration@sfhssync.sandbox", (string?)Assert.Single(query!["records"]!.AsArray())!["Username"]);
    }

    [Fact]
    public async Task A_path_with_a_doubled_slash_is_served_as_Salesforce_serves_it()
    {
        await using var sf = await SalesforceTestOrg.StartAsync(seed: "Empty");

        var (versions, list, _) = await sf.GetAsync(sf.Server.SalesforceUrl + "/services/data");
        var (limits, _, _) = await sf.GetAsync(sf.Server.SalesforceUrl + "/services/data/v62.0/limits");

        Assert.Equal(HttpStatusCode.OK, versions);
        Assert.Equal("68.0", (string?)list!.AsArray()[^1]!["version"]);
        Assert.Equal(HttpStatusCode.OK, limits);
        Assert.Contains(sf.Org.Requests.Entries, e => e.Path == "/services/data/v62.0/limits" && e.Status == 200);
    }
}
