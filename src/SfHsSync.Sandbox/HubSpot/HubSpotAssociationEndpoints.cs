using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>
/// Associations under /crm/v4 and the dated /crm/associations/{version}: batch create, default, read, archive and
/// labels/archive; per-record calls; labels (under both numbered path forms).
/// </summary>
internal static class HubSpotAssociationEndpoints
{
    public static void Map(WebApplication app, HubSpotAccount account)
    {
        MapBatches(app, account, "/crm/v4/associations/{fromObjectType}/{toObjectType}", dated: false);
        MapRecordCalls(app, account, "/crm/v4/objects");
        app.MapGet("/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}", (HttpContext c, string objectType, string objectId, string toObjectType) =>
            HubSpotJson.Answer(account.ListAssociationsJson(objectType, objectId, toObjectType, c.Request.Query["limit"].ToString(), c.Request.Query["after"].ToString())));

        // The labels API moved from /crm/v4/associations to /crm/associations/v4; SDKs still use the older path.
        var labelRoots = new List<string> { "/crm/associations/v4/{fromObjectType}/{toObjectType}/labels", "/crm/v4/associations/{fromObjectType}/{toObjectType}/labels" };
        foreach (var version in HubSpotApiVersions.Dated)
        {
            MapBatches(app, account, $"/crm/associations/{version}/{{fromObjectType}}/{{toObjectType}}", dated: true);
            MapRecordCalls(app, account, $"/crm/objects/{version}");
            labelRoots.Add($"/crm/associations/{version}/{{fromObjectType}}/{{toObjectType}}/labels");
        }

        foreach (var root in labelRoots)
        {
            app.MapGet(root, (string fromObjectType, string toObjectType) => HubSpotJson.Answer(account.LabelsJson(fromObjectType, toObjectType)));
            app.MapPost(root, async (HttpContext c, string fromObjectType, string toObjectType) =>
                HubSpotJson.Answer(account.CreateLabelJson(fromObjectType, toObjectType, await HubSpotJson.ReadBodyAsync(c))));
        }
    }

    private static void MapBatches(WebApplication app, HubSpotAccount account, string pair, bool dated)
    {
        var batch = pair + "/batch";
        app.MapPost(batch + "/create", async (HttpContext c, string fromObjectType, string toObjectType) =>
            HubSpotBatchStatus.Answer(account.BatchCreateAssociationsJson(fromObjectType, toObjectType, await HubSpotJson.ReadBodyAsync(c)), dated, 200));
        app.MapPost(batch + "/associate/default", async (HttpContext c, string fromObjectType, string toObjectType) =>
            HubSpotJson.Answer(account.BatchAssociateDefaultJson(fromObjectType, toObjectType, await HubSpotJson.ReadBodyAsync(c))));
        app.MapPost(batch + "/read", async (HttpContext c, string fromObjectType, string toObjectType) =>
            HubSpotBatchStatus.Answer(account.BatchReadAssociationsJson(fromObjectType, toObjectType, await HubSpotJson.ReadBodyAsync(c)), dated, 200));
        app.MapPost(batch + "/archive", async (HttpContext c, string fromObjectType, string toObjectType) =>
        {
            account.BatchArchiveAssociations(fromObjectType, toObjectType, await HubSpotJson.ReadBodyAsync(c));
            return HubSpotBatchStatus.Void(dated);
        });
        app.MapPost(batch + "/labels/archive", async (HttpContext c, string fromObjectType, string toObjectType) =>
        {
            account.BatchArchiveAssociationLabels(fromObjectType, toObjectType, await HubSpotJson.ReadBodyAsync(c));
            return HubSpotBatchStatus.Void(dated);
        });
    }

    private static void MapRecordCalls(WebApplication app, HubSpotAccount account, string objects)
    {
        app.MapPut(objects + "/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}",
            async (HttpContext c, string objectType, string objectId, string toObjectType, string toObjectId) =>
                HubSpotJson.Answer(account.PutAssociationJson(objectType, objectId, toObjectType, toObjectId, await HubSpotJson.ReadBodyAsync(c, JsonValueKind.Array)), 201));
        app.MapPut(objects + "/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}",
            (string fromObjectType, string fromObjectId, string toObjectType, string toObjectId) =>
                HubSpotJson.Answer(account.PutDefaultAssociationJson(fromObjectType, fromObjectId, toObjectType, toObjectId)));
        app.MapDelete(objects + "/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}",
            (string objectType, string objectId, string toObjectType, string toObjectId) =>
            {
                account.DeleteAssociation(objectType, objectId, toObjectType, toObjectId);
                return Results.NoContent();
            });
    }
}
