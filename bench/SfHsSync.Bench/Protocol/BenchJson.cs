using System.Text.Json;
using System.Text.Json.Serialization;

namespace SfHsSync.Bench.Protocol;

/// <summary>The one JSON shape every role speaks: one object a line on stdin and stdout.</summary>
internal static class BenchJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Line<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string line, string what)
        => JsonSerializer.Deserialize<T>(line, Options) ?? throw new InvalidDataException($"{what} was empty.");
}
