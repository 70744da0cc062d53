using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SfHsSync.Engine.Tests.Sync.Support;

/// <summary>
/// A throwaway PostgreSQL server of a test's own (tests/postgres/start-postgres.sh on a free loopback port), so it can
/// be restarted without disturbing the server the other tests share; stopped and removed when disposed.
/// </summary>
internal sealed class OwnPostgreSql : IAsyncDisposable
{
    private readonly string _folder;
    private int _restarts;

    private OwnPostgreSql(string connectionString, string folder)
    {
        ConnectionString = connectionString;
        _folder = folder;
    }

    public string ConnectionString { get; }

    public int Restarts => Volatile.Read(ref _restarts);

    public static async Task<OwnPostgreSql> StartAsync()
    {
        var (code, stdout, stderr) = await RunAsync("start-postgres.sh", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(code == 0, $"start-postgres.sh failed ({code}): {stderr}");
        var folder = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        return new OwnPostgreSql(stdout.Trim(), folder);
    }

    /// <summary>pg_ctl restart -m fast: every session ends, connections are refused until the server is up again; returns once it is.</summary>
    public void Restart()
    {
        var (code, _, stderr) = RunAsync("restart-postgres.sh", _folder).GetAwaiter().GetResult();
        Assert.True(code == 0, $"restart-postgres.sh failed ({code}): {stderr}");
        Interlocked.Increment(ref _restarts);
    }

    public async ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await RunAsync("stop-postgres.sh", _folder);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string script, string argument)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(ScriptFolder(), script));
        info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(guard.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string ScriptFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "postgres");
            if (File.Exists(Path.Combine(candidate, "start-postgres.sh")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/postgres/start-postgres.sh not found above " + AppContext.BaseDirectory);
    }
}
