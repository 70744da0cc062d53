using SfHsSync.Sandbox.Salesforce.Data;

namespace SfHsSync.Sandbox.Salesforce;

/// <summary>A test's direct write was refused, with the error the API would have given.</summary>
public sealed class SalesforceWriteException(string objectName, int index, RecordError error)
    : Exception($"{objectName} record {index}: {error.StatusCode}: {error.Message}")
{
    public RecordError Error { get; } = error;

    public string ObjectName { get; } = objectName;

    /// <summary>Position of the refused record in the batch.</summary>
    public int Index { get; } = index;
}
