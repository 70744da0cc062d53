namespace SfHsSync.Sandbox.HubSpot;

/// <summary>One call the sandbox answered: the route template (e.g. "/crm/v3/objects/{objectType}/batch/create") and the status.</summary>
public sealed record HubSpotRequest(string Method, string PathTemplate, string Path, int StatusCode);

/// <summary>Every call answered since the last reset, so tests can assert exact API call counts.</summary>
internal sealed class HubSpotRequestLog
{
    private readonly object _gate = new();
    private readonly List<HubSpotRequest> _entries = [];

    public void Add(HubSpotRequest request)
    {
        lock (_gate)
        {
            _entries.Add(request);
        }
    }

    public IReadOnlyList<HubSpotRequest> Snapshot()
    {
        lock (_gate)
        {
            return _entries.ToArray();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
