using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>
/// Custom object schemas (under /crm-object-schemas/v3/schemas, the older /crm/v3/schemas and the dated
/// /crm-object-schemas/{version}/schemas) and properties (/crm/v3/properties, the dated /crm/properties/{version}, the
/// legacy /properties/v2/{objectType}/properties).
/// </summary>
internal static class HubSpotSchemaEndpoints
{
    public static void Map(WebApplication app, HubSpotAccount account)
    {
        var schemaRoots = new List<string> { "/crm-object-schemas/v3/schemas", "/crm/v3/schemas" };
        var propertyRoots = new List<string> { "/crm/v3/properties/{objectType}" };
        foreach (var version in HubSpotApiVersions.Dated)
        {
            schemaRoots.Add($"/crm-object-schemas/{version}/schemas");
            propertyRoots.Add($"/crm/properties/{version}/{{objectType}}");
        }

        schemaRoots.ForEach(root => MapSchemas(app, account, root));
        propertyRoots.ForEach(root => MapProperties(app, account, root));

        // The legacy v2 properties API, which some connectors still read schemas from.
        app.MapGet("/properties/v2/{objectType}/properties", (string objectType) => HubSpotJson.Answer(account.ListLegacyPropertiesJson(objectType)));
    }

    private static void MapSchemas(WebApplication app, HubSpotAccount account, string root)
    {
        app.MapGet(root, () => HubSpotJson.Answer(new JsonObject { ["results"] = account.ListSchemasJson() }));
        // Typed as Func, or the lambda would bind as a RequestDelegate and its answer would be dropped.
        Func<HttpContext, Task<IResult>> create = async c => HubSpotJson.Answer(account.CreateSchemaJson(await HubSpotJson.ReadBodyAsync(c)), 201);
        app.MapPost(root, create);
        app.MapGet(root + "/{objectType}", (string objectType) => HubSpotJson.Answer(account.GetSchemaJson(objectType)));
        app.MapPatch(root + "/{objectType}", async (HttpContext c, string objectType) =>
            HubSpotJson.Answer(account.UpdateSchemaJson(objectType, await HubSpotJson.ReadBodyAsync(c))));
        app.MapDelete(root + "/{objectType}", (string objectType) =>
        {
            account.DeleteSchema(objectType);
            return Results.NoContent();
        });
        app.MapPost(root + "/{objectType}/associations", async (HttpContext c, string objectType) =>
            HubSpotJson.Answer(account.CreateAssociationDefinitionJson(objectType, await HubSpotJson.ReadBodyAsync(c)), 201));
        app.MapDelete(root + "/{objectType}/associations/{associationIdentifier}", (string objectType, string associationIdentifier) =>
        {
            account.DeleteAssociationDefinition(objectType, associationIdentifier);
            return Results.NoContent();
        });
    }

    private static void MapProperties(WebApplication app, HubSpotAccount account, string root)
    {
        app.MapGet(root, (string objectType) => HubSpotJson.Answer(new JsonObject { ["results"] = account.ListPropertiesJson(objectType) }));
        app.MapPost(root, async (HttpContext c, string objectType) =>
            HubSpotJson.Answer(account.CreatePropertyJson(objectType, await HubSpotJson.ReadBodyAsync(c)), 201));
        app.MapGet(root + "/{propertyName}", (string objectType, string propertyName) =>
            HubSpotJson.Answer(account.GetPropertyJson(objectType, propertyName)));
        app.MapMethods(root + "/{propertyName}", ["PATCH"], async (HttpContext c, string objectType, string propertyName) =>
            HubSpotJson.Answer(account.UpdatePropertyJson(objectType, propertyName, await HubSpotJson.ReadBodyAsync(c))));
    }
}
