using System.Text;

namespace SfHsSync.Sandbox.Salesforce.Bulk;

/// <summary>One row's result in an ingest job: the record id (when known), whether it was created, or the error text.</summary>
internal sealed record IngestRowResult(string[] Row, string? Id, bool Created, string? Error);

/// <summary>A Bulk API 2.0 ingest job: CSV uploaded while Open, processed when the client marks it UploadComplete.</summary>
internal sealed class BulkIngestJob(string id, string objectName, string operation, string? externalIdField, char delimiter, DateTimeOffset created, string apiVersion, BulkJobState state)
{
    private readonly StringBuilder _data = new();

    public string Id { get; } = id;

    public string ObjectName { get; } = objectName;

    public string Operation { get; } = operation;

    public string? ExternalIdField { get; } = externalIdField;

    public char Delimiter { get; } = delimiter;

    public DateTimeOffset Created { get; } = created;

    public string ApiVersion { get; } = apiVersion;

    public BulkJobState State { get; } = state;

    public string[] Header { get; set; } = Array.Empty<string>();

    public IReadOnlyList<IngestRowResult> Results { get; set; } = Array.Empty<IngestRowResult>();

    /// <summary>Rows uploaded but never processed (the job was aborted first).</summary>
    public IReadOnlyList<string[]> Unprocessed { get; set; } = Array.Empty<string[]>();

    public void Append(string csv)
    {
        lock (_data)
        {
            // A second upload repeats the header line; only the first one's is kept.
            if (_data.Length > 0)
            {
                var firstLineEnd = csv.IndexOf('\n', StringComparison.Ordinal);
                csv = firstLineEnd < 0 ? string.Empty : csv[(firstLineEnd + 1)..];
                if (_data[^1] != '\n')
                {
                    _data.Append('\n');
                }
            }

            _data.Append(csv);
        }
    }

    public string Data
    {
        get
        {
            lock (_data)
            {
                return _data.ToString();
            }
        }
    }
}
