using System.Diagnostics;

namespace SfHsSync.Bench.Harness;

/// <summary>
/// This same program started again in another role ("sandbox" or "sync"), talking JSON lines over stdin and stdout.
/// Its stderr is passed through so a failure in a child is seen where the harness runs.
/// </summary>
internal sealed class RoleProcess : IAsyncDisposable
{
    private readonly Process _process;

    private RoleProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public static RoleProcess Start(string role)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The harness cannot tell which program runs it.");
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Run as "dotnet SfHsSync.Bench.dll", the child needs the dll named too; as the apphost it does not.
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(RoleProcess).Assembly.Location);
        }

        start.ArgumentList.Add(role);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"The {role} process did not start.");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[{role} {process.Id}] {e.Data}");
            }
        };
        process.BeginErrorReadLine();
        return new RoleProcess(process);
    }

    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>The next line the child prints; its exit before one is an error naming the role.</summary>
    public async Task<string> ReadLineAsync(CancellationToken cancellationToken = default)
        => await _process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false)
           ?? throw new InvalidOperationException($"Process {_process.Id} ({_process.StartInfo.ArgumentList[^1]}) ended without answering (exit code {ExitCode()}).");

    public async Task<int> WaitForExitAsync()
    {
        _process.StandardInput.Close();
        await _process.WaitForExitAsync().ConfigureAwait(false);
        return _process.ExitCode;
    }

    private string ExitCode()
    {
        _process.WaitForExit(5000);
        return _process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "still running";
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                // Closing stdin is the children's signal to stop; a child that does not is stopped.
                _process.StandardInput.Close();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
