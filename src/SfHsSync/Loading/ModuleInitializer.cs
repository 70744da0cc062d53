using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Commands.Loading;

/// <summary>
/// Runs when the module is imported and removed. In the published module the cmdlet assembly is alone in the module
/// folder and the engine with every library it uses is in Dependencies/: the default load context cannot find the
/// engine there, asks this class, and gets it from a private <see cref="EngineLoadContext"/>, which then loads the
/// engine's libraries and their native libraries (SQLite's) from the same folder (PowerShell's documented pattern for binary
/// modules whose dependencies may conflict with another module's). A build that has everything in one folder (the
/// xunit hosts) loads as a plain application does, with only native libraries (SQLite's) resolved here from runtimes/.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal const string DependenciesFolder = "Dependencies";
    private const string EngineAssemblyName = "SfHsSync.Engine";
    private static readonly object Gate = new();
    private static EngineLoadContext? _engineContext;
    private static bool _registered;

    private static string ModuleDirectory => Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;

    public void OnImport()
    {
        lock (Gate)
        {
            if (!_registered)
            {
                var dependencies = Path.Combine(ModuleDirectory, DependenciesFolder);
                if (Directory.Exists(dependencies))
                {
                    _engineContext ??= new EngineLoadContext(dependencies);
                    AssemblyLoadContext.Default.Resolving += ResolveEngine;
                }
                else
                {
                    AssemblyLoadContext.Default.ResolvingUnmanagedDll += ResolveNativeBeside;
                }

                _registered = true;
            }

            if (_engineContext is not null)
            {
                EngineTypeNames.Register(EngineAssembly());
            }
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        RunningSandboxes.StopAll();
        lock (Gate)
        {
            if (_engineContext is not null)
            {
                EngineTypeNames.Unregister();
                AssemblyLoadContext.Default.Resolving -= ResolveEngine;
            }
            else
            {
                AssemblyLoadContext.Default.ResolvingUnmanagedDll -= ResolveNativeBeside;
            }

            _registered = false;
        }
    }

    /// <summary>The engine alone is handed over from the default context; its libraries then resolve inside the private one.</summary>
    private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name)
        => string.Equals(name.Name, EngineAssemblyName, StringComparison.Ordinal) ? _engineContext?.LoadFromAssemblyName(name) : null;

    /// <summary>Kept out of <see cref="OnImport"/>, so compiling that method never needs the engine before the handler is in place.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Assembly EngineAssembly() => typeof(SyncMapping).Assembly;

    private static IntPtr ResolveNativeBeside(Assembly assembly, string libraryName) => NativeLibraries.Load(ModuleDirectory, libraryName);
}
