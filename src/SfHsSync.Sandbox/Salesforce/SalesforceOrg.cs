using System.Text.Json;

namespace SfHsSync.Sandbox.Salesforce;

/// <summary>The emulated Salesforce data and behaviour.</summary>
public sealed class SalesforceOrg
{
    private SalesforceOrg(SalesforceSandboxOptions options)
    {
        Options = options;
    }

    public SalesforceSandboxOptions Options { get; }

    /// <summary>Where this half listens; set once the server has started.</summary>
    public Uri BaseUrl { get; internal set; } = new("http://127.0.0.1/");

    /// <summary>A token the sandbox accepts from the start.</summary>
    public string DefaultAccessToken { get; } = "sandbox-salesforce-token";

    public static SalesforceOrg Create(JsonElement? seed, SalesforceSandboxOptions options) => new(options);
}
