namespace SfHsSync.Engine.Sync;

/// <summary>How a sync pass runs: batch sizes, the lease, and the HubSpot search lag.</summary>
public sealed record SyncOptions
{
    /// <summary>Salesforce records read and decided per step (a query page); each step's writes commit with its state.</summary>
    public int StepSize { get; init; } = 2000;

    /// <summary>Records per HubSpot batch write (HubSpot's cap is 100).</summary>
    public int HubSpotBatchSize { get; init; } = 100;

    /// <summary>Records per Salesforce collection write (Salesforce's cap is 200).</summary>
    public int SalesforceBatchSize { get; init; } = 200;

    /// <summary>
    /// HubSpot search can take a few seconds to see a fresh write, so its watermark never moves closer to the pass's
    /// start than this: records changed just before a read are read again next pass rather than missed.
    /// </summary>
    public TimeSpan HubSpotSearchLag { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a Salesforce transaction may run between stamping a record (SystemModstamp) and committing it. A
    /// record can so appear after a read with a stamp no later than records that read returned; the Salesforce
    /// watermark therefore never moves closer than this to the org's time at the read (its Date header), and records
    /// stamped in that span are read again by the next pass, where they are no change. Zero trusts the stamps: the
    /// watermark continues right after the last record read (its stamp and Id).
    /// </summary>
    public TimeSpan SalesforceCommitLag { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Also read HubSpot's associations of every linked record for the mapping's two-way associations (one call per
    /// 1,000 records), so an association changed in HubSpot alone reaches Salesforce. HubSpot's search cannot show such
    /// a change (an association is not a property), so without the scan a pass sees HubSpot's side of an association
    /// only on records that changed otherwise.
    /// </summary>
    public bool ScanAssociations { get; init; }

    /// <summary>How many decisions per synced field the state keeps for Get-SyncRecord -History, the current one included (default 10).</summary>
    public int FieldHistoryDepth { get; init; } = 10;

    /// <summary>How much longer than a lease's time-to-live a runner waits by default, so a stalled holder's lease is waited out.</summary>
    public static readonly TimeSpan LeaseWaitMargin = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a lease lasts without a heartbeat: a runner alive but stalled or cut off loses its mapping after this.
    /// One that dies loses it at once (its process or database session is gone).
    /// </summary>
    public TimeSpan LeaseTimeToLive { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait for another live runner's lease on the same mapping before failing (default: the time-to-live and a margin).</summary>
    public TimeSpan LeaseTimeout { get; init; } = TimeSpan.FromSeconds(60) + LeaseWaitMargin;

    /// <summary>Who runs this pass, as the run history and lease errors show it.</summary>
    public string Runner { get; init; } = $"{Environment.MachineName}/pid {Environment.ProcessId}";
}
