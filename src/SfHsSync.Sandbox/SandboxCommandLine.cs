using System.Text.Json;

namespace SfHsSync.Sandbox;

internal static class SandboxCommandLine
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>Reads SandboxOptions (limits, faults, latency) from a JSON file; the seed and ports given before it stay unless the file names them.</summary>
    public static SandboxOptions ReadOptionsFile(string path, SandboxOptions current)
    {
        var read = JsonSerializer.Deserialize<SandboxOptions>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"Options file '{path}' is empty.");
        if (read.Seed == new SandboxOptions().Seed)
        {
            read.Seed = current.Seed;
        }

        if (read.SalesforcePort == 0)
        {
            read.SalesforcePort = current.SalesforcePort;
        }

        if (read.HubSpotPort == 0)
        {
            read.HubSpotPort = current.HubSpotPort;
        }

        return read;
    }
}
