using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace SfHsSync.Commands;

/// <summary>
/// Runs when the module is imported. pwsh does not probe a module folder's runtimes/&lt;rid&gt;/native for native
/// libraries (it has no deps.json for us), so SQLite's e_sqlite3 is resolved here from the layout `dotnet publish`
/// leaves, for Linux, macOS and Windows alike.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer
{
    private static int _registered;

    public void OnImport()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            AssemblyLoadContext.Default.ResolvingUnmanagedDll += ResolveNative;
        }
    }

    private static IntPtr ResolveNative(Assembly assembly, string libraryName)
    {
        if (!libraryName.Contains("e_sqlite3", StringComparison.OrdinalIgnoreCase))
        {
            return IntPtr.Zero;
        }

        var moduleDir = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location);
        if (moduleDir is null)
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in NativeCandidates(moduleDir))
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    /// <summary>Where publish puts e_sqlite3 for this OS and architecture, most specific first.</summary>
    internal static IEnumerable<string> NativeCandidates(string moduleDir)
    {
        var arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "x86",
            Architecture.Arm => "arm",
            var other => other.ToString().ToLowerInvariant(),
        };

        string[] rids;
        string file;
        if (OperatingSystem.IsWindows())
        {
            rids = new[] { $"win-{arch}" };
            file = "e_sqlite3.dll";
        }
        else if (OperatingSystem.IsMacOS())
        {
            rids = new[] { $"osx-{arch}", "osx" };
            file = "libe_sqlite3.dylib";
        }
        else
        {
            var musl = File.Exists("/etc/alpine-release");
            rids = musl ? new[] { $"linux-musl-{arch}", $"linux-{arch}" } : new[] { $"linux-{arch}", $"linux-musl-{arch}" };
            file = "libe_sqlite3.so";
        }

        foreach (var rid in rids)
        {
            yield return Path.Combine(moduleDir, "runtimes", rid, "native", file);
        }

        yield return Path.Combine(moduleDir, file);
    }
}
