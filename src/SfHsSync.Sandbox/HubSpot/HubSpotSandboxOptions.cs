namespace SfHsSync.Sandbox.HubSpot;

/// <summary>Limits, faults and latency of the emulated HubSpot, deterministic under <see cref="FaultSeed"/>.</summary>
public sealed class HubSpotSandboxOptions
{
    /// <summary>Seed of the random source behind injected faults.</summary>
    public int FaultSeed { get; set; } = 1;
}
