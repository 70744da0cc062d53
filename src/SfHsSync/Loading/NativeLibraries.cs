using System.Runtime.InteropServices;

namespace SfHsSync.Commands.Loading;

/// <summary>
/// Native libraries (SQLite's e_sqlite3, and any other a library of the engine brings) from the
/// runtimes/&lt;rid&gt;/native layout `dotnet publish` leaves, for Linux, macOS and Windows alike: pwsh has no deps.json
/// for a module, so nothing else would find them there.
/// </summary>
internal static class NativeLibraries
{
    /// <summary>The library's handle, or zero when no candidate under <paramref name="directory"/> exists and loads.</summary>
    public static IntPtr Load(string directory, string libraryName)
    {
        foreach (var candidate in Candidates(directory, libraryName))
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    /// <summary>Where publish puts a native library for this OS and architecture, most specific first.</summary>
    internal static IEnumerable<string> Candidates(string directory, string libraryName)
    {
        var files = FileNames(libraryName).ToList();
        foreach (var rid in RuntimeIdentifiers())
        {
            foreach (var file in files)
            {
                yield return Path.Combine(directory, "runtimes", rid, "native", file);
            }
        }

        foreach (var file in files)
        {
            yield return Path.Combine(directory, file);
        }
    }

    private static IEnumerable<string> RuntimeIdentifiers()
    {
        var arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            Architecture.X86 => "x86",
            Architecture.Arm => "arm",
            var other => other.ToString().ToLowerInvariant(),
        };

        if (OperatingSystem.IsWindows())
        {
            return new[] { $"win-{arch}", "win" };
        }

        if (OperatingSystem.IsMacOS())
        {
            return new[] { $"osx-{arch}", "osx" };
        }

        return File.Exists("/etc/alpine-release")
            ? new[] { $"linux-musl-{arch}", $"linux-{arch}", "linux" }
            : new[] { $"linux-{arch}", "linux", $"linux-musl-{arch}" };
    }

    /// <summary>The names a DllImport of <paramref name="libraryName"/> may have on disk here (e_sqlite3: libe_sqlite3.so on Linux).</summary>
    private static IEnumerable<string> FileNames(string libraryName)
    {
        var name = Path.GetFileName(libraryName);
        var (prefix, suffix) = OperatingSystem.IsWindows() ? ("", ".dll") : OperatingSystem.IsMacOS() ? ("lib", ".dylib") : ("lib", ".so");
        if (!name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            yield return (name.StartsWith(prefix, StringComparison.Ordinal) ? name : prefix + name) + suffix;
            yield return name + suffix;
        }

        yield return name;
    }
}
