using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>
/// How a batch answer differs by API version. The numbered paths answer 207 when some inputs failed and 204 for a
/// void batch; the dated ones keep the call's success status with errors and numErrors in the same body, and answer a
/// void batch (association archives) 200 with a BatchResponseVoid.
/// </summary>
internal static class HubSpotBatchStatus
{
    /// <summary>The numbered paths' status as the account gives it; under a dated version, <paramref name="datedStatus"/> (the dated spec's only one).</summary>
    public static IResult Answer((JsonObject Body, int Status) answer, bool dated, int datedStatus)
        => HubSpotJson.Answer(answer.Body, dated ? datedStatus : answer.Status);

    public static IResult Void(bool dated) => dated ? HubSpotJson.Answer(new HubSpotBatchAnswer().ToJson(200).Body) : Results.NoContent();
}
