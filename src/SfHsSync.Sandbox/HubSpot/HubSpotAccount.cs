using System.Text.Json;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>The emulated HubSpot data and behaviour.</summary>
public sealed class HubSpotAccount
{
    private HubSpotAccount(HubSpotSandboxOptions options)
    {
        Options = options;
    }

    public HubSpotSandboxOptions Options { get; }

    /// <summary>Where this half listens; set once the server has started.</summary>
    public Uri BaseUrl { get; internal set; } = new("http://127.0.0.1/");

    /// <summary>A token the sandbox accepts from the start.</summary>
    public string DefaultAccessToken { get; } = "sandbox-hubspot-token";

    public static HubSpotAccount Create(JsonElement? seed, HubSpotSandboxOptions options) => new(options);
}
