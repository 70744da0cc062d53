using System.Diagnostics;
using SfHsSync.Bench.Protocol;
using SfHsSync.Sandbox.HubSpot;

namespace SfHsSync.Bench.SandboxRole;

/// <summary>
/// Watches how many calls HubSpot has answered, every 50 ms, so the harness can tell the span the calls took and the
/// busiest ten seconds. The request log keeps no times, and the sandbox is not ours to change for one.
/// </summary>
internal sealed class HubSpotTrafficSampler : IAsyncDisposable
{
    private readonly HubSpotAccount _account;
    private readonly object _gate = new();
    private readonly List<(double At, int Calls)> _changes = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public HubSpotTrafficSampler(HubSpotAccount account)
    {
        _account = account;
        _loop = Task.Run(SampleAsync);
    }

    /// <summary>Forgets what was seen; call after the request log is cleared.</summary>
    public void Restart()
    {
        lock (_gate)
        {
            _changes.Clear();
        }
    }

    /// <summary>Seconds from the first call seen to the last, and the most calls inside any 10-second span.</summary>
    public (double ActiveSeconds, int BusiestTenSeconds) Measure()
    {
        Sample();
        lock (_gate)
        {
            if (_changes.Count == 0)
            {
                return (0, 0);
            }

            // The first sample that saw calls is up to one interval after the first call.
            var active = _changes[^1].At - _changes[0].At + SandboxTraffic.SampleMilliseconds / 1000.0;
            var busiest = 0;
            var start = 0;
            for (var end = 0; end < _changes.Count; end++)
            {
                while (_changes[end].At - _changes[start].At > 10.0)
                {
                    start++;
                }

                var before = start == 0 ? 0 : _changes[start - 1].Calls;
                busiest = Math.Max(busiest, _changes[end].Calls - before);
            }

            return (active, busiest);
        }
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(SandboxTraffic.SampleMilliseconds));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Sample()
    {
        var calls = _account.Requests.Count;
        var at = _clock.Elapsed.TotalSeconds;
        lock (_gate)
        {
            if (calls > (_changes.Count == 0 ? 0 : _changes[^1].Calls))
            {
                _changes.Add((at, calls));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
