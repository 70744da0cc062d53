using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Json.Schema;

namespace SfHsSync.Sandbox.Tests.Salesforce;

/// <summary>
/// Validates sandbox answers against the Salesforce contracts copied under Salesforce/Contracts: the CLI team's
/// DescribeSObjectResult JSON Schema and component schemas of Salesforce's sObjects OpenAPI document.
/// </summary>
internal static class SalesforceContracts
{
    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new();

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ContractPath(string file) => Path.Combine(RepoRoot, "tests", "SfHsSync.Sandbox.Tests", "Salesforce", "Contracts", file);

    public static void AssertDescribeValid(JsonNode? describe)
        => AssertValid(Schemas.GetOrAdd("describe", _ => JsonSchema.FromText(File.ReadAllText(ContractPath("sobject-describe.schema.json")))), describe, "DescribeSObjectResult");

    /// <summary>
    /// Validates against an OpenAPI component. The document declares no field nullable, yet Salesforce answers null for
    /// empty fields, so null members are dropped before record schemas (the *SObject ones) are applied.
    /// </summary>
    public static void AssertOpenApiValid(string component, JsonNode? answer)
    {
        var schema = Schemas.GetOrAdd(component, BuildOpenApi);
        var instance = component.EndsWith("SObject", StringComparison.Ordinal) ? WithoutNulls(answer) : answer;
        AssertValid(schema, instance, component);
    }

    private static void AssertValid(JsonSchema schema, JsonNode? answer, string name)
    {
        var result = schema.Evaluate(answer, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var problems = (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))
                .Take(20);
            Assert.Fail($"Answer does not match {name}:\n{string.Join("\n", problems)}\n{answer?.ToJsonString()[..Math.Min(2000, answer.ToJsonString().Length)]}");
        }
    }

    private static JsonSchema BuildOpenApi(string component)
    {
        var spec = JsonNode.Parse(File.ReadAllText(ContractPath("salesforce-sobjects.subset.oas.json")))!;
        var components = spec["components"]!["schemas"]!.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        var document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://sandbox.test/salesforce/{component}",
            ["$defs"] = JsonNode.Parse(components),
            ["$ref"] = $"#/$defs/{component}",
        };
        return JsonSchema.FromText(document.ToJsonString());
    }

    private static JsonNode? WithoutNulls(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(kv => kv.Value is not null).Select(kv => KeyValuePair.Create(kv.Key, WithoutNulls(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(WithoutNulls).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    private static string FindRepoRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        // Isolated builds put binaries outside the repo: the compile-time path of this file is the second place to look.
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? string.Empty, Environment.CurrentDirectory })
        {
            for (var dir = start.Length > 0 ? new DirectoryInfo(start) : null; dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SfHsSync.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("SfHsSync.sln was not found above the test binaries or sources.");
    }
}
