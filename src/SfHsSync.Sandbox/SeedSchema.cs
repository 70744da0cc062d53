using System.Globalization;
using System.Text;
using System.Text.Json;
using Json.Schema;

namespace SfHsSync.Sandbox;

/// <summary>A seed that does not fit the seed format: the message names the first problem and its JSON path.</summary>
public sealed class SeedInvalidException(string message, string jsonPath) : Exception(message)
{
    /// <summary>Where the problem is, as a JSON path such as <c>$.salesforce.objects[0].fields[2].type</c>.</summary>
    public string JsonPath { get; } = jsonPath;
}

/// <summary>The seed format's JSON Schema (Seeds/sandbox-seed.schema.json, embedded), and the check of a seed against it.</summary>
public static class SeedSchema
{
    public const string ResourceName = "SfHsSync.Sandbox.Seeds.sandbox-seed.schema.json";

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(Text()));

    /// <summary>The schema's text, as shipped.</summary>
    public static string Text()
    {
        using var stream = typeof(SeedSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The seed schema '{ResourceName}' is missing from the sandbox assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Throws <see cref="SeedInvalidException"/> naming the first place where <paramref name="seed"/> breaks the schema.</summary>
    public static void Check(JsonElement seed, string source)
    {
        var result = Schema.Value.Evaluate(seed, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        if (result.IsValid)
        {
            return;
        }

        var first = FirstFailure(result);
        var path = first is null ? "$" : ToJsonPath(first.InstanceLocation.Select(s => s.ToString()));
        var problem = first is null ? "it does not match the seed format" : string.Join("; ", first.Errors!.Select(e => $"{e.Key}: {e.Value}"));
        if (first?.InstanceLocation.Evaluate(seed) is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Array) } found)
        {
            problem += $" (it is {found.GetRawText()})";
        }

        throw new SeedInvalidException($"Seed '{source}' is not valid at {path}: {problem} (the format: docs/sandbox-seeds.md).", path);
    }

    /// <summary>The first failed check that failed for itself, following only failed branches (a passing anyOf's failed alternative is no problem).</summary>
    private static EvaluationResults? FirstFailure(EvaluationResults result)
    {
        if (result.IsValid)
        {
            return null;
        }

        foreach (var detail in result.Details ?? [])
        {
            if (FirstFailure(detail) is { } failure)
            {
                return failure;
            }
        }

        return result.Errors is { Count: > 0 } ? result : null;
    }

    /// <summary>JSON pointer segments to a JSON path: <c>/a/0/b</c> becomes <c>$.a[0].b</c>.</summary>
    internal static string ToJsonPath(IEnumerable<string> segments)
    {
        var path = new StringBuilder("$");
        foreach (var segment in segments)
        {
            if (int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                path.Append(CultureInfo.InvariantCulture, $"[{index}]");
            }
            else if (segment.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                path.Append('.').Append(segment);
            }
            else
            {
                path.Append("['").Append(segment.Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
            }
        }

        return path.ToString();
    }
}
