using System.Diagnostics;
using SfHsSync.Engine.Connections;

namespace SfHsSync.Engine.Sandbox;

/// <summary>A running sandbox process: both services' URLs and connections that it accepts.</summary>
public sealed class SyncSandbox : IDisposable
{
    private readonly Process? _process;

    internal SyncSandbox(Process? process, string seed, Uri salesforceUrl, Uri hubSpotUrl, SalesforceConnection salesforce, HubSpotConnection hubSpot)
    {
        _process = process;
        Seed = seed;
        SalesforceUrl = salesforceUrl;
        HubSpotUrl = hubSpotUrl;
        Salesforce = salesforce;
        HubSpot = hubSpot;
        StartedAt = DateTimeOffset.Now;
    }

    public string Seed { get; }

    public Uri SalesforceUrl { get; }

    public Uri HubSpotUrl { get; }

    public SalesforceConnection Salesforce { get; }

    public HubSpotConnection HubSpot { get; }

    public int? ProcessId => _process?.Id;

    public DateTimeOffset StartedAt { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Stops the sandbox process; its data is gone with it.</summary>
    public void Dispose()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                // Closing stdin asks the sandbox to stop; a kill is the fallback.
                _process.StandardInput.Close();
                if (!_process.WaitForExit(5000))
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(5000);
                }
            }
        }
        catch (InvalidOperationException)
        {
        }
        finally
        {
            _process.Dispose();
        }
    }

    public override string ToString() => $"Sandbox (Salesforce {SalesforceUrl}, HubSpot {HubSpotUrl})";
}
