using SfHsSync.Engine.Errors;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Sync;

/// <summary>
/// Holds a mapping's lease for the length of a run and renews it in the background (the heartbeat), so a long read
/// never lets it lapse while the runner is alive, and a runner that dies loses it after one time-to-live. Once a renewal
/// finds the lease taken over, <see cref="Current"/> keeps the stale lease, and the next commit is refused (fencing).
/// </summary>
public sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly IStateStore _state;
    private readonly TimeSpan _timeToLive;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _heartbeat;
    private StateLease _lease;

    private LeaseKeeper(IStateStore state, StateLease lease, TimeSpan timeToLive)
    {
        _state = state;
        _lease = lease;
        _timeToLive = timeToLive;
        _heartbeat = Task.Run(BeatAsync);
    }

    public StateLease Current => Volatile.Read(ref _lease);

    /// <summary>True once a heartbeat found the lease expired or taken over.</summary>
    public bool Lost { get; private set; }

    public static async Task<LeaseKeeper> AcquireAsync(IStateStore state, string mapping, string runner, TimeSpan timeToLive, TimeSpan waitTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var holder = $"{runner}/{Guid.NewGuid().ToString("N")[..8]}";
        var lease = await state.AcquireLeaseAsync(mapping, holder, timeToLive, waitTimeout, cancellationToken).ConfigureAwait(false);
        return new LeaseKeeper(state, lease, timeToLive);
    }

    private async Task BeatAsync()
    {
        var interval = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, _timeToLive.Ticks / 3));
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _stop.Token).ConfigureAwait(false);
                Volatile.Write(ref _lease, await _state.RenewLeaseAsync(Current, _timeToLive, _stop.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SyncException)
            {
                Lost = true;
                return;
            }
        }
    }

    /// <summary>Stops the heartbeat and gives the lease up, so the next runner need not wait for it to expire.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _heartbeat.ConfigureAwait(false);
        _stop.Dispose();
        if (!Lost)
        {
            try
            {
                await _state.ReleaseLeaseAsync(Current, CancellationToken.None).ConfigureAwait(false);
            }
            catch (SyncException)
            {
                // Already gone: nothing to give up.
            }
        }
    }
}
