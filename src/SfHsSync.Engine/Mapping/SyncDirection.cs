namespace SfHsSync.Engine.Mapping;

/// <summary>Where a change may travel: for one field, for creates, or for deletes.</summary>
public enum SyncDirection
{
    /// <summary>Changes on either side travel to the other.</summary>
    TwoWay,

    /// <summary>Salesforce is the source: its changes travel to HubSpot, HubSpot's are overwritten.</summary>
    SalesforceToHubSpot,

    /// <summary>HubSpot is the source: its changes travel to Salesforce, Salesforce's are overwritten.</summary>
    HubSpotToSalesforce,

    /// <summary>Nothing travels (HubSpot's "don't sync").</summary>
    None,
}
