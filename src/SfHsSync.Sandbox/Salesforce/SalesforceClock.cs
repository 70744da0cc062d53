using SfHsSync.Sandbox.Salesforce.Schema;

namespace SfHsSync.Sandbox.Salesforce;

/// <summary>
/// The org's clock for CreatedDate, LastModifiedDate and SystemModstamp: millisecond precision, UTC, and it never goes
/// backwards, even when the time source does. Tests freeze it so that many writes share exactly one SystemModstamp,
/// or move it forward to age records and tokens.
/// </summary>
public sealed class SalesforceClock
{
    private readonly TimeProvider _source;
    private readonly object _gate = new();
    private DateTimeOffset _last = DateTimeOffset.MinValue;
    private DateTimeOffset? _frozen;
    private TimeSpan _offset;

    public SalesforceClock(TimeProvider source)
    {
        _source = source;
    }

    /// <summary>The current time: never earlier than any time this clock gave before.</summary>
    public DateTimeOffset Now()
    {
        lock (_gate)
        {
            var now = FieldValues.Truncate(_frozen ?? _source.GetUtcNow() + _offset);
            if (now > _last)
            {
                _last = now;
            }

            return _last;
        }
    }

    /// <summary>Every read gives this instant until <see cref="Unfreeze"/> (or <see cref="Advance"/> moves it). It may not lie before a time already given.</summary>
    public void Freeze(DateTimeOffset at)
    {
        var instant = FieldValues.Truncate(at.ToUniversalTime());
        lock (_gate)
        {
            if (instant < _last)
            {
                throw new ArgumentOutOfRangeException(nameof(at), at, $"The Salesforce clock never goes backwards: it already gave {FieldValues.FormatDateTime(_last)}. Freeze it at a later instant.");
            }

            _frozen = instant;
        }
    }

    /// <summary>Back to the time source, shifted by any advance so far.</summary>
    public void Unfreeze()
    {
        lock (_gate)
        {
            _frozen = null;
        }
    }

    /// <summary>Moves time forward (a frozen instant, or the offset over the time source).</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "The Salesforce clock only moves forward.");
        }

        lock (_gate)
        {
            if (_frozen is { } f)
            {
                _frozen = f + by;
            }
            else
            {
                _offset += by;
            }
        }
    }
}
