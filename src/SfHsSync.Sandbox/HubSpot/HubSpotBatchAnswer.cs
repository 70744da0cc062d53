using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>A batch answer: COMPLETE with results, and 207 with numErrors and errors[] when some inputs failed.</summary>
internal sealed class HubSpotBatchAnswer
{
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;

    public JsonArray Results { get; } = [];

    public List<HubSpotError> Errors { get; } = [];

    public (JsonObject Body, int Status) ToJson(int successStatus)
    {
        var body = new JsonObject
        {
            ["status"] = "COMPLETE",
            ["results"] = Results,
            ["startedAt"] = HubSpotJson.Timestamp(_startedAt),
            ["completedAt"] = HubSpotJson.Timestamp(DateTimeOffset.UtcNow),
        };
        if (Errors.Count == 0)
        {
            return (body, successStatus);
        }

        body["numErrors"] = Errors.Count;
        body["errors"] = new JsonArray(Errors.Select(e => (JsonNode?)e.ToBatchError()).ToArray());
        return (body, 207);
    }
}
