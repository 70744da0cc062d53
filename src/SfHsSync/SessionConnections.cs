using SfHsSync.Engine.Connections;

namespace SfHsSync.Commands;

/// <summary>
/// The connections made current by the last Connect-* or Start-SyncSandbox in this process. A cmdlet takes its
/// connection from -Connection, else from here, else from the SFHSSYNC_* environment variables.
/// </summary>
public static class SessionConnections
{
    private static readonly object Gate = new();
    private static SalesforceConnection? _salesforce;
    private static HubSpotConnection? _hubSpot;

    public static SalesforceConnection? Salesforce
    {
        get { lock (Gate) { return _salesforce; } }
        set { lock (Gate) { _salesforce = value; } }
    }

    public static HubSpotConnection? HubSpot
    {
        get { lock (Gate) { return _hubSpot; } }
        set { lock (Gate) { _hubSpot = value; } }
    }
}
