using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Engine.Sync;

/// <summary>What a run records of the API versions it speaks (Get-SyncRun's ApiVersions).</summary>
internal static class RunApiVersions
{
    public static string Of(SalesforceClient salesforce, HubSpotClient hubSpot) => $"Salesforce {salesforce.Connection.ApiVersion}, HubSpot {hubSpot.ApiVersion}";
}
