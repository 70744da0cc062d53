namespace SfHsSync.Sandbox.Salesforce.Traffic;

/// <summary>
/// Decides which calls fail, as a pure function of the fault seed, the call's number and the record's position:
/// the same seed and the same sequence of calls fail the same way, whatever threads Kestrel serves them on.
/// </summary>
internal sealed class FaultPlan(SalesforceSandboxOptions options)
{
    private long _calls;
    private long _unavailableServed;
    private long _lockedRowsServed;

    /// <summary>Calls answered 503 SERVER_UNAVAILABLE since start or the last reset.</summary>
    public long UnavailableServed => Interlocked.Read(ref _unavailableServed);

    /// <summary>Records (or single-record calls) refused UNABLE_TO_LOCK_ROW since start or the last reset.</summary>
    public long LockedRowsServed => Interlocked.Read(ref _lockedRowsServed);

    /// <summary>Numbers an API call (1-based since start or the last reset).</summary>
    public long NextCall() => Interlocked.Increment(ref _calls);

    public void Reset()
    {
        Interlocked.Exchange(ref _calls, 0);
        Interlocked.Exchange(ref _unavailableServed, 0);
        Interlocked.Exchange(ref _lockedRowsServed, 0);
    }

    public bool Unavailable(long call)
        => Served((options.FailFromRequest is { } from && call >= from) || Draw(call, 0, 1) < options.ServiceUnavailableShare, ref _unavailableServed);

    /// <summary>Whether the record at <paramref name="index"/> of a write call meets a locked row.</summary>
    public bool LockedRow(long call, int index) => Served(Draw(call, index, 2) < options.LockRowFailureShare, ref _lockedRowsServed);

    private static bool Served(bool fault, ref long counter)
    {
        if (fault)
        {
            Interlocked.Increment(ref counter);
        }

        return fault;
    }

    private double Draw(long call, int index, int kind)
    {
        // SplitMix64 over (seed, call, index, kind): cheap, stateless and well spread.
        var z = unchecked((ulong)options.FaultSeed * 0x9E3779B97F4A7C15UL + (ulong)call * 0xBF58476D1CE4E5B9UL + (ulong)index * 0x94D049BB133111EBUL + (ulong)kind);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
