using System.Diagnostics;

namespace SfHsSync.Engine.Tests.Sync.Support;

/// <summary>
/// Another process (tests/SfHsSync.SyncHost hold-lock) holding a SQLite state file with BEGIN EXCLUSIVE until told to
/// let go. <see cref="Hold"/> returns once the lock is held; the waits on files are deadlock guards, not timings.
/// </summary>
internal sealed class StateLockHolder(string statePath) : IAsyncDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);
    private readonly string _ready = Path.Combine(Path.GetTempPath(), $"sfhssync-lock-{Guid.NewGuid():N}.ready");
    private readonly string _release = Path.Combine(Path.GetTempPath(), $"sfhssync-lock-{Guid.NewGuid():N}.release");
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;

    /// <summary>Done once the other process holds the lock.</summary>
    public Task Held => _held.Task;

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>Starts the holder and waits (blocking, as a hook inside a sandbox answer must) until it holds the lock.</summary>
    public void Hold()
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SfHsSync.SyncHost.dll"));
        foreach (var arg in new[] { "hold-lock", statePath, _ready, _release })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info)!;
        var deadline = DateTime.UtcNow + Guard;
        while (!File.Exists(_ready))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The lock holder never held {statePath}: {_process.StandardError.ReadToEnd()}");
            }

            Thread.Sleep(10);
        }

        _held.TrySetResult();
    }

    /// <summary>Tells the holder to let go and waits for it to exit.</summary>
    public async Task ReleaseAsync()
    {
        await File.WriteAllTextAsync(_release, "release");
        if (_process is { } process)
        {
            using var deadline = new CancellationTokenSource(Guard);
            await process.WaitForExitAsync(deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            await ReleaseAsync();
        }

        _process?.Dispose();
        File.Delete(_ready);
        File.Delete(_release);
    }
}
