using System.Reflection;
using System.Runtime.Loader;

namespace SfHsSync.Commands.Loading;

/// <summary>
/// The private load context of the engine and every library it uses (YamlDotNet, Npgsql, Polly, RestSharp, CsvHelper,
/// SQLite), all from the module's Dependencies folder. Another module's copy of one of them in the default context
/// neither replaces ours nor is replaced by it. An assembly that is not in the folder (the framework's, PowerShell's)
/// comes from the default context, so the types both sides share stay one type.
/// </summary>
internal sealed class EngineLoadContext : AssemblyLoadContext
{
    private readonly string _directory;

    public EngineLoadContext(string directory)
        : base("SfHsSync.Engine")
    {
        _directory = directory;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = Path.Combine(_directory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var handle = NativeLibraries.Load(_directory, unmanagedDllName);
        return handle != IntPtr.Zero ? handle : base.LoadUnmanagedDll(unmanagedDllName);
    }
}
