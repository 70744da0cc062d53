namespace SfHsSync.Sandbox.HubSpot;

/// <summary>What an injected fault does to a call.</summary>
public enum HubSpotFault
{
    None,

    /// <summary>423 Locked.</summary>
    Locked,

    /// <summary>502 Bad Gateway.</summary>
    BadGateway,

    /// <summary>503 Service Unavailable.</summary>
    ServiceUnavailable,

    /// <summary>504 Gateway Timeout.</summary>
    GatewayTimeout,

    /// <summary>The connection is reset before any answer: the call may be sent again, nothing was done.</summary>
    ConnectionReset,

    /// <summary>The answer waits <see cref="HubSpotSandboxOptions.SlowAnswerDelay"/> before the endpoint runs; a client that gives up first leaves nothing done.</summary>
    SlowAnswer,
}

/// <summary>
/// Chooses which calls get an injected fault. The n-th call's draw depends only on the seed and n, so a run replays
/// the same faults on the same calls. The shares are laid end to end on [0, 1): locked, 502, 503, 504, reset, slow.
/// </summary>
internal sealed class HubSpotFaults(HubSpotSandboxOptions options)
{
    private readonly int[] _served = new int[Enum.GetValues<HubSpotFault>().Length];
    private long _calls;

    public int LockedServed => Served(HubSpotFault.Locked);

    public int BadGatewayServed => Served(HubSpotFault.BadGateway);

    public int Served(HubSpotFault fault) => Volatile.Read(ref _served[(int)fault]);

    /// <summary>The fault the next call meets (None for one that goes through).</summary>
    public HubSpotFault Draw()
    {
        var n = Interlocked.Increment(ref _calls);
        var shares = new[]
        {
            (HubSpotFault.Locked, options.LockedShare), (HubSpotFault.BadGateway, options.BadGatewayShare),
            (HubSpotFault.ServiceUnavailable, options.ServiceUnavailableShare), (HubSpotFault.GatewayTimeout, options.GatewayTimeoutShare),
            (HubSpotFault.ConnectionReset, options.ConnectionResetShare), (HubSpotFault.SlowAnswer, options.SlowAnswerShare),
        };
        if (shares.All(s => s.Item2 <= 0))
        {
            return HubSpotFault.None;
        }

        var u = Uniform(options.FaultSeed, n);
        var edge = 0.0;
        foreach (var (fault, share) in shares)
        {
            edge += Math.Clamp(share, 0, 1);
            if (u < edge)
            {
                Interlocked.Increment(ref _served[(int)fault]);
                return fault;
            }
        }

        return HubSpotFault.None;
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _calls, 0);
        for (var i = 0; i < _served.Length; i++)
        {
            Interlocked.Exchange(ref _served[i], 0);
        }
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
