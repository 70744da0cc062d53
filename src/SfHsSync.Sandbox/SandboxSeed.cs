using System.Reflection;
using System.Text.Json;

namespace SfHsSync.Sandbox;

/// <summary>Reads a seed: the built-in ones from embedded resources, others from a JSON file with "salesforce" and "hubspot" members.</summary>
public static class SandboxSeed
{
    public static (JsonElement? Salesforce, JsonElement? HubSpot) Load(string seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(seed);
        if (string.Equals(seed, "Empty", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        if (string.Equals(seed, "Demo", StringComparison.OrdinalIgnoreCase))
        {
            return (ReadEmbedded("Demo.salesforce.json"), ReadEmbedded("Demo.hubspot.json"));
        }

        if (!File.Exists(seed))
        {
            throw new FileNotFoundException($"Seed file '{seed}' was not found. Use 'Demo', 'Empty' or the path of a seed JSON file.", seed);
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(seed), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = doc.RootElement;
        JsonElement? sf = root.TryGetProperty("salesforce", out var s) ? s.Clone() : null;
        JsonElement? hs = root.TryGetProperty("hubspot", out var h) ? h.Clone() : null;
        return (sf, hs);
    }

    private static JsonElement ReadEmbedded(string name)
    {
        var asm = typeof(SandboxSeed).Assembly;
        using var stream = asm.GetManifestResourceStream("SfHsSync.Sandbox.Seeds." + name)
            ?? throw new InvalidOperationException($"Built-in seed '{name}' is missing from {asm.GetName().Name}.");
        using var doc = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return doc.RootElement.Clone();
    }
}
