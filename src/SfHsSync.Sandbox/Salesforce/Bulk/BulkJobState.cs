namespace SfHsSync.Sandbox.Salesforce.Bulk;

/// <summary>
/// A job's progress as clients poll it: after the upload completes the job shows InProgress for the configured number of
/// status reads, then JobComplete, so a client that polls is exercised and one that does not is caught.
/// </summary>
internal sealed class BulkJobState(int pollsBeforeComplete, string initial)
{
    private readonly object _gate = new();
    private string _state = initial;
    private int _pollsLeft = pollsBeforeComplete;

    public string Current
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>A status read: moves UploadComplete or InProgress along and gives the state to report.</summary>
    public string Poll()
    {
        lock (_gate)
        {
            if (_state is "UploadComplete" or "InProgress")
            {
                if (_pollsLeft > 0)
                {
                    _pollsLeft--;
                    _state = "InProgress";
                }
                else
                {
                    _state = "JobComplete";
                }
            }

            return _state;
        }
    }

    /// <summary>With no polls asked for, an uploaded job is complete at once.</summary>
    public void Uploaded()
    {
        lock (_gate)
        {
            _state = _pollsLeft > 0 ? "UploadComplete" : "JobComplete";
        }
    }

    /// <summary>Sets a state a client asked for (Aborted) or the job reached (Failed); false when the job is already finished.</summary>
    public bool TrySet(string state)
    {
        lock (_gate)
        {
            if (_state is "JobComplete" or "Aborted" or "Failed")
            {
                return false;
            }

            _state = state;
            return true;
        }
    }
}
