using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>CRM objects v3: list, get, create, update, archive, the five batch calls, and search.</summary>
internal static class HubSpotObjectEndpoints
{
    private const string Root = "/crm/v3/objects/{objectType}";

    public static void Map(WebApplication app, HubSpotAccount account)
    {
        app.MapGet(Root, (HttpContext c, string objectType) => HubSpotJson.Answer(account.ListJson(
            objectType,
            c.Request.Query["limit"].ToString(),
            c.Request.Query["after"].ToString(),
            HubSpotJson.QueryList(c.Request, "properties"),
            HubSpotJson.QueryBool(c.Request, "archived"),
            c.Request.Path.Value ?? "")));

        app.MapPost(Root, async (HttpContext c, string objectType) =>
            HubSpotJson.Answer(account.CreateJson(objectType, await HubSpotJson.ReadBodyAsync(c)), 201));

        app.MapGet(Root + "/{objectId}", (HttpContext c, string objectType, string objectId) => HubSpotJson.Answer(account.GetJson(
            objectType,
            objectId,
            NullIfEmpty(c.Request.Query["idProperty"].ToString()),
            HubSpotJson.QueryList(c.Request, "properties"),
            HubSpotJson.QueryBool(c.Request, "archived"),
            HubSpotJson.QueryList(c.Request, "associations"))));

        app.MapPatch(Root + "/{objectId}", async (HttpContext c, string objectType, string objectId) => HubSpotJson.Answer(account.UpdateJson(
            objectType, objectId, NullIfEmpty(c.Request.Query["idProperty"].ToString()), await HubSpotJson.ReadBodyAsync(c))));

        app.MapDelete(Root + "/{objectId}", (HttpContext c, string objectType, string objectId) =>
        {
            account.ArchiveById(objectType, objectId, NullIfEmpty(c.Request.Query["idProperty"].ToString()));
            return Results.NoContent();
        });

        app.MapPost(Root + "/batch/read", async (HttpContext c, string objectType) =>
            Answer(account.BatchReadJson(objectType, await HubSpotJson.ReadBodyAsync(c), HubSpotJson.QueryBool(c.Request, "archived"))));
        app.MapPost(Root + "/batch/create", async (HttpContext c, string objectType) =>
            Answer(account.BatchCreateJson(objectType, await HubSpotJson.ReadBodyAsync(c))));
        app.MapPost(Root + "/batch/update", async (HttpContext c, string objectType) =>
            Answer(account.BatchUpdateJson(objectType, await HubSpotJson.ReadBodyAsync(c))));
        app.MapPost(Root + "/batch/upsert", async (HttpContext c, string objectType) =>
            Answer(account.BatchUpsertJson(objectType, await HubSpotJson.ReadBodyAsync(c))));
        app.MapPost(Root + "/batch/archive", async (HttpContext c, string objectType) =>
        {
            account.BatchArchive(objectType, await HubSpotJson.ReadBodyAsync(c));
            return Results.NoContent();
        });

        app.MapPost(Root + "/search", async (HttpContext c, string objectType) =>
            HubSpotJson.Answer(account.SearchJson(objectType, await HubSpotJson.ReadBodyAsync(c))));
    }

    private static IResult Answer((System.Text.Json.Nodes.JsonObject Body, int Status) answer) => HubSpotJson.Answer(answer.Body, answer.Status);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
