using System.Collections.Concurrent;

namespace SfHsSync.Engine.Connections;

/// <summary>Why a call was sent again (or a state write waited): the kinds Get-SyncRun counts per side.</summary>
public enum RetryKind
{
    /// <summary>HubSpot's 429 (rolling or secondly limit).</summary>
    RateLimit,

    /// <summary>HubSpot's 423 Locked.</summary>
    Locked,

    /// <summary>A 500, 502 or 504 answer.</summary>
    ServerError,

    /// <summary>A 503 answer, or Salesforce's SERVER_UNAVAILABLE.</summary>
    ServerUnavailable,

    /// <summary>No answer within the client's timeout.</summary>
    Timeout,

    /// <summary>The connection dropped before the answer was complete.</summary>
    ConnectionReset,

    /// <summary>Nothing listened on the service's port (a service restarting).</summary>
    ConnectionRefused,

    /// <summary>Salesforce's UNABLE_TO_LOCK_ROW: the whole call, or records of a collection sent again alone.</summary>
    RowLock,

    /// <summary>A new access token requested because the service refused the one in use (401).</summary>
    TokenRefresh,

    /// <summary>The SQLite state file was locked by another connection or process; the write waited for it.</summary>
    StateBusy,

    /// <summary>The PostgreSQL state server did not answer (restarting, connection dropped); the work was sent again.</summary>
    StateUnavailable,
}

/// <summary>
/// Retries counted by kind, safe for concurrent calls. A client keeps one for its life; a run reads the difference
/// between two snapshots (<see cref="Since"/>), so a client shared by several runs counts each its own.
/// </summary>
public sealed class RetryCounter
{
    private readonly ConcurrentDictionary<RetryKind, long> _counts = new();

    public void Count(RetryKind kind, long by = 1) => _counts.AddOrUpdate(kind, by, (_, n) => n + by);

    public long this[RetryKind kind] => _counts.GetValueOrDefault(kind);

    public long Total => _counts.Values.Sum();

    public IReadOnlyDictionary<RetryKind, long> Snapshot() => new Dictionary<RetryKind, long>(_counts);

    /// <summary>What was counted after <paramref name="before"/> (a snapshot of this counter), kinds with none left out.</summary>
    public IReadOnlyDictionary<RetryKind, long> Since(IReadOnlyDictionary<RetryKind, long> before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return Snapshot()
            .Select(kv => (kv.Key, Count: kv.Value - before.GetValueOrDefault(kv.Key)))
            .Where(x => x.Count > 0)
            .ToDictionary(x => x.Key, x => x.Count);
    }
}
