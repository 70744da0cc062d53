using Microsoft.AspNetCore.Builder;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>Maps the emulated HubSpot API onto an app.</summary>
public static class HubSpotEndpoints
{
    public static void Map(WebApplication app, HubSpotAccount model)
    {
    }
}
