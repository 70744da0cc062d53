namespace SfHsSync.Engine.Salesforce;

/// <summary>One object in the org's global describe: what it is and what the API may do with it.</summary>
public sealed record SalesforceObjectSummary
{
    public required string Name { get; init; }

    public string Label { get; init; } = string.Empty;

    public bool Custom { get; init; }

    public bool Queryable { get; init; }

    public bool Createable { get; init; }

    public bool Updateable { get; init; }

    public bool Deletable { get; init; }

    public bool Replicateable { get; init; }

    public bool Retrieveable { get; init; }

    public string? KeyPrefix { get; init; }
}
