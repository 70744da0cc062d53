using Microsoft.AspNetCore.Builder;

namespace SfHsSync.Sandbox.Salesforce;

/// <summary>Maps the emulated Salesforce API onto an app.</summary>
public static class SalesforceEndpoints
{
    public static void Map(WebApplication app, SalesforceOrg model)
    {
    }
}
