using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Engine.Sandbox;

/// <summary>What Start-SyncSandbox asks for; <paramref name="HubSpotApiVersions"/> null serves every HubSpot API version.</summary>
public sealed record SandboxStartRequest(string Seed = "Demo", int SalesforcePort = 0, int HubSpotPort = 0, string? OptionsPath = null, IReadOnlyList<string>? HubSpotApiVersions = null);

/// <summary>Starts the sandbox executable as its own process and waits until it says where it listens.</summary>
public static class SandboxLauncher
{
    public const string AssemblyFileName = "SfHsSync.Sandbox.dll";

    /// <summary>Finds the sandbox next to the module: in its sandbox/ folder (a published module) or beside it (a build).</summary>
    public static string Locate(string moduleDirectory)
    {
        foreach (var candidate in new[] { Path.Combine(moduleDirectory, "sandbox", AssemblyFileName), Path.Combine(moduleDirectory, AssemblyFileName) })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new SyncException("SandboxNotFound", SyncErrorKind.ObjectNotFound,
            $"The sandbox ({AssemblyFileName}) was not found in '{moduleDirectory}' or its sandbox folder. Rebuild the module with ./build.ps1 Build.",
            moduleDirectory);
    }

    public static SyncSandbox Start(string sandboxAssembly, SandboxStartRequest request, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(request);
        var info = new ProcessStartInfo(FindDotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(sandboxAssembly);
        info.ArgumentList.Add("--seed");
        info.ArgumentList.Add(request.Seed);
        info.ArgumentList.Add("--salesforce-port");
        info.ArgumentList.Add(request.SalesforcePort.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add("--hubspot-port");
        info.ArgumentList.Add(request.HubSpotPort.ToString(CultureInfo.InvariantCulture));
        if (request.OptionsPath is not null)
        {
            info.ArgumentList.Add("--options");
            info.ArgumentList.Add(request.OptionsPath);
        }

        if (request.HubSpotApiVersions is { Count: > 0 } versions)
        {
            info.ArgumentList.Add("--hubspot-api-versions");
            info.ArgumentList.Add(string.Join(",", versions));
        }

        var process = Process.Start(info) ?? throw new SyncException("SandboxStartFailed", SyncErrorKind.InvalidOperation, "The sandbox process could not be started.");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();

        var lineTask = process.StandardOutput.ReadLineAsync();
        if (!lineTask.Wait(timeout) || lineTask.Result is null)
        {
            var exited = process.HasExited;
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            string err;
            lock (stderr)
            {
                err = stderr.ToString().Trim();
            }

            process.Dispose();
            throw new SyncException("SandboxStartFailed", SyncErrorKind.InvalidOperation,
                exited
                    ? $"The sandbox exited before it was ready: {err}"
                    : $"The sandbox did not report ready within {timeout.TotalSeconds:0} seconds. {err}",
                request.Seed);
        }

        // Keep draining stdout so the sandbox never blocks on a full pipe.
        _ = Task.Run(async () =>
        {
            try
            {
                while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is not null)
                {
                }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
            {
            }
        });

        using var doc = JsonDocument.Parse(lineTask.Result);
        var root = doc.RootElement;
        if (root.TryGetProperty("error", out var error))
        {
            process.WaitForExit(5000);
            process.Dispose();
            throw new SyncException(error.GetString() ?? "SandboxStartFailed", SyncErrorKind.InvalidData, root.GetProperty("message").GetString() ?? "The seed was refused.", request.Seed)
            {
                RecommendedAction = "Fix the seed at the place the message names; docs/sandbox-seeds.md describes the format.",
            };
        }

        var sfUrl = new Uri(root.GetProperty("salesforceUrl").GetString()!);
        var hsUrl = new Uri(root.GetProperty("hubSpotUrl").GetString()!);
        var sf = new SalesforceConnection(sfUrl, SecretText.ToSecureString(root.GetProperty("salesforceAccessToken").GetString()!));
        var hs = new HubSpotConnection(hsUrl, SecretText.ToSecureString(root.GetProperty("hubSpotAccessToken").GetString()!))
        {
            ApiVersion = HubSpotApiVersion.Parse(root.GetProperty("hubSpotApiVersion").GetString()!, "The sandbox's HubSpot API version"),
        };
        return Negotiated(new SyncSandbox(process, request.Seed, sfUrl, hsUrl, sf, hs));
    }

    /// <summary>
    /// The sandbox's Salesforce connection speaks the newest version its org lists, as Connect-Salesforce's would:
    /// asked once here (GET /services/data), so no run made on it pays that call. A refusal stops the sandbox.
    /// </summary>
    private static SyncSandbox Negotiated(SyncSandbox sandbox)
    {
        try
        {
            Task.Run(() => SalesforceApiVersionNegotiator.NegotiateAsync(sandbox.Salesforce)).GetAwaiter().GetResult();
            return sandbox;
        }
        catch
        {
            sandbox.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The dotnet host that runs this process's runtime: a framework-dependent pwsh runs from a shared runtime folder
    /// (dotnet/shared/Microsoft.NETCore.App/x.y.z), whose host sits three levels up; otherwise the one on PATH.
    /// </summary>
    private static string FindDotnetHost()
    {
        var exe = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        var runtimeDir = RuntimeEnvironmentDirectory();
        if (runtimeDir is not null)
        {
            var candidate = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", "..", exe));
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var dotnetRoot = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(dotnetRoot) && File.Exists(Path.Combine(dotnetRoot, exe)))
        {
            return Path.Combine(dotnetRoot, exe);
        }

        return exe;
    }

    private static string? RuntimeEnvironmentDirectory()
    {
        var location = typeof(object).Assembly.Location;
        return string.IsNullOrEmpty(location) ? null : Path.GetDirectoryName(location);
    }
}
