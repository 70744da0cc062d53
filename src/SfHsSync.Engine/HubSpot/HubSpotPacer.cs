using System.Threading.RateLimiting;

namespace SfHsSync.Engine.HubSpot;

/// <summary>
/// Keeps a client under HubSpot's rolling request budget and its search limit, so an ordinary run meets no 429.
/// The rolling budget starts at the configured size and is resized to what X-HubSpot-RateLimit-Max and
/// -Interval-Milliseconds report.
/// </summary>
internal sealed class HubSpotPacer : IDisposable
{
    // A sliding window only approximates a rolling one: a rolling interval can straddle one more segment than the
    // window holds. Making the window two segments longer than HubSpot's interval keeps every rolling interval, even
    // shifted by network delay, inside one window of ours.
    private const int SegmentsPerInterval = 10;
    private const int ExtraSegments = 2;

    private readonly object _gate = new();
    private readonly int _reserve;
    private readonly RateLimiter _search;
    private RateLimiter _rolling;
    private int _rollingPermits;

    public HubSpotPacer(HubSpotClientOptions options)
    {
        _reserve = options.ReservedRequestsPerInterval;
        RequestsPerInterval = options.InitialRequestsPerInterval;
        Interval = options.InitialInterval;
        _rollingPermits = Budget(RequestsPerInterval, _reserve);
        _rolling = CreateRolling(_rollingPermits, Interval);
        _search = CreateRolling(options.SearchRequestsPerSecond, TimeSpan.FromSeconds(1));
    }

    /// <summary>The maximum HubSpot reported (or the initial guess).</summary>
    public int RequestsPerInterval { get; private set; }

    public TimeSpan Interval { get; private set; }

    /// <summary>How many requests this pacer lets through per window, after the reserve.</summary>
    public int PermitsPerWindow => Budget(RequestsPerInterval, _reserve);

    /// <summary>Waits until one more request (a search, when <paramref name="search"/>) keeps inside both budgets.</summary>
    public async ValueTask WaitAsync(bool search, CancellationToken cancellationToken)
    {
        if (search)
        {
            await AcquireAsync(() => _search, cancellationToken).ConfigureAwait(false);
        }

        await AcquireAsync(() => { lock (_gate) { return _rolling; } }, cancellationToken).ConfigureAwait(false);
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

            var available = _rolling.GetStatistics()?.CurrentAvailablePermits ?? _rollingPermits;
            var used = (int)Math.Clamp(_rollingPermits - available, 0, _rollingPermits);
            RequestsPerInterval = max.Value;
            Interval = interval;
            var permits = Budget(max.Value, _reserve);
            var next = CreateRolling(permits, interval);

            // Requests already sent in this window still count at HubSpot.
            if (used > 0)
            {
                using var taken = next.AttemptAcquire(Math.Min(used, permits));
            }

            var old = _rolling;
            _rolling = next;
            _rollingPermits = permits;
            old.Dispose();
        }
    }

    private static async ValueTask AcquireAsync(Func<RateLimiter> limiter, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = limiter();
            try
            {
                using var lease = await current.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
                if (lease.IsAcquired)
                {
                    return;
                }
            }
            catch (ObjectDisposedException) when (!ReferenceEquals(current, limiter()))
            {
            }

            // A limiter replaced while we queued fails its waiters; the next one takes over.
            if (ReferenceEquals(current, limiter()))
            {
                throw new InvalidOperationException("The HubSpot request pacer refused a request although it queues without limit.");
            }
        }
    }

    private static int Budget(int max, int reserve) => Math.Max(1, max - Math.Min(reserve, max / 2));

    private static SlidingWindowRateLimiter CreateRolling(int permits, TimeSpan interval)
    {
        var segment = interval / SegmentsPerInterval;
        return new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = segment * (SegmentsPerInterval + ExtraSegments),
            SegmentsPerWindow = SegmentsPerInterval + ExtraSegments,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _rolling.Dispose();
        }

        _search.Dispose();
    }
}
