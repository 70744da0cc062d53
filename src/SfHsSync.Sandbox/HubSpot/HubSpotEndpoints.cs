using Microsoft.AspNetCore.Builder;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>Maps the emulated HubSpot API onto an app: the gate every call passes, then each API's routes.</summary>
public static class HubSpotEndpoints
{
    public static void Map(WebApplication app, HubSpotAccount model)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(model);
        RequestLogEndpoint.Use(app, model.DefaultAccessToken, () => model.Requests);
        app.Use((context, next) => HubSpotGate.HandleAsync(context, next, model));
        HubSpotSchemaEndpoints.Map(app, model);
        HubSpotObjectEndpoints.Map(app, model);
        HubSpotAssociationEndpoints.Map(app, model);
        HubSpotScopes.Map(app, model);
    }
}
