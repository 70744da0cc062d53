namespace SfHsSync.Sandbox.HubSpot;

/// <summary>
/// The time the account stamps on writes. It never goes backwards, because change readers keep watermarks
/// on hs_lastmodifieddate; a test can freeze it so that thousands of records share one timestamp.
/// </summary>
public sealed class HubSpotClock
{
    private readonly object _gate = new();
    private Func<DateTimeOffset> _source = () => DateTimeOffset.UtcNow;
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    /// <summary>The next write time: the source's time in whole milliseconds, or the last time given if that is later.</summary>
    public DateTimeOffset Now()
    {
        lock (_gate)
        {
            var now = Truncate(_source());
            if (now > _last)
            {
                _last = now;
            }

            return _last;
        }
    }

    /// <summary>Every write from now on carries <paramref name="at"/> (or a later time already given).</summary>
    public void Freeze(DateTimeOffset at) => SetSource(() => at);

    /// <summary>Freezes the clock <paramref name="by"/> after the time it would give now: steps a frozen clock forward.</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "The HubSpot clock never goes backwards.");
        }

        lock (_gate)
        {
            var current = Truncate(_source());
            var at = (current > _last ? current : _last) + by;
            _source = () => at;
        }
    }

    /// <summary>Back to the system clock.</summary>
    public void Unfreeze() => SetSource(() => DateTimeOffset.UtcNow);

    /// <summary>Any time source, e.g. one a test advances by hand.</summary>
    public void SetSource(Func<DateTimeOffset> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        lock (_gate)
        {
            _source = source;
        }
    }

    // HubSpot keeps millisecond precision; anything finer would make equal timestamps compare unequal.
    private static DateTimeOffset Truncate(DateTimeOffset t) =>
        new DateTimeOffset(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
