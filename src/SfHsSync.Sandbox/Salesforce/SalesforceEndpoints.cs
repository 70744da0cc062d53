using Microsoft.AspNetCore.Builder;
using SfHsSync.Sandbox.Salesforce.Http;

namespace SfHsSync.Sandbox.Salesforce;

/// <summary>
/// Maps the emulated Salesforce API onto an app: the gate (latency, version, token, faults, allowance, request log) in
/// front of versions, OAuth token, limits, describe, query, records, getUpdated/getDeleted, sObject Collections and Bulk API 2.0.
/// </summary>
public static class SalesforceEndpoints
{
    public static void Map(WebApplication app, SalesforceOrg model)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(model);
        RequestLogEndpoint.Use(app, model.DefaultAccessToken, () => model.Requests.Entries);
        var gate = new SalesforceGate(model);
        app.Use(RepeatedSlashes.Collapse);
        app.UseRouting();
        app.Use((context, next) => gate.Handle(context, () => next(context)));
        OrgEndpoints.Map(app, model);
        IdentityEndpoints.Map(app, model);
        DescribeEndpoints.Map(app, model);
        QueryEndpoints.Map(app, model);
        ReplicationEndpoints.Map(app, model);
        RecordEndpoints.Map(app, model);
        CollectionEndpoints.Map(app, model);
        BulkEndpoints.Map(app, model);
    }
}
