using System.Data.Common;
using System.Globalization;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.State;

/// <summary>
/// Leases: one runner per mapping. A lease is free when released, expired (its holder stopped renewing: alive but
/// stalled or partitioned), or when its holder's session is gone (the process died, the connection dropped): the last
/// is checked at once, so a runner started right after a crash never waits for the heartbeat timeout. Every takeover
/// raises the fencing token, and the run the old holder left Running becomes Interrupted.
/// </summary>
public abstract partial class SqlStateStore
{
    /// <summary>The session this store's new lease is held through (PostgreSQL opens a connection kept for the lease's life).</summary>
    protected abstract Task<LeaseSession> OpenLeaseSessionAsync(string holder, CancellationToken cancellationToken);

    /// <summary>Ends what <see cref="OpenLeaseSessionAsync"/> opened for <paramref name="holder"/>, if anything.</summary>
    protected virtual ValueTask CloseLeaseSessionAsync(string holder) => ValueTask.CompletedTask;

    /// <summary>Whether a holder's recorded session is still there.</summary>
    protected abstract Task<LeaseHolderLiveness> CheckLeaseSessionAsync(DbConnection connection, LeaseSession session, CancellationToken cancellationToken);

    /// <summary>The session as an error message names it ("process 4711 on build-07", "database session 912").</summary>
    protected abstract string DescribeLeaseSession(LeaseSession session);

    private sealed record LeaseRow(string Holder, long Token, DateTimeOffset ExpiresAt, bool Expired, LeaseSession? Session)
    {
        public bool Released => ExpiresAt.ToUnixTimeMilliseconds() == 0;
    }

    /// <summary>What a runner asks for: a mapping's lease for a holder, held through a session, for a time-to-live.</summary>
    private sealed record LeaseClaim(string Mapping, string Holder, LeaseSession Session, TimeSpan TimeToLive);

    /// <summary>One try at a lease: taken (Lease), refused (Current is someone else's), or lost to a runner faster at the same moment (neither).</summary>
    private sealed record LeaseAttempt(StateLease? Lease, LeaseRow? Current, LeaseHolderLiveness Liveness);

    public async Task<StateLease> AcquireLeaseAsync(string mapping, string holder, TimeSpan timeToLive, TimeSpan waitTimeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        var session = await OpenLeaseSessionAsync(holder, cancellationToken).ConfigureAwait(false);
        try
        {
            var deadline = DateTimeOffset.UtcNow + waitTimeout;
            var delay = TimeSpan.FromMilliseconds(200);
            while (true)
            {
                var attempt = await TryAcquireAsync(new LeaseClaim(mapping, holder, session, timeToLive), cancellationToken).ConfigureAwait(false);
                if (attempt.Lease is { } lease)
                {
                    return lease;
                }

                if (attempt.Current is { } current)
                {
                    if (DateTimeOffset.UtcNow >= deadline)
                    {
                        throw LeaseUnavailable(mapping, current, attempt.Liveness, waitTimeout);
                    }

                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 2000));
                }
            }
        }
        catch
        {
            await CloseLeaseSessionAsync(holder).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<LeaseAttempt> TryAcquireAsync(LeaseClaim claim, CancellationToken cancellationToken)
    {
        var (mapping, holder) = (claim.Mapping, claim.Holder);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, $"""
            INSERT INTO leases (mapping, holder, token, expires_at) VALUES (@mapping, @holder, 0, {NowMillisSql} - 1)
            ON CONFLICT (mapping) DO NOTHING
            """, new() { ["mapping"] = mapping, ["holder"] = holder, ["now"] = NowMillis() }, cancellationToken).ConfigureAwait(false);
        var current = await ReadLeaseAsync(connection, mapping, cancellationToken).ConfigureAwait(false);
        var free = current.Expired || current.Holder == holder;
        var liveness = free || current.Session is null
            ? LeaseHolderLiveness.Unknown
            : await CheckLeaseSessionAsync(connection, current.Session, cancellationToken).ConfigureAwait(false);
        if (!free && liveness != LeaseHolderLiveness.Dead)
        {
            return new LeaseAttempt(null, current, liveness);
        }

        var lease = await TakeLeaseAsync(connection, claim, current.Token, cancellationToken).ConfigureAwait(false);
        if (lease is not null && current.Holder != holder && !current.Released)
        {
            await InterruptRunsAsync(connection, claim, current, liveness == LeaseHolderLiveness.Dead, cancellationToken).ConfigureAwait(false);
        }

        return new LeaseAttempt(lease, null, liveness);
    }

    private async Task<LeaseRow> ReadLeaseAsync(DbConnection connection, string mapping, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT holder, token, expires_at, CASE WHEN expires_at <= {NowMillisSql} THEN 1 ELSE 0 END, session_host, session_id, session_start
            FROM leases WHERE mapping = @mapping
            """;
        AddParameter(command, "@mapping", mapping);
        AddParameter(command, "@now", NowMillis());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new SyncException("SyncLeaseMissing", SyncErrorKind.InvalidData, $"The lease row of mapping '{mapping}' vanished from the state at {Location}.", mapping);
        }

        var session = reader.IsDBNull(4) || reader.IsDBNull(5) || reader.IsDBNull(6)
            ? null
            : new LeaseSession(reader.GetString(4), reader.GetInt64(5), reader.GetString(6));
        return new LeaseRow(reader.GetString(0), reader.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
            Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture) == 1, session);
    }

    /// <summary>Takes the lease if its token is still the one read (so of two runners finding it free, one wins), raising the token.</summary>
    private async Task<StateLease?> TakeLeaseAsync(DbConnection connection, LeaseClaim claim, long token, CancellationToken cancellationToken)
    {
        var (mapping, holder, session) = (claim.Mapping, claim.Holder, claim.Session);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE leases SET holder = @holder, token = token + 1, expires_at = {NowMillisSql} + @ttl,
                              session_host = @host, session_id = @session, session_start = @start
            WHERE mapping = @mapping AND token = @token
            RETURNING token, expires_at
            """;
        var args = new Dictionary<string, object?>
        {
            ["holder"] = holder, ["ttl"] = (long)claim.TimeToLive.TotalMilliseconds, ["host"] = session.Host, ["session"] = session.Id,
            ["start"] = session.Start, ["mapping"] = mapping, ["token"] = token, ["now"] = NowMillis(),
        };
        foreach (var (k, v) in args)
        {
            AddParameter(command, "@" + k, v);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StateLease(mapping, holder, reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)))
            : null;
    }

    /// <summary>The runs a taken-over holder left Running read Interrupted from now on, saying when, why and who took over.</summary>
    private async Task InterruptRunsAsync(DbConnection connection, LeaseClaim claim, LeaseRow previous, bool died, CancellationToken cancellationToken)
    {
        var (mapping, holder) = (claim.Mapping, claim.Holder);
        var at = DateTimeOffset.UtcNow;
        var why = died
            ? $"its runner {previous.Holder} ended without finishing ({DescribeLeaseSession(previous.Session!)} is gone)"
            : $"its runner {previous.Holder} stopped renewing its lease (no heartbeat until {previous.ExpiresAt:u})";
        await ExecuteAsync(connection, null, "UPDATE runs SET state = @interrupted, finished_at = @at, error = @error WHERE mapping = @mapping AND state = @running",
            new()
            {
                ["interrupted"] = nameof(SyncRunState.Interrupted), ["running"] = nameof(SyncRunState.Running), ["mapping"] = mapping, ["at"] = Format(at),
                ["error"] = $"Interrupted: {why}; {holder} took the mapping over at {at:u}. Nothing it committed is lost: the next run continues after its last committed batch.",
            }, cancellationToken).ConfigureAwait(false);
    }

    private SyncException LeaseUnavailable(string mapping, LeaseRow current, LeaseHolderLiveness liveness, TimeSpan waited)
    {
        var alive = liveness == LeaseHolderLiveness.Alive
            ? $"alive: {DescribeLeaseSession(current.Session!)} is there"
            : current.Session is null
                ? "whether it is alive cannot be checked: it recorded no session"
                : $"whether it is alive cannot be checked from here: {DescribeLeaseSession(current.Session)}";
        var frees = liveness == LeaseHolderLiveness.Alive
            ? $"the lease frees the moment that run ends or its runner dies, or at {current.ExpiresAt:u} if its heartbeats stop"
            : $"the lease frees when that run ends, or at {current.ExpiresAt:u} if its heartbeats stop";
        return new SyncException("SyncLeaseUnavailable", SyncErrorKind.ResourceBusy,
            $"Mapping '{mapping}' is being synced by {current.Holder} ({alive}); {frees}; waited {waited.TotalSeconds:0.#} s.", mapping)
        {
            RecommendedAction = "Wait for that run to finish, or raise -LeaseTimeout. A runner that dies frees its lease at once; one that stops renewing it frees it after its -HeartbeatTimeout.",
        };
    }

    public async Task<StateLease> RenewLeaseAsync(StateLease lease, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE leases SET expires_at = {NowMillisSql} + @ttl
            WHERE mapping = @mapping AND holder = @holder AND token = @token AND expires_at > {NowMillisSql}
            RETURNING expires_at
            """;
        AddParameter(command, "@ttl", (long)timeToLive.TotalMilliseconds);
        AddParameter(command, "@mapping", lease.Mapping);
        AddParameter(command, "@holder", lease.Holder);
        AddParameter(command, "@token", lease.Token);
        AddParameter(command, "@now", NowMillis());
        var expires = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (expires is null or DBNull)
        {
            throw LeaseLost(lease);
        }

        return lease with { ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(expires, CultureInfo.InvariantCulture)) };
    }

    public async Task ReleaseLeaseAsync(StateLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, null, "UPDATE leases SET expires_at = 0 WHERE mapping = @mapping AND holder = @holder AND token = @token",
                new() { ["mapping"] = lease.Mapping, ["holder"] = lease.Holder, ["token"] = lease.Token }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await CloseLeaseSessionAsync(lease.Holder).ConfigureAwait(false);
        }
    }

    /// <summary>Fencing: a batch commits only while its runner still holds the lease it started with.</summary>
    private async Task CheckLeaseAsync(DbConnection connection, DbTransaction tx, StateLease lease, CancellationToken cancellationToken)
    {
        var held = await ExecuteAsync(connection, tx, $"""
            UPDATE leases SET holder = holder WHERE mapping = @mapping AND holder = @holder AND token = @token AND expires_at > {NowMillisSql}
            """,
            new() { ["mapping"] = lease.Mapping, ["holder"] = lease.Holder, ["token"] = lease.Token, ["now"] = NowMillis() }, cancellationToken).ConfigureAwait(false);
        if (held == 0)
        {
            throw LeaseLost(lease);
        }
    }

    private static SyncException LeaseLost(StateLease lease)
        => new("SyncLeaseLost", SyncErrorKind.ResourceBusy,
            $"The lease on mapping '{lease.Mapping}' held by {lease.Holder} expired or was taken over; nothing more is committed by this run.", lease.Mapping);

    private static long NowMillis() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
