namespace SfHsSync.Engine.Salesforce;

/// <summary>One error Salesforce gave for one record: its statusCode (e.g. REQUIRED_FIELD_MISSING), message and fields.</summary>
public sealed record SalesforceRecordError(string StatusCode, string Message, IReadOnlyList<string> Fields)
{
    public override string ToString() => Fields.Count == 0 ? $"{StatusCode}: {Message}" : $"{StatusCode}: {Message} ({string.Join(", ", Fields)})";
}
