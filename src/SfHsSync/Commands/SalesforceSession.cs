using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Commands;

/// <summary>The Salesforce connection a command speaks on, with its API version chosen.</summary>
internal static class SalesforceSession
{
    /// <summary>
    /// The command's -SalesforceConnection, else the session's current one, else the SFHSSYNC_SF_* variables; unless
    /// pinned, its version is negotiated with the org once (a connection that already was keeps its version, so a
    /// continuous sync never asks again).
    /// </summary>
    public static SalesforceConnection Resolve(SalesforceConnection? given, CancellationToken cancellationToken = default)
    {
        var connection = SalesforceConnection.Resolve(given, SessionConnections.Salesforce);
        return Task.Run(() => SalesforceApiVersionNegotiator.NegotiateAsync(connection, cancellationToken), cancellationToken).GetAwaiter().GetResult();
    }
}
