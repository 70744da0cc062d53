using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>Associations v4: batch create, default, read, archive and labels/archive; per-record calls; labels under both path forms.</summary>
internal static class HubSpotAssociationEndpoints
{
    private const string Batch = "/crm/v4/associations/{fromObjectType}/{toObjectType}/batch";

    public static void Map(WebApplication app, HubSpotAccount account)
    {
        app.MapPost(Batch + "/create", async (HttpContext c, string fromObjectType, string toObjectType) =>
        {
            var (body, status) = account.BatchCreateAssociationsJson(fromObjectType, toObjectType, await HubSpotJson.ReadBodyAsync(c));
            return HubSpotJson.Answer(body, status);
        });
        app.MapPost(Batch + "/associate/default", async (HttpContext c, string fromObjectType, string toObjectType) =>
            HubSpotJson.Answer(account.BatchAssociateDefaultJson(fromObjectType, toObjectType, await HubSpotJson.ReadBodyAsync(c))));
        app.MapPost(Batch + "/read", async (HttpContext c, string fromObjectType, string toObjectType) =>
        {
            var (body, status) = account.BatchReadAssociationsJson(fromObjectType, toObjectType, await HubSpotJson.ReadBodyAsync(c));
            return HubSpotJson.Answer(body, status);
        });
        app.MapPost(Batch + "/archive", async (HttpContext c, string fromObjectType, string toObjectType) =>
        {
            account.BatchArchiveAssociations(fromObjectType, toObjectType, await HubSpotJson.ReadBodyAsync(c));
            return Results.NoContent();
        });
        app.MapPost(Batch + "/labels/archive", async (HttpContext c, string fromObjectType, string toObjectType) =>
        {
            account.BatchArchiveAssociationLabels(fromObjectType, toObjectType, await HubSpotJson.ReadBodyAsync(c));
            return Results.NoContent();
        });

        app.MapGet("/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}", (HttpContext c, string objectType, string objectId, string toObjectType) =>
            HubSpotJson.Answer(account.ListAssociationsJson(objectType, objectId, toObjectType, c.Request.Query["limit"].ToString(), c.Request.Query["after"].ToString())));
        app.MapPut("/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}",
            async (HttpContext c, string objectType, string objectId, string toObjectType, string toObjectId) =>
                HubSpotJson.Answer(account.PutAssociationJson(objectType, objectId, toObjectType, toObjectId, await HubSpotJson.ReadBodyAsync(c, JsonValueKind.Array)), 201));
        app.MapPut("/crm/v4/objects/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}",
            (string fromObjectType, string fromObjectId, string toObjectType, string toObjectId) =>
                HubSpotJson.Answer(account.PutDefaultAssociationJson(fromObjectType, fromObjectId, toObjectType, toObjectId)));
        app.MapDelete("/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}",
            (string objectType, string objectId, string toObjectType, string toObjectId) =>
            {
                account.DeleteAssociation(objectType, objectId, toObjectType, toObjectId);
                return Results.NoContent();
            });

        // The labels API moved from /crm/v4/associations to /crm/associations/v4; SDKs still use the older path.
        foreach (var root in new[] { "/crm/associations/v4/{fromObjectType}/{toObjectType}/labels", "/crm/v4/associations/{fromObjectType}/{toObjectType}/labels" })
        {
            app.MapGet(root, (string fromObjectType, string toObjectType) => HubSpotJson.Answer(account.LabelsJson(fromObjectType, toObjectType)));
            app.MapPost(root, async (HttpContext c, string fromObjectType, string toObjectType) =>
                HubSpotJson.Answer(account.CreateLabelJson(fromObjectType, toObjectType, await HubSpotJson.ReadBodyAsync(c))));
        }
    }
}
