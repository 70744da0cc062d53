namespace SfHsSync.Engine.Salesforce;

/// <summary>Where deletes are read from.</summary>
public enum SalesforceDeleteSource
{
    /// <summary>queryAll for IsDeleted = true: rows still in the recycle bin.</summary>
    QueryAll,

    /// <summary>The getDeleted resource: every delete of the last 15 days, including rows purged from the recycle bin.</summary>
    GetDeleted,
}
