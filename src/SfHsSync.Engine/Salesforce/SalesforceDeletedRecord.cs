namespace SfHsSync.Engine.Salesforce;

/// <summary>A record deleted in Salesforce: its Id and when it was deleted (SystemModstamp for queryAll, deletedDate for getDeleted).</summary>
public sealed record SalesforceDeletedRecord(string Id, DateTimeOffset DeletedAt);

/// <summary>Where deletes are read from.</summary>
public enum SalesforceDeleteSource
{
    /// <summary>queryAll for IsDeleted = true: rows still in the recycle bin.</summary>
    QueryAll,

    /// <summary>The getDeleted resource: every delete of the last 15 days, including rows purged from the recycle bin.</summary>
    GetDeleted,
}

/// <summary>What a Bulk API 2.0 ingest job does with its rows.</summary>
public enum SalesforceBulkOperation
{
    Insert,
    Update,
    Upsert,
    Delete,
}
