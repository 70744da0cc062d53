namespace SfHsSync.Sandbox.Salesforce.Data;

/// <summary>Why Salesforce refused one record: its status code (REQUIRED_FIELD_MISSING, DUPLICATE_VALUE, ...), message and fields.</summary>
public sealed record RecordError(string StatusCode, string Message, IReadOnlyList<string> Fields)
{
    public RecordError(string statusCode, string message)
        : this(statusCode, message, Array.Empty<string>())
    {
    }
}

/// <summary>What one record write came to: the record's id, whether it was created, and the errors when it failed.</summary>
public sealed record WriteOutcome(string? Id, bool Created, IReadOnlyList<RecordError> Errors)
{
    public bool Success => Errors.Count == 0;

    public static WriteOutcome Failed(string? id, params RecordError[] errors) => new(id, false, errors);
}
