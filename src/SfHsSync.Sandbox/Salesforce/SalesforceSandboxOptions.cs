namespace SfHsSync.Sandbox.Salesforce;

/// <summary>Limits, faults and latency of the emulated Salesforce, deterministic under <see cref="FaultSeed"/>.</summary>
public sealed class SalesforceSandboxOptions
{
    /// <summary>Seed of the random source behind injected faults.</summary>
    public int FaultSeed { get; set; } = 1;
}
