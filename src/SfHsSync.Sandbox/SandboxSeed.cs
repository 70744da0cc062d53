using System.Text.Json;

namespace SfHsSync.Sandbox;

/// <summary>
/// Reads a seed: a JSON file with "salesforce" and "hubspot" members (docs/sandbox-seeds.md), checked against the seed
/// format's JSON Schema before anything is built from it. The built-in Demo is such a file, embedded.
/// </summary>
public static class SandboxSeed
{
    private static readonly JsonDocumentOptions Reading = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static (JsonElement? Salesforce, JsonElement? HubSpot) Load(string seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(seed);
        if (string.Equals(seed, "Empty", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        if (string.Equals(seed, "Demo", StringComparison.OrdinalIgnoreCase))
        {
            return Halves(ReadEmbedded("Demo.seed.json"), "Demo");
        }

        if (!File.Exists(seed))
        {
            throw new FileNotFoundException($"Seed file '{seed}' was not found. Use 'Demo', 'Empty' or the path of a seed JSON file.", seed);
        }

        return Halves(Parse(File.ReadAllText(seed), seed), seed);
    }

    /// <summary>The built-in Demo seed's text, in the seed format (what Export-SyncSandboxSeed writes too).</summary>
    public static string DemoText()
    {
        using var stream = OpenEmbedded("Demo.seed.json");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static (JsonElement? Salesforce, JsonElement? HubSpot) Halves(JsonElement root, string source)
    {
        SeedSchema.Check(root, source);
        JsonElement? sf = root.TryGetProperty("salesforce", out var s) ? s : null;
        JsonElement? hs = root.TryGetProperty("hubspot", out var h) ? h : null;
        return (sf, hs);
    }

    private static JsonElement Parse(string text, string source)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, Reading);
            return doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new SeedInvalidException($"Seed '{source}' is not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}", e.Path ?? "$");
        }
    }

    private static JsonElement ReadEmbedded(string name)
    {
        using var stream = OpenEmbedded(name);
        using var doc = JsonDocument.Parse(stream, Reading);
        return doc.RootElement.Clone();
    }

    private static Stream OpenEmbedded(string name)
    {
        var asm = typeof(SandboxSeed).Assembly;
        return asm.GetManifestResourceStream("SfHsSync.Sandbox.Seeds." + name)
            ?? throw new InvalidOperationException($"Built-in seed '{name}' is missing from {asm.GetName().Name}.");
    }
}
