namespace SfHsSync.Sandbox.HubSpot;

/// <summary>
/// Chooses which calls get an injected 423 or 502. The n-th call's draw depends only on the seed and n,
/// so a run replays the same faults on the same calls.
/// </summary>
internal sealed class HubSpotFaults(HubSpotSandboxOptions options)
{
    private long _calls;
    private int _locked;
    private int _badGateway;

    public int LockedServed => Volatile.Read(ref _locked);

    public int BadGatewayServed => Volatile.Read(ref _badGateway);

    /// <summary>423, 502, or null for a call that goes through.</summary>
    public int? Draw()
    {
        var n = Interlocked.Increment(ref _calls);
        var locked = Math.Clamp(options.LockedShare, 0, 1);
        var badGateway = Math.Clamp(options.BadGatewayShare, 0, 1);
        if (locked <= 0 && badGateway <= 0)
        {
            return null;
        }

        var u = Uniform(options.FaultSeed, n);
        if (u < locked)
        {
            Interlocked.Increment(ref _locked);
            return 423;
        }

        if (u < locked + badGateway)
        {
            Interlocked.Increment(ref _badGateway);
            return 502;
        }

        return null;
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _calls, 0);
        Interlocked.Exchange(ref _locked, 0);
        Interlocked.Exchange(ref _badGateway, 0);
    }

    // SplitMix64: a well-mixed hash of (seed, n), mapped to [0, 1).
    private static double Uniform(int seed, long n)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)n * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
