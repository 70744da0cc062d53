using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace SfHsSync.Engine.Tests.HubSpot;

/// <summary>
/// Prism (tests/contract/node_modules) as a validating proxy between the client and the sandbox, started through
/// tests/contract/prism/hubspot-proxy.mjs over HubSpot's OpenAPI files. Its log is kept so a test can fail on any
/// violation it reports.
/// </summary>
internal sealed class PrismProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private PrismProxy(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Lines of Prism's log that report a request or response breaking the contract.</summary>
    public IReadOnlyList<string> Violations
        => Log.Split('\n').Where(l => l.Contains("violation", StringComparison.OrdinalIgnoreCase) || l.Contains('✖')).ToList();

    public static async Task<PrismProxy> StartAsync(Uri upstream, [CallerFilePath] string sourceFile = "")
    {
        var repo = RepositoryRoot(sourceFile);
        var contract = Path.Combine(repo, "tests", "contract");
        if (!File.Exists(Path.Combine(contract, "node_modules", ".bin", OperatingSystem.IsWindows() ? "prism.cmd" : "prism")))
        {
            Assert.Fail($"Prism is not installed in {contract}/node_modules: run 'npm ci' in tests/contract.");
        }

        var port = FreePort();
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = repo,
        };
        info.ArgumentList.Add(Path.Combine(contract, "prism", "hubspot-proxy.mjs"));
        info.ArgumentList.Add("--upstream");
        info.ArgumentList.Add(upstream.GetLeftPart(UriPartial.Authority));
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var specs = Environment.GetEnvironmentVariable("SFHSSYNC_HUBSPOT_SPECS");
        if (specs is not null)
        {
            info.ArgumentList.Add("--specs");
            info.ArgumentList.Add(specs);
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Fail($"node could not be started ({ex.Message}): install Node.js and run 'npm ci' in tests/contract.");
            throw;
        }

        var proxy = new PrismProxy(process, new Uri($"http://127.0.0.1:{port}/"));
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (proxy._log)
            {
                proxy._log.AppendLine(e.Data);
            }

            if (e.Data.Contains("Prism is listening", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(90)));
        if (started != ready.Task)
        {
            await proxy.DisposeAsync();
            Assert.Fail($"Prism did not start listening:\n{proxy.Log}");
        }

        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The folder holding SfHsSync.sln: above the test binaries, or above this source file when built elsewhere.</summary>
    private static string RepositoryRoot(string sourceFile)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? string.Empty })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SfHsSync.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException($"SfHsSync.sln was not found above {AppContext.BaseDirectory} or {sourceFile}.");
    }
}
