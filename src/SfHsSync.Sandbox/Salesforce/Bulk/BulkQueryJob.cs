using SfHsSync.Sandbox.Salesforce.Soql;

namespace SfHsSync.Sandbox.Salesforce.Bulk;

/// <summary>A Bulk API 2.0 query job: the rows it matched when it was created, read back in CSV pages by locator.</summary>
internal sealed class BulkQueryJob(string id, string operation, QueryCursor cursor, DateTimeOffset created, string apiVersion, BulkJobState state)
{
    public string Id { get; } = id;

    public string Operation { get; } = operation;

    public QueryCursor Cursor { get; } = cursor;

    public DateTimeOffset Created { get; } = created;

    public string ApiVersion { get; } = apiVersion;

    public BulkJobState State { get; } = state;
}
