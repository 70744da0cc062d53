using System.Diagnostics;
using System.Threading.RateLimiting;

namespace SfHsSync.Engine.HubSpot;

/// <summary>
/// Keeps a client under HubSpot's rolling request budget and its search limit, so an ordinary run meets no 429.
/// The rolling budget starts at the configured size and is resized to what X-HubSpot-RateLimit-Max and
/// -Interval-Milliseconds report.
/// </summary>
/// <remarks>
/// HubSpot counts a call when it reaches HubSpot, some time between our send and its answer. So the calls that can
/// still share HubSpot's rolling interval with a new one are those in flight and those answered less than one interval
/// ago; a call goes when they number fewer than the budget. Counting from the answer rather than the send makes the
/// count exact without a safety margin, whatever the network delay: at full pace a run loses only one round trip per
/// interval. (A sliding window of segments needs a margin of whole segments instead, which cost a fifth of the rate.)
/// </remarks>
internal sealed class HubSpotPacer : IDisposable
{
    private readonly object _gate = new();
    private readonly int _reserve;
    private readonly RateLimiter _search;

    /// <summary>Answer times (Stopwatch timestamps) of calls answered less than one interval ago, oldest first.</summary>
    private readonly Queue<long> _answered = new();
    private int _inFlight;
    private TaskCompletionSource _changed = NewSignal();

    public HubSpotPacer(HubSpotClientOptions options)
    {
        _reserve = options.ReservedRequestsPerInterval;
        RequestsPerInterval = options.InitialRequestsPerInterval;
        Interval = options.InitialInterval;
        _search = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.SearchRequestsPerSecond,
            Window = TimeSpan.FromSeconds(1.2),
            SegmentsPerWindow = 12,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>The maximum HubSpot reported (or the initial guess).</summary>
    public int RequestsPerInterval { get; private set; }

    public TimeSpan Interval { get; private set; }

    /// <summary>How many requests this pacer lets through per interval, after the reserve.</summary>
    public int PermitsPerWindow => Budget(RequestsPerInterval, _reserve);

    /// <summary>
    /// Waits until one more request (a search, when <paramref name="search"/>) keeps inside both budgets. Dispose the
    /// slot when the answer (or the failure) has arrived: from then on the call ages out of the rolling interval.
    /// </summary>
    public async ValueTask<Slot> WaitAsync(bool search, CancellationToken cancellationToken)
    {
        if (search)
        {
            using var lease = await _search.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                throw new InvalidOperationException("The HubSpot search pacer refused a request although it queues without limit.");
            }
        }

        while (true)
        {
            Task changed;
            TimeSpan wait;
            lock (_gate)
            {
                var now = Stopwatch.GetTimestamp();
                while (_answered.Count > 0 && Stopwatch.GetElapsedTime(_answered.Peek(), now) >= Interval)
                {
                    _answered.Dequeue();
                }

                if (_inFlight + _answered.Count < PermitsPerWindow)
                {
                    _inFlight++;
                    return new Slot(this);
                }

                changed = _changed.Task;

                // With every call still in flight there is no age to wait for: an answer (or a new budget) wakes us.
                wait = _answered.Count > 0 ? Interval - Stopwatch.GetElapsedTime(_answered.Peek(), now) : Timeout.InfiniteTimeSpan;
            }

            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(wait, timer.Token);
            await Task.WhenAny(changed, delay).ConfigureAwait(false);
            await timer.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Resizes the rolling budget when HubSpot reports a different maximum or interval.</summary>
    public void Learn(int? max, int? intervalMilliseconds)
    {
        if (max is not > 0)
        {
            return;
        }

        var interval = intervalMilliseconds is > 0 ? TimeSpan.FromMilliseconds(intervalMilliseconds.Value) : Interval;
        lock (_gate)
        {
            if (max == RequestsPerInterval && interval == Interval)
            {
                return;
            }

            // The calls already counted stay counted: only the budget and the interval they are held to change.
            RequestsPerInterval = max.Value;
            Interval = interval;
            Signal();
        }
    }

    private void Answered()
    {
        lock (_gate)
        {
            _inFlight--;
            _answered.Enqueue(Stopwatch.GetTimestamp());
            Signal();
        }
    }

    /// <summary>Wakes every waiter to look again; called under the lock.</summary>
    private void Signal()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static int Budget(int max, int reserve) => Math.Max(1, max - Math.Min(reserve, max / 2));

    public void Dispose() => _search.Dispose();

    /// <summary>One call's place in the rolling budget, from its send to its answer.</summary>
    public sealed class Slot : IDisposable
    {
        private HubSpotPacer? _pacer;

        internal Slot(HubSpotPacer pacer)
        {
            _pacer = pacer;
        }

        public void Dispose() => Interlocked.Exchange(ref _pacer, null)?.Answered();
    }
}
