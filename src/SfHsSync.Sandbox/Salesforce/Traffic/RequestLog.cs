namespace SfHsSync.Sandbox.Salesforce.Traffic;

/// <summary>One answered call: what was asked and the status it got. Bodies and headers are never kept, so no secret is.</summary>
public sealed record SalesforceRequest(long Sequence, string Method, string Path, string Query, int Status);

/// <summary>Every call the org answered since start or the last <see cref="Reset"/>, so tests can assert exact call counts.</summary>
public sealed class RequestLog
{
    private readonly object _gate = new();
    private readonly List<SalesforceRequest> _entries = new();
    private long _sequence;

    /// <summary>Called after each answer, on the request's thread; a test can use it to stop a run mid-way.</summary>
    public event Action<SalesforceRequest>? Answered;

    public IReadOnlyList<SalesforceRequest> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToArray();
            }
        }
    }

    /// <summary>Calls with this method (or any, when null) whose path contains the fragment, e.g. <c>Count("GET", "/query")</c>.</summary>
    public int Count(string? method = null, string? pathContains = null)
    {
        lock (_gate)
        {
            return _entries.Count(e => (method is null || string.Equals(e.Method, method, StringComparison.OrdinalIgnoreCase))
                && (pathContains is null || e.Path.Contains(pathContains, StringComparison.OrdinalIgnoreCase)));
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal void Add(string method, string path, string query, int status)
    {
        SalesforceRequest entry;
        lock (_gate)
        {
            entry = new SalesforceRequest(++_sequence, method, path, query, status);
            _entries.Add(entry);
        }

        Answered?.Invoke(entry);
    }
}
