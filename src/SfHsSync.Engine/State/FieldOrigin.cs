using System.Text.Json;

namespace SfHsSync.Engine.State;

/// <summary>Why a field's value went from one side to the other (the story Get-SyncRecord tells).</summary>
public enum FieldRule
{
    /// <summary>It changed on one side, and the field's direction let the change travel.</summary>
    TravelledByDirection,

    /// <summary>It changed on both sides; the mapping's conflict winner's value stood.</summary>
    ConflictWon,

    /// <summary>The record was just linked or created, or the field newly mapped: the other side was aligned to the source.</summary>
    AlignedOnFirstLink,

    /// <summary>It changed on the side a one-way field does not sync from; the source's value was written back over it.</summary>
    OverwrittenAsOneWay,
}

/// <summary>
/// One decision in a synced field's story: the value both sides were brought to, the side it came from, the run and the
/// rule that decided, and when. The state keeps the latest per field with the link, and the earlier ones, bounded, as history.
/// </summary>
public sealed record FieldOrigin(string Field, SyncSide Side, FieldRule Rule)
{
    public string? Value { get; init; }

    public long? RunId { get; init; }

    public DateTimeOffset At { get; init; }

    public override string ToString() => $"{Field} = '{Value}' from {Side} ({Rule}, run {RunId})";
}

/// <summary>
/// The compact form of a link's current origins kept beside its last-synced values: {"Field":["S",run,"T",unixSeconds]}
/// (side S or H, rule T, C, A or O), about 30 bytes a field; the value itself is the last-synced one.
/// </summary>
internal static class FieldOriginCodec
{
    public static string Encode(IReadOnlyDictionary<string, FieldOrigin> origins)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (field, origin) in origins.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                writer.WriteStartArray(field);
                writer.WriteStringValue(origin.Side == SyncSide.Salesforce ? "S" : "H");
                if (origin.RunId is { } run)
                {
                    writer.WriteNumberValue(run);
                }
                else
                {
                    writer.WriteNullValue();
                }

                writer.WriteStringValue(Code(origin.Rule));
                writer.WriteNumberValue(origin.At.ToUnixTimeSeconds());
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Dictionary<string, FieldOrigin> Decode(string? text)
    {
        var origins = new Dictionary<string, FieldOrigin>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text))
        {
            return origins;
        }

        using var json = JsonDocument.Parse(text);
        foreach (var entry in json.RootElement.EnumerateObject())
        {
            var parts = entry.Value;
            origins[entry.Name] = new FieldOrigin(entry.Name, parts[0].GetString() == "S" ? SyncSide.Salesforce : SyncSide.HubSpot, Rule(parts[2].GetString()))
            {
                RunId = parts[1].ValueKind == JsonValueKind.Number ? parts[1].GetInt64() : null,
                At = DateTimeOffset.FromUnixTimeSeconds(parts[3].GetInt64()),
            };
        }

        return origins;
    }

    public static string Code(FieldRule rule) => rule switch
    {
        FieldRule.ConflictWon => "C",
        FieldRule.AlignedOnFirstLink => "A",
        FieldRule.OverwrittenAsOneWay => "O",
        _ => "T",
    };

    public static FieldRule Rule(string? code) => code switch
    {
        "C" => FieldRule.ConflictWon,
        "A" => FieldRule.AlignedOnFirstLink,
        "O" => FieldRule.OverwrittenAsOneWay,
        _ => FieldRule.TravelledByDirection,
    };
}
