using System.Text.Json;
using System.Text.Json.Serialization;

namespace SfHsSync.Engine.Import;

/// <summary>
/// Where an import stands, kept in its run record so a killed import resumes as it began: the last Salesforce Id
/// committed (records are read in Id order), the watermarks taken before the first read, and the changed-since filter.
/// </summary>
public sealed record ImportCursor(string? LastId, DateTimeOffset? SalesforceMark, DateTimeOffset? HubSpotMark, DateTimeOffset? ChangedSince)
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The text kept in the run record's cursor.</summary>
    public string ToText() => JsonSerializer.Serialize(new Wire(LastId, SalesforceMark, HubSpotMark, ChangedSince), Json);

    /// <summary>The cursor an import run kept, or null when it kept none (it stopped before its first commit) or another kind of cursor.</summary>
    public static ImportCursor? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !text.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            var wire = JsonSerializer.Deserialize<Wire>(text, Json);
            return wire is null ? null : new ImportCursor(wire.After, wire.Salesforce, wire.HubSpot, wire.Since);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() => LastId is null ? "(start)" : $"after {LastId}";

    private sealed record Wire(
        [property: JsonPropertyName("after")] string? After,
        [property: JsonPropertyName("sf")] DateTimeOffset? Salesforce,
        [property: JsonPropertyName("hs")] DateTimeOffset? HubSpot,
        [property: JsonPropertyName("since")] DateTimeOffset? Since);
}
