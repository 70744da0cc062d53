using System.Text.Json;

namespace SfHsSync.Engine.Salesforce;

/// <summary>
/// One entry of a Salesforce error answer: REST and Bulk answer <c>[{"errorCode","message","fields"}]</c>, the OAuth
/// endpoint <c>{"error","error_description"}</c>. Unreadable bodies become one entry with the body's start as message.
/// </summary>
internal sealed record SalesforceApiError(string ErrorCode, string Message, IReadOnlyList<string> Fields)
{
    public static IReadOnlyList<SalesforceApiError> Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                var errors = new List<SalesforceApiError>();
                foreach (var item in root.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        errors.Add(new SalesforceApiError(
                            JsonMember.Text(item, "errorCode") ?? JsonMember.Text(item, "statusCode") ?? "UNKNOWN_ERROR",
                            JsonMember.Text(item, "message") ?? string.Empty,
                            JsonMember.Strings(item, "fields")));
                    }
                }

                return errors;
            }

            if (root.ValueKind == JsonValueKind.Object)
            {
                if (JsonMember.Text(root, "error") is { } oauthError)
                {
                    return [new SalesforceApiError(oauthError, JsonMember.Text(root, "error_description") ?? string.Empty, [])];
                }

                if (JsonMember.Text(root, "errorCode") is { } code)
                {
                    return [new SalesforceApiError(code, JsonMember.Text(root, "message") ?? string.Empty, JsonMember.Strings(root, "fields"))];
                }
            }
        }
        catch (JsonException)
        {
        }

        var start = body.Length > 200 ? body[..200] + "…" : body;
        return [new SalesforceApiError("UNKNOWN_ERROR", start.Trim(), [])];
    }

    public static bool Contains(string? body, string errorCode)
        => body is not null && body.Contains(errorCode, StringComparison.Ordinal)
           && Parse(body).Any(e => string.Equals(e.ErrorCode, errorCode, StringComparison.Ordinal));

    public override string ToString() => Fields.Count == 0 ? $"{ErrorCode}: {Message}" : $"{ErrorCode}: {Message} ({string.Join(", ", Fields)})";
}
