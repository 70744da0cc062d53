namespace SfHsSync.Engine.State;

/// <summary>A link's current field origins, as Copy-SyncState moves them (the values stay with the link's last-synced values).</summary>
public sealed record LinkOrigins(string SalesforceId, IReadOnlyList<FieldOrigin> Origins);

/// <summary>One earlier decision of a linked record's field (field_history), with the value it had then.</summary>
public sealed record FieldHistoryEntry(string SalesforceId, FieldOrigin Origin);
