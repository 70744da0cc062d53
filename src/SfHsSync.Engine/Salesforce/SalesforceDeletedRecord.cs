namespace SfHsSync.Engine.Salesforce;

/// <summary>A record deleted in Salesforce: its Id and when it was deleted (SystemModstamp for queryAll, deletedDate for getDeleted).</summary>
public sealed record SalesforceDeletedRecord(string Id, DateTimeOffset DeletedAt);
