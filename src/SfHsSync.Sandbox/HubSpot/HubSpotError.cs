using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>One bad property value, as HubSpot lists it inside "Property values were not valid: [...]".</summary>
public sealed record PropertyProblem(string PropertyName, string Code, string Message);

/// <summary>
/// An error as HubSpot answers it: an HTTP status, a category (VALIDATION_ERROR, OBJECT_NOT_FOUND, CONFLICT ...),
/// a message that names what is wrong, and optional context and details.
/// </summary>
public sealed record HubSpotError(int StatusCode, string Category, string Message)
{
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Context { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyList<PropertyProblem> Problems { get; init; } = [];

    public static HubSpotError Validation(string message) => new(400, "VALIDATION_ERROR", message);

    public static HubSpotError NotFound(string message) => new(404, "OBJECT_NOT_FOUND", message);

    public static HubSpotError Conflict(string message) => new(409, "CONFLICT", message);

    /// <summary>HubSpot's answer to bad values: the problems are JSON inside the message, and we also list them in errors[].</summary>
    public static HubSpotError InvalidValues(IReadOnlyList<PropertyProblem> problems)
    {
        var list = new JsonArray();
        foreach (var p in problems)
        {
            list.Add(new JsonObject
            {
                ["isValid"] = false,
                ["message"] = p.Message,
                ["error"] = p.Code,
                ["name"] = p.PropertyName,
                ["localizedErrorMessage"] = p.Message,
            });
        }

        return new HubSpotError(400, "VALIDATION_ERROR", "Property values were not valid: " + list.ToJsonString())
        {
            Problems = problems,
            Context = new Dictionary<string, IReadOnlyList<string>> { ["propertyName"] = problems.Select(p => p.PropertyName).Distinct().ToArray() },
        };
    }

    /// <summary>The top-level body of a failed call (the "Error" schema of the OpenAPI files).</summary>
    public JsonObject ToResponseBody()
    {
        var body = new JsonObject
        {
            ["status"] = "error",
            ["message"] = Message,
            ["correlationId"] = Guid.NewGuid().ToString(),
            ["category"] = Category,
        };
        if (Context.Count > 0)
        {
            body["context"] = ContextJson();
        }

        if (Problems.Count > 0)
        {
            body["errors"] = DetailsJson();
        }

        return body;
    }

    /// <summary>One entry of a 207 answer's errors[] (the "StandardError" schema: every member present).</summary>
    public JsonObject ToBatchError() => new()
    {
        ["status"] = "error",
        ["category"] = Category,
        ["message"] = Message,
        ["context"] = ContextJson(),
        ["errors"] = DetailsJson(),
        ["links"] = new JsonObject(),
    };

    private JsonObject ContextJson()
    {
        var context = new JsonObject();
        foreach (var (key, values) in Context)
        {
            context[key] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }

        return context;
    }

    private JsonArray DetailsJson() => new(Problems.Select(p => (JsonNode?)new JsonObject
    {
        ["message"] = p.Message,
        ["code"] = p.Code,
        ["context"] = new JsonObject { ["propertyName"] = new JsonArray(JsonValue.Create(p.PropertyName)) },
    }).ToArray());
}

/// <summary>Carries a <see cref="HubSpotError"/> out of the account to the endpoint that answers it.</summary>
public sealed class HubSpotApiException(HubSpotError error) : Exception(error.Message)
{
    public HubSpotError Error { get; } = error;
}
