using SfHsSync.Sandbox.HubSpot;
using SfHsSync.Sandbox.Salesforce;

namespace SfHsSync.Sandbox;

/// <summary>How a sandbox starts: which seed, which ports, and each service's limits and faults.</summary>
public sealed class SandboxOptions
{
    /// <summary>"Demo" or "Standard" (built in), "Empty", or the path of a seed file (JSON with "salesforce" and "hubspot" members).</summary>
    public string Seed { get; set; } = "Demo";

    /// <summary>Loopback port for the Salesforce half; 0 picks a free one.</summary>
    public int SalesforcePort { get; set; }

    /// <summary>Loopback port for the HubSpot half; 0 picks a free one.</summary>
    public int HubSpotPort { get; set; }

    public SalesforceSandboxOptions Salesforce { get; set; } = new();

    public HubSpotSandboxOptions HubSpot { get; set; } = new();
}
