using System.Runtime.InteropServices;

namespace SfHsSync.Commands.Loading;

/// <summary>
/// SQLite's e_sqlite3 from the runtimes/&lt;rid&gt;/native layout `dotnet publish` leaves, for Linux, macOS and Windows
/// alike: pwsh has no deps.json for a module, so nothing else would find it there.
/// </summary>
internal static class NativeLibraries
{
    /// <summary>The library's handle, or zero when it is not SQLite's or no candidate under <paramref name="directory"/> loads.</summary>
    public static IntPtr Load(string directory, string libraryName)
    {
        if (!libraryName.Contains("e_sqlite3", StringComparison.OrdinalIgnoreCase))
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in Candidates(directory))
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    /// <summary>Where publish puts e_sqlite3 for this OS and architecture, most specific first.</summary>
    internal static IEnumerable<string> Candidates(string directory)
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
            yield return Path.Combine(directory, "runtimes", rid, "native", file);
        }

        yield return Path.Combine(directory, file);
    }
}
