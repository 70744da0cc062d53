using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SfHsSync.Sandbox.Salesforce.Http;

/// <summary>Global describe (<c>/sobjects</c>), an object's basic information and its full describe.</summary>
internal static class DescribeEndpoints
{
    public static void Map(WebApplication app, SalesforceOrg org)
    {
        const string Base = "/services/data/v{version}/sobjects";
        app.MapGet(Base, context => Global(context, org));
        app.MapGet(Base + "/{name}/describe", context => Describe(context, org));
        app.MapGet(Base + "/{name}", context => BasicInfo(context, org));
    }

    private static Task Global(HttpContext context, SalesforceOrg org)
        => SalesforceAnswers.Json(context, 200, w => DescribeWriter.WriteGlobal(w, org.Objects, SalesforceAnswers.Version(context)));

    private static Task Describe(HttpContext context, SalesforceOrg org)
    {
        var schema = org.FindObject((string)context.Request.RouteValues["name"]!);
        return schema is null
            ? SalesforceAnswers.NotFound(context)
            : SalesforceAnswers.Json(context, 200, w => DescribeWriter.WriteObject(w, schema, org.Objects, SalesforceAnswers.Version(context)));
    }

    private static Task BasicInfo(HttpContext context, SalesforceOrg org)
    {
        var schema = org.FindObject((string)context.Request.RouteValues["name"]!);
        if (schema is null)
        {
            return SalesforceAnswers.NotFound(context);
        }

        var version = SalesforceAnswers.Version(context);
        return SalesforceAnswers.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("objectDescribe");
            w.WriteString("name", schema.Name);
            w.WriteString("label", schema.Label);
            w.WriteString("labelPlural", schema.LabelPlural);
            w.WriteString("keyPrefix", schema.KeyPrefix);
            w.WriteBoolean("custom", schema.Custom);
            w.WriteBoolean("createable", schema.Capabilities.Createable);
            w.WriteBoolean("updateable", schema.Capabilities.Updateable);
            w.WriteBoolean("deletable", schema.Capabilities.Deletable);
            w.WriteBoolean("queryable", schema.Capabilities.Queryable);
            w.WriteBoolean("retrieveable", schema.Capabilities.Retrieveable);
            w.WriteBoolean("replicateable", schema.Capabilities.Replicateable);
            DescribeWriter.WriteBasicUrls(w, schema.Name, version);
            w.WriteEndObject();
            w.WriteStartArray("recentItems");
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
