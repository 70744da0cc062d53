using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>
/// CRM objects under /crm/v3/objects and the dated /crm/objects/{version}: list, get, create, update, archive, the
/// five batch calls, and search, all from the same records.
/// </summary>
internal static class HubSpotObjectEndpoints
{
    public static void Map(WebApplication app, HubSpotAccount account)
    {
        Map(app, account, "/crm/v3/objects/{objectType}", dated: false);
        foreach (var version in HubSpotApiVersions.Dated)
        {
            Map(app, account, $"/crm/objects/{version}/{{objectType}}", dated: true);
        }
    }

    private static void Map(WebApplication app, HubSpotAccount account, string root, bool dated)
    {
        app.MapGet(root, (HttpContext c, string objectType) => HubSpotJson.Answer(account.ListJson(
            objectType,
            c.Request.Query["limit"].ToString(),
            c.Request.Query["after"].ToString(),
            HubSpotJson.QueryList(c.Request, "properties"),
            HubSpotJson.QueryBool(c.Request, "archived"),
            c.Request.Path.Value ?? "")));

        app.MapPost(root, async (HttpContext c, string objectType) =>
            HubSpotJson.Answer(account.CreateJson(objectType, await HubSpotJson.ReadBodyAsync(c)), 201));

        app.MapGet(root + "/{objectId}", (HttpContext c, string objectType, string objectId) => HubSpotJson.Answer(account.GetJson(
            objectType,
            objectId,
            NullIfEmpty(c.Request.Query["idProperty"].ToString()),
            HubSpotJson.QueryList(c.Request, "properties"),
            HubSpotJson.QueryBool(c.Request, "archived"),
            HubSpotJson.QueryList(c.Request, "associations"))));

        app.MapPatch(root + "/{objectId}", async (HttpContext c, string objectType, string objectId) => HubSpotJson.Answer(account.UpdateJson(
            objectType, objectId, NullIfEmpty(c.Request.Query["idProperty"].ToString()), await HubSpotJson.ReadBodyAsync(c))));

        app.MapDelete(root + "/{objectId}", (HttpContext c, string objectType, string objectId) =>
        {
            account.ArchiveById(objectType, objectId, NullIfEmpty(c.Request.Query["idProperty"].ToString()));
            return Results.NoContent();
        });

        app.MapPost(root + "/batch/read", async (HttpContext c, string objectType) =>
            HubSpotBatchStatus.Answer(account.BatchReadJson(objectType, await HubSpotJson.ReadBodyAsync(c), HubSpotJson.QueryBool(c.Request, "archived")), dated, 200));
        app.MapPost(root + "/batch/create", async (HttpContext c, string objectType) =>
            HubSpotBatchStatus.Answer(account.BatchCreateJson(objectType, await HubSpotJson.ReadBodyAsync(c)), dated, 201));
        app.MapPost(root + "/batch/update", async (HttpContext c, string objectType) =>
            HubSpotBatchStatus.Answer(account.BatchUpdateJson(objectType, await HubSpotJson.ReadBodyAsync(c)), dated, 200));
        app.MapPost(root + "/batch/upsert", async (HttpContext c, string objectType) =>
            HubSpotBatchStatus.Answer(account.BatchUpsertJson(objectType, await HubSpotJson.ReadBodyAsync(c)), dated, 200));
        app.MapPost(root + "/batch/archive", async (HttpContext c, string objectType) =>
        {
            account.BatchArchive(objectType, await HubSpotJson.ReadBodyAsync(c));
            return Results.NoContent();
        });

        app.MapPost(root + "/search", async (HttpContext c, string objectType) =>
            HubSpotJson.Answer(account.SearchJson(objectType, await HubSpotJson.ReadBodyAsync(c))));
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
