using System.Collections.Concurrent;
using SfHsSync.Sandbox.Salesforce.Data;
using SfHsSync.Sandbox.Salesforce.Schema;

namespace SfHsSync.Sandbox.Salesforce.Bulk;

/// <summary>The org's Bulk API 2.0 jobs, and how an ingest job's rows are written.</summary>
internal sealed class BulkJobs(SalesforceOrg org)
{
    private readonly ConcurrentDictionary<string, BulkQueryJob> _queries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BulkIngestJob> _ingests = new(StringComparer.Ordinal);
    private long _sequence;

    public int QueryJobCount => _queries.Count;

    public IEnumerable<BulkQueryJob> Queries => _queries.Values.OrderBy(j => j.Created);

    public IEnumerable<BulkIngestJob> Ingests => _ingests.Values.OrderBy(j => j.Created);

    public string NextId() => SalesforceId.Create("750", Interlocked.Increment(ref _sequence));

    public void Add(BulkQueryJob job) => _queries[job.Id] = job;

    public void Add(BulkIngestJob job) => _ingests[job.Id] = job;

    public BulkQueryJob? FindQuery(string id) => _queries.GetValueOrDefault(SalesforceId.Normalize(id) ?? id);

    public BulkIngestJob? FindIngest(string id) => _ingests.GetValueOrDefault(SalesforceId.Normalize(id) ?? id);

    public bool Remove(string id)
    {
        var key = SalesforceId.Normalize(id) ?? id;
        return _queries.TryRemove(key, out _) | _ingests.TryRemove(key, out _);
    }

    /// <summary>
    /// Writes every uploaded row. Each row stands alone (no all-or-none), as in Bulk API 2.0: a refused row lands in
    /// failedResults with <c>STATUS_CODE:message:fields --</c>, the others in successfulResults.
    /// </summary>
    public void Process(BulkIngestJob job, long call)
    {
        var (header, rows) = BulkCsv.Read(job.Data, job.Delimiter);
        job.Header = header;
        var table = org.FindTable(job.ObjectName)!;
        var keyColumn = job.Operation switch
        {
            "update" or "delete" or "hardDelete" => Array.FindIndex(header, h => string.Equals(h, "Id", StringComparison.OrdinalIgnoreCase)),
            "upsert" => Array.FindIndex(header, h => string.Equals(h, job.ExternalIdField, StringComparison.OrdinalIgnoreCase)),
            _ => -1,
        };
        var results = new List<IngestRowResult>(rows.Count);
        lock (org.Gate)
        {
            var write = new WriteContext(org.Clock.Now(), org.UserId, null);
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                WriteOutcome outcome;
                if (org.Faults.LockedRow(call, i))
                {
                    outcome = WriteOutcome.Failed(null, new RecordError("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records"));
                }
                else
                {
                    outcome = WriteRow(job, table, header, row, keyColumn, write);
                }

                results.Add(new IngestRowResult(row, outcome.Id, outcome.Created, outcome.Success ? null : Describe(outcome.Errors[0])));
            }
        }

        job.Results = results;
    }

    private WriteOutcome WriteRow(BulkIngestJob job, SObjectTable table, string[] header, string[] row, int keyColumn, WriteContext write)
    {
        var inputs = new List<KeyValuePair<string, InputValue>>();
        for (var c = 0; c < header.Length; c++)
        {
            // An empty cell leaves a field alone; #N/A clears it.
            if (row[c].Length > 0 && c != keyColumn && !(job.Operation == "insert" && string.Equals(header[c], "Id", StringComparison.OrdinalIgnoreCase)))
            {
                inputs.Add(new KeyValuePair<string, InputValue>(header[c], InputValue.FromCsv(row[c])));
            }
        }

        if (job.Operation == "insert")
        {
            return org.Writer.Create(table, inputs, write);
        }

        var key = keyColumn >= 0 ? row[keyColumn] : string.Empty;
        if (key.Length == 0)
        {
            var missing = job.Operation == "upsert" ? job.ExternalIdField! : "Id";
            return WriteOutcome.Failed(null, new RecordError("MISSING_ARGUMENT", $"{missing} not specified", [missing]));
        }

        if (job.Operation == "upsert")
        {
            return org.Writer.Upsert(table, table.Schema.FindField(job.ExternalIdField!)!, key, inputs, write);
        }

        var id = SalesforceId.Normalize(key);
        if (id is null || table.Find(id) is null)
        {
            return WriteOutcome.Failed(key, new RecordError(id is null ? "MALFORMED_ID" : "INVALID_CROSS_REFERENCE_KEY", id is null ? $"malformed id {key}" : "invalid cross reference id"));
        }

        return job.Operation == "update"
            ? org.Writer.Update(table, id, inputs, write)
            : org.Writer.Delete(table, id, write);
    }

    private static string Describe(RecordError e) => $"{e.StatusCode}:{e.Message}:{string.Join(",", e.Fields)} --";
}
