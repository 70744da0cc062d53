using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Json.Schema;

namespace SfHsSync.Sandbox.Tests.HubSpot;

/// <summary>
/// Validates answers against a component schema of HubSpot's OpenAPI files (copied under HubSpot/OpenApi).
/// The OpenAPI components become the $defs of a JSON Schema document, so $refs resolve as they do for Prism.
/// </summary>
internal static class OpenApiContract
{
    private static readonly ConcurrentDictionary<(string, string), JsonSchema> Schemas = new();

    public static void AssertValid(string specFile, string component, JsonNode? answer)
    {
        var schema = Schemas.GetOrAdd((specFile, component), key => Build(key.Item1, key.Item2));
        var result = schema.Evaluate(answer, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var problems = (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))
                .Take(20);
            Assert.Fail($"Answer does not match {specFile}#{component}:\n{string.Join("\n", problems)}\n{answer?.ToJsonString()}");
        }
    }

    public static string SpecPath(string file) => Path.Combine(RepoRoot.Path, "tests", "SfHsSync.Sandbox.Tests", "HubSpot", "OpenApi", file);

    private static JsonSchema Build(string specFile, string component)
    {
        var spec = JsonNode.Parse(File.ReadAllText(SpecPath(specFile)))!;
        var components = spec["components"]!["schemas"]!.ToJsonString()
            .Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        var document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://sandbox.test/{specFile}/{component}",
            ["$defs"] = JsonNode.Parse(components),
            ["$ref"] = $"#/$defs/{component}",
        };
        return JsonSchema.FromText(document.ToJsonString());
    }
}

/// <summary>The repository root: the folder holding SfHsSync.sln.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        // Isolated builds put the binaries outside the repo, so the compile-time path of this file is the second place to look.
        var starts = new[] { AppContext.BaseDirectory, System.IO.Path.GetDirectoryName(sourceFile) ?? "", Environment.CurrentDirectory };
        foreach (var start in starts.Where(s => s.Length > 0))
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "SfHsSync.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"SfHsSync.sln was not found above any of: {string.Join(", ", starts)}.");
    }
}
