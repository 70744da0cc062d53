using System.Diagnostics;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>The policy a request ran into: HubSpot's names, as they appear in a 429 body's policyName.</summary>
public enum HubSpotRatePolicy
{
    None,
    TenSecondlyRolling,
    Daily,
    Secondly,
}

/// <summary>What the limiter decided, and what the X-HubSpot-RateLimit-* headers say.</summary>
internal sealed record HubSpotRateDecision(HubSpotRatePolicy Refused, int? IntervalMax, int IntervalRemaining, int? DailyMax, int DailyRemaining);

/// <summary>
/// HubSpot's private-app limits: a rolling 10-second window and a daily budget for ordinary calls, and a separate
/// per-second budget for search (which sends no rate-limit headers). Time is the wall clock, not the account's
/// record clock, which tests freeze. Refused calls do not use up budget.
/// </summary>
internal sealed class HubSpotRateLimits(HubSpotSandboxOptions options)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly object _gate = new();
    private readonly Queue<long> _interval = new();
    private readonly Queue<long> _searchSecond = new();
    private DateOnly _day = Today();
    private int _dailyUsed;

    public int TenSecondlyRefusals { get; private set; }

    public int DailyRefusals { get; private set; }

    public int SecondlyRefusals { get; private set; }

    public HubSpotRateDecision Acquire(bool search)
    {
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            var dailyMax = Limit(options.DailyLimit);
            var intervalMax = Limit(options.TenSecondlyLimit);
            if (Today() != _day)
            {
                _day = Today();
                _dailyUsed = 0;
            }

            if (search)
            {
                var perSecond = Limit(options.SearchRequestsPerSecond);
                Drop(_searchSecond, now, TimeSpan.FromSeconds(1));
                if (perSecond is { } max && _searchSecond.Count >= max)
                {
                    SecondlyRefusals++;
                    return new HubSpotRateDecision(HubSpotRatePolicy.Secondly, intervalMax, 0, dailyMax, 0);
                }

                _searchSecond.Enqueue(now);
                return new HubSpotRateDecision(HubSpotRatePolicy.None, intervalMax, 0, dailyMax, 0);
            }

            Drop(_interval, now, Interval);
            if (dailyMax is { } d && _dailyUsed >= d)
            {
                DailyRefusals++;
                return new HubSpotRateDecision(HubSpotRatePolicy.Daily, intervalMax, Remaining(intervalMax, _interval.Count), dailyMax, 0);
            }

            if (intervalMax is { } m && _interval.Count >= m)
            {
                TenSecondlyRefusals++;
                return new HubSpotRateDecision(HubSpotRatePolicy.TenSecondlyRolling, intervalMax, 0, dailyMax, Remaining(dailyMax, _dailyUsed));
            }

            _interval.Enqueue(now);
            _dailyUsed++;
            return new HubSpotRateDecision(HubSpotRatePolicy.None, intervalMax, Remaining(intervalMax, _interval.Count), dailyMax, Remaining(dailyMax, _dailyUsed));
        }
    }

    /// <summary>Forgets every window and count, as if the account had been idle for a day.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _interval.Clear();
            _searchSecond.Clear();
            _dailyUsed = 0;
            TenSecondlyRefusals = 0;
            DailyRefusals = 0;
            SecondlyRefusals = 0;
        }
    }

    private static int? Limit(int? configured) => configured is > 0 ? configured : null;

    private static int Remaining(int? max, int used) => max is { } m ? Math.Max(0, m - used) : int.MaxValue;

    private static void Drop(Queue<long> window, long now, TimeSpan span)
    {
        while (window.Count > 0 && Stopwatch.GetElapsedTime(window.Peek(), now) >= span)
        {
            window.Dequeue();
        }
    }

    private static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow);
}
