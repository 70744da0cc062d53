namespace SfHsSync.Engine.State;

/// <summary>
/// What a lease's holder is alive through, recorded beside the lease: for SQLite the holder's process (host, process
/// id, process start, so a reused pid is not mistaken for it); for PostgreSQL the holder's database session (backend pid
/// and backend start). When it is gone, the holder is dead and its lease free at once.
/// </summary>
public sealed record LeaseSession(string Host, long Id, string Start);

/// <summary>What a runner refused a lease learned of its holder.</summary>
public enum LeaseHolderLiveness
{
    /// <summary>Its process or database session is there: it is running (or stalled, and then its lease expires).</summary>
    Alive,

    /// <summary>Its process or session is gone: the lease is taken over at once.</summary>
    Dead,

    /// <summary>It cannot be checked from here (a SQLite holder on another host, a lease from before sessions were kept).</summary>
    Unknown,
}
