namespace SfHsSync.Engine.Connections;

/// <summary>Where a Salesforce connection's API version came from.</summary>
public enum SalesforceApiVersionSource
{
    /// <summary>Not chosen yet: the connection speaks v59.0 until SalesforceApiVersionNegotiator asks the org.</summary>
    Default,

    /// <summary>Pinned by Connect-Salesforce -ApiVersion, SFHSSYNC_SF_API_VERSION or WithApiVersion; never negotiated.</summary>
    Pinned,

    /// <summary>The newest version both the org and the client support, asked of the org once.</summary>
    Negotiated,
}
