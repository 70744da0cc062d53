using System.Text.Json;

namespace SfHsSync.Sandbox;

/// <summary>
/// Reads a seed: a JSON file with "salesforce" and "hubspot" members (docs/sandbox-seeds.md), checked against the seed
/// format's JSON Schema before anything is built from it. The built-in seeds are such files, embedded: Demo (the invoicing
/// business of DEMO-SEED.md) and Standard (every supported standard object, described as a real org describes them).
/// </summary>
public static class SandboxSeed
{
    private static readonly JsonDocumentOptions Reading = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The seeds built into the sandbox, by the name -Seed takes ("Empty" is none at all).</summary>
    public static IReadOnlyList<string> BuiltIn { get; } = ["Demo", "Standard"];

    public static (JsonElement? Salesforce, JsonElement? HubSpot) Load(string seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(seed);
        if (string.Equals(seed, "Empty", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        if (BuiltIn.FirstOrDefault(b => string.Equals(b, seed, StringComparison.OrdinalIgnoreCase)) is { } builtIn)
        {
            return Halves(ReadEmbedded(builtIn + ".seed.json"), builtIn);
        }

        if (!File.Exists(seed))
        {
            throw new FileNotFoundException($"Seed file '{seed}' was not found. Use 'Demo', 'Standard', 'Empty' or the path of a seed JSON file.", seed);
        }

        return Halves(Parse(File.ReadAllText(seed), seed), seed);
    }

    /// <summary>The built-in Demo seed's text, in the seed format (what Export-SyncSandboxSeed writes too).</summary>
    public static string DemoText() => BuiltInText("Demo");

    /// <summary>A built-in seed's text (Demo or Standard).</summary>
    public static string BuiltInText(string name)
    {
        using var stream = OpenEmbedded(name + ".seed.json");
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
