namespace SfHsSync.Engine.Salesforce;

/// <summary>What a Bulk API 2.0 ingest job does with its rows.</summary>
public enum SalesforceBulkOperation
{
    Insert,
    Update,
    Upsert,
    Delete,
}
