namespace SfHsSync.Engine.State;

/// <summary>Which side of a sync a record, watermark or error belongs to.</summary>
public enum SyncSide
{
    Salesforce,
    HubSpot,
}

/// <summary>What a run did: a sync pass, an import (backfill), or a resync of records named (Start-Sync -SalesforceId/-HubSpotId).</summary>
public enum SyncRunKind
{
    Sync,
    Import,
    Resync,
}

/// <summary>Where a run stands. A run that failed records, or stopped early, never reads as Succeeded.</summary>
public enum SyncRunState
{
    Running,
    Succeeded,
    CompletedWithErrors,
    Failed,
    Cancelled,

    /// <summary>Its runner died or stopped renewing its lease, and another runner took the lease over (the error says when and who).</summary>
    Interrupted,
}

/// <summary>
/// A Salesforce record and the HubSpot record it syncs with, plus the value of each mapped field as it was when the two
/// last agreed. A value we wrote ourselves comes back equal to it, which is how echoes are recognised.
/// Keys of <see cref="Values"/> are the mapped Salesforce field names; a missing key means "never synced".
/// </summary>
public sealed record RecordLink(string SalesforceId, string HubSpotId, IReadOnlyDictionary<string, string?> Values)
{
    public bool Equals(RecordLink? other)
        => other is not null
           && SalesforceId == other.SalesforceId
           && HubSpotId == other.HubSpotId
           && Values.Count == other.Values.Count
           && Values.All(kv => other.Values.TryGetValue(kv.Key, out var v) && v == kv.Value);

    public override int GetHashCode() => HashCode.Combine(SalesforceId, HubSpotId, Values.Count);
}

/// <summary>
/// The position up to which each side's changes have been read. Salesforce's carries the Id of the last record read at
/// that instant, so a read resumes right after it even when thousands of records share one SystemModstamp; or, when it
/// was held back for transactions still committing, the records already read at or after it (<see cref="SalesforceSeen"/>).
/// </summary>
public sealed record SyncWatermarks(DateTimeOffset? Salesforce, DateTimeOffset? HubSpot)
{
    public string? SalesforceLastId { get; init; }

    /// <summary>
    /// Records at or after the Salesforce watermark that a pass already read, by Id, with the version it read: its
    /// SystemModstamp (Unix milliseconds) and a hash of the values read, as "stamp.hash". The next pass reads them
    /// again and skips the ones whose version is the same (a second edit within the stamp's second changes the hash).
    /// </summary>
    public IReadOnlyDictionary<string, string> SalesforceSeen { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Equal when both sides' positions and the records seen are (the seen records compared by content).</summary>
    public bool Equals(SyncWatermarks? other)
        => other is not null
           && Salesforce == other.Salesforce && HubSpot == other.HubSpot
           && string.Equals(SalesforceLastId, other.SalesforceLastId, StringComparison.Ordinal)
           && SalesforceSeen.Count == other.SalesforceSeen.Count
           && SalesforceSeen.All(kv => other.SalesforceSeen.TryGetValue(kv.Key, out var version) && string.Equals(version, kv.Value, StringComparison.Ordinal));

    public override int GetHashCode() => HashCode.Combine(Salesforce, HubSpot, SalesforceLastId, SalesforceSeen.Count);
}

/// <summary>A record that failed and waits to be retried, with the reason the other side gave.</summary>
public sealed record RecordError
{
    public required string Mapping { get; init; }

    /// <summary>The side whose record failed to be written (or read).</summary>
    public required SyncSide Side { get; init; }

    /// <summary>The id of the source record the failure is about (the Salesforce Id when writing to HubSpot, and so on).</summary>
    public required string RecordId { get; init; }

    public required string Operation { get; init; }

    public required string ErrorCode { get; init; }

    public required string Message { get; init; }

    public DateTimeOffset FirstSeen { get; init; }

    public DateTimeOffset LastSeen { get; init; }

    public int Attempts { get; init; } = 1;

    public long? RunId { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>What kind of failure it is (stored with the error; by default sorted from <see cref="ErrorCode"/>).</summary>
    public SyncErrorCategory Category
    {
        get => _category ?? ErrorCategories.Of(ErrorCode);
        init => _category = value;
    }

    /// <summary>One line on what to do, naming the field and value where the failure named them.</summary>
    public string Hint
    {
        get => _hint ?? ResolutionHint.For(Category, Side, ErrorCode, ErrorSubject.None);
        init => _hint = value;
    }

    /// <summary>The Salesforce record to resync (binds Start-Sync -SalesforceId): the record id when HubSpot refused the write.</summary>
    public string? SalesforceId => Side == SyncSide.HubSpot ? RecordId : null;

    /// <summary>The HubSpot record to resync (binds Start-Sync -HubSpotId): the record id when Salesforce refused the write.</summary>
    public string? HubSpotId => Side == SyncSide.Salesforce ? RecordId : null;

    private readonly SyncErrorCategory? _category;
    private readonly string? _hint;
}

/// <summary>A field changed on both sides since they last agreed, and which side's value won.</summary>
public sealed record ConflictRecord
{
    public long Id { get; init; }

    public required string Mapping { get; init; }

    public long? RunId { get; init; }

    public required string SalesforceId { get; init; }

    public string? HubSpotId { get; init; }

    public required string Field { get; init; }

    public string? SalesforceValue { get; init; }

    public string? HubSpotValue { get; init; }

    public required SyncSide Winner { get; init; }

    public DateTimeOffset At { get; init; }
}

/// <summary>Counts a run keeps as it goes; committed with each batch so a crash loses none of them.</summary>
public sealed record SyncRunCounts
{
    public long CreatedInHubSpot { get; init; }

    public long UpdatedInHubSpot { get; init; }

    public long DeletedInHubSpot { get; init; }

    public long CreatedInSalesforce { get; init; }

    public long UpdatedInSalesforce { get; init; }

    public long DeletedInSalesforce { get; init; }

    /// <summary>Records linked to one that already existed on the other side (no create).</summary>
    public long Linked { get; init; }

    public long Conflicts { get; init; }

    public long Failed { get; init; }

    public long Read { get; init; }

    public long SalesforceApiCalls { get; init; }

    public long HubSpotApiCalls { get; init; }

    /// <summary>Associations made in HubSpot where the record had none.</summary>
    public long AssociationsCreated { get; init; }

    /// <summary>Associations moved to another target (the lookup changed).</summary>
    public long AssociationsMoved { get; init; }

    /// <summary>Associations removed without a replacement (the lookup was cleared).</summary>
    public long AssociationsRemoved { get; init; }

    /// <summary>Lookups left waiting for their target to sync (Get-SyncError lists them, category Association).</summary>
    public long AssociationsWaiting { get; init; }

    /// <summary>Association changes HubSpot or Salesforce refused.</summary>
    public long AssociationsFailed { get; init; }

    public static SyncRunCounts operator +(SyncRunCounts a, SyncRunCounts b) => new()
    {
        CreatedInHubSpot = a.CreatedInHubSpot + b.CreatedInHubSpot,
        UpdatedInHubSpot = a.UpdatedInHubSpot + b.UpdatedInHubSpot,
        DeletedInHubSpot = a.DeletedInHubSpot + b.DeletedInHubSpot,
        CreatedInSalesforce = a.CreatedInSalesforce + b.CreatedInSalesforce,
        UpdatedInSalesforce = a.UpdatedInSalesforce + b.UpdatedInSalesforce,
        DeletedInSalesforce = a.DeletedInSalesforce + b.DeletedInSalesforce,
        Linked = a.Linked + b.Linked,
        Conflicts = a.Conflicts + b.Conflicts,
        Failed = a.Failed + b.Failed,
        Read = a.Read + b.Read,
        SalesforceApiCalls = a.SalesforceApiCalls + b.SalesforceApiCalls,
        HubSpotApiCalls = a.HubSpotApiCalls + b.HubSpotApiCalls,
        AssociationsCreated = a.AssociationsCreated + b.AssociationsCreated,
        AssociationsMoved = a.AssociationsMoved + b.AssociationsMoved,
        AssociationsRemoved = a.AssociationsRemoved + b.AssociationsRemoved,
        AssociationsWaiting = a.AssociationsWaiting + b.AssociationsWaiting,
        AssociationsFailed = a.AssociationsFailed + b.AssociationsFailed,
    };
}

/// <summary>One run of a mapping, as the state store keeps it (Get-SyncRun, Get-SyncImport).</summary>
public sealed record SyncRunRecord
{
    public long Id { get; init; }

    public required string Mapping { get; init; }

    public SyncRunKind Kind { get; init; }

    public SyncRunState State { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>For an import: how many records the count query found.</summary>
    public long? Total { get; init; }

    public SyncRunCounts Counts { get; init; } = new();

    /// <summary>Where a resumable run had got to (an import's last committed Salesforce Id, say).</summary>
    public string? Cursor { get; init; }

    /// <summary>Why the run failed, when it did.</summary>
    public string? Error { get; init; }

    /// <summary>Who ran it (machine and process), for a team reading the history.</summary>
    public string? Runner { get; init; }

    /// <summary>The daily allowances the run's calls were made against, when the services reported them.</summary>
    public RunAllowances Allowances { get; init; } = new(null, null);

    /// <summary>The run's Salesforce calls as a share (0 to 1) of the org's daily allowance; null when it was not reported.</summary>
    public double? SalesforceShareUsed => Allowances.Salesforce is > 0 and var max ? (double)Counts.SalesforceApiCalls / max : null;

    /// <summary>The run's HubSpot calls as a share (0 to 1) of the account's daily limit; null when it was not reported.</summary>
    public double? HubSpotShareUsed => Allowances.HubSpot is > 0 and var max ? (double)Counts.HubSpotApiCalls / max : null;

    /// <summary>The API versions the run spoke, e.g. "Salesforce v68.0, HubSpot 2026-09".</summary>
    public string? ApiVersions { get; init; }

    /// <summary>The calls each side's client sent again, and the state store's waits, by kind (none before a run records them).</summary>
    public SyncRunRetries Retries { get; init; } = SyncRunRetries.None;
}

/// <summary>The daily allowances of both services: Salesforce's API requests (Sforce-Limit-Info's max) and HubSpot's daily limit.</summary>
public sealed record RunAllowances(long? Salesforce, long? HubSpot);

/// <summary>
/// Everything one batch changed, committed in one transaction: the links and last-synced values of the records it wrote,
/// links it removed, errors recorded and resolved, conflicts, the run's counters and cursor, and (at the end of a
/// pass) the new watermarks. A crash before the commit loses the batch's bookkeeping but not its idempotent writes;
/// a crash after it loses nothing.
/// </summary>
public sealed record StateChange
{
    public required string Mapping { get; init; }

    /// <summary>Links to create or replace. Their <see cref="RecordLink.Values"/> are merged into what the store holds
    /// (a field absent from the dictionary keeps its stored value).</summary>
    public IReadOnlyList<RecordLink> Links { get; init; } = Array.Empty<RecordLink>();

    /// <summary>
    /// Per Salesforce Id of <see cref="Links"/>, where the fields the batch wrote came from. Each replaces the field's
    /// current origin, which moves to its history (at most <see cref="HistoryDepth"/> decisions are kept per field).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FieldOrigin>> FieldOrigins { get; init; } = new Dictionary<string, IReadOnlyList<FieldOrigin>>();

    /// <summary>How many decisions per field the store keeps, the current one included (default 10).</summary>
    public int HistoryDepth { get; init; } = 10;

    /// <summary>Salesforce Ids whose links end (the record was deleted on one side and the delete travelled).</summary>
    public IReadOnlyList<string> RemovedLinks { get; init; } = Array.Empty<string>();

    public IReadOnlyList<RecordError> Errors { get; init; } = Array.Empty<RecordError>();

    /// <summary>(side, record id) of errors that are now resolved because the record went through.</summary>
    public IReadOnlyList<(SyncSide Side, string RecordId)> ResolvedErrors { get; init; } = Array.Empty<(SyncSide, string)>();

    public IReadOnlyList<ConflictRecord> Conflicts { get; init; } = Array.Empty<ConflictRecord>();

    /// <summary>Association rows to create or replace (a lookup carried, waiting or failed).</summary>
    public IReadOnlyList<AssociationLink> AssociationLinks { get; init; } = Array.Empty<AssociationLink>();

    /// <summary>
    /// Association rows written only where the record and field have none yet: an import's records whose associations
    /// are still to be made, so a run that dies before making them leaves them waiting (and retried) rather than forgotten.
    /// </summary>
    public IReadOnlyList<AssociationLink> AssociationPlaceholders { get; init; } = Array.Empty<AssociationLink>();

    /// <summary>When set, the run whose counters grow by <see cref="CountsDelta"/> and whose cursor moves.</summary>
    public long? RunId { get; init; }

    public SyncRunCounts? CountsDelta { get; init; }

    public string? Cursor { get; init; }

    public SyncWatermarks? Watermarks { get; init; }

    /// <summary>When set, the batch commits only if this lease is still held (fencing against a stalled runner).</summary>
    public StateLease? Lease { get; init; }
}

/// <summary>
/// The right of one runner to sync one mapping until <see cref="ExpiresAt"/>, renewed by heartbeats. The token grows
/// with every takeover, so a runner that lost its lease cannot commit afterwards.
/// </summary>
public sealed record StateLease(string Mapping, string Holder, long Token, DateTimeOffset ExpiresAt);

/// <summary>How many rows of each kind a store holds for one mapping.</summary>
public sealed record StateCounts(long Links, long Runs, long Errors, long Conflicts, bool HasWatermarks)
{
    /// <summary>Rows of association_links: lookups carried as associations, waiting or failed.</summary>
    public long AssociationLinks { get; init; }

    /// <summary>Whether mapping_settings holds a row for the mapping (a recorded status, the field pairs of its last pass).</summary>
    public bool HasSettings { get; init; }

    /// <summary>Links that keep their fields' current origins (Get-SyncRecord).</summary>
    public long LinksWithOrigins { get; init; }

    /// <summary>Rows of field_history: earlier decisions of linked records' fields (Get-SyncRecord -History).</summary>
    public long FieldHistory { get; init; }

    /// <summary>Runs whose API yardsticks are kept (run_api_use).</summary>
    public long RunsWithApiUse { get; init; }

    /// <summary>Whether the mapping's definition is kept (mapping_definitions).</summary>
    public bool HasDefinition { get; init; }

    /// <summary>Rows of run_retries: (run, side, kind) counts.</summary>
    public long RunRetries { get; init; }
}

/// <summary>What Copy-SyncState copied for one mapping, counted on both sides.</summary>
public sealed record StateCopyResult(string Mapping, string From, string To, StateCounts Source, StateCounts Target)
{
    public bool Verified => Source == Target;
}
