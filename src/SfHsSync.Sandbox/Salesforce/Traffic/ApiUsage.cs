namespace SfHsSync.Sandbox.Salesforce.Traffic;

/// <summary>The daily API allowance: calls counted so far against the configured maximum.</summary>
internal sealed class ApiUsage(SalesforceSandboxOptions options)
{
    private int _used;

    public int Used => Volatile.Read(ref _used);

    public int Max => options.DailyApiRequests;

    /// <summary>Counts a call; false (and not counted) once the allowance is spent.</summary>
    public bool TryCount()
    {
        while (true)
        {
            var used = Volatile.Read(ref _used);
            if (used >= Max)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _used, used + 1, used) == used)
            {
                return true;
            }
        }
    }

    public void Set(int used) => Interlocked.Exchange(ref _used, Math.Max(0, used));

    public string Header => $"api-usage={Used}/{Max}";
}
