using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>How the emulated HubSpot writes times and answers, and reads request bodies.</summary>
internal static class HubSpotJson
{
    /// <summary>HubSpot's timestamp form: ISO-8601 UTC with milliseconds.</summary>
    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static IResult Answer(JsonNode body, int statusCode = 200) =>
        Results.Content(body.ToJsonString(), "application/json;charset=utf-8", Encoding.UTF8, statusCode);

    public static IResult Answer(HubSpotError error) => Answer(error.ToResponseBody(), error.StatusCode);

    /// <summary>Reads a JSON object body; a missing or malformed body is HubSpot's 400 naming the problem.</summary>
    public static async Task<JsonElement> ReadBodyAsync(HttpContext context, JsonValueKind kind = JsonValueKind.Object)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
            if (doc.RootElement.ValueKind != kind)
            {
                throw new HubSpotApiException(HubSpotError.Validation($"The request body must be a JSON {kind.ToString().ToLowerInvariant()}."));
            }

            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new HubSpotApiException(HubSpotError.Validation($"Invalid input JSON on line {e.LineNumber + 1}: {e.Message}"));
        }
    }

    /// <summary>The inputs[] array of a batch body, refusing more than <paramref name="max"/>.</summary>
    public static IReadOnlyList<JsonElement> Inputs(JsonElement body, int max)
    {
        if (!body.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
        {
            throw new HubSpotApiException(HubSpotError.Validation("'inputs' is required and must be an array."));
        }

        var list = inputs.EnumerateArray().ToList();
        if (list.Count > max)
        {
            throw new HubSpotApiException(HubSpotError.Validation(
                string.Create(CultureInfo.InvariantCulture, $"Too many inputs: {list.Count}. A batch takes at most {max} inputs.")));
        }

        return list;
    }

    public static string? String(JsonElement json, string member) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(member, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A list of names from a JSON array of strings (absent: empty).</summary>
    public static IReadOnlyList<string> Strings(JsonElement json, string member)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty(member, out var v) || v.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray();
    }

    /// <summary>The id of a record reference: HubSpot takes "123" and, leniently, 123.</summary>
    public static string? Id(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty("id", out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>Names from a query parameter given as "a,b" or repeated (?properties=a&amp;properties=b).</summary>
    public static IReadOnlyList<string> QueryList(HttpRequest request, string name) =>
        request.Query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();

    public static bool QueryBool(HttpRequest request, string name) =>
        bool.TryParse(request.Query[name].ToString(), out var b) && b;
}
