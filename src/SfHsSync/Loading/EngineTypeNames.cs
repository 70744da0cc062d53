using System.Management.Automation;
using System.Reflection;

namespace SfHsSync.Commands.Loading;

/// <summary>
/// PowerShell resolves a type name written in a script ([SfHsSync.Engine.Mapping.SyncMapping], -is, Should -BeOfType)
/// only among the default load context's assemblies, so the engine's public types, which live in the private context,
/// are made known by their full names as type accelerators (the way about_Classes describes exporting types from a
/// module), and forgotten when the module is removed. A name PowerShell already knows is left as it is.
/// </summary>
internal static class EngineTypeNames
{
    private static readonly Type? Accelerators = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators");
    private static readonly List<string> Added = new();

    public static void Register(Assembly engine)
    {
        if (Accelerators is null || Added.Count > 0)
        {
            return;
        }

        var known = (IDictionary<string, Type>?)Accelerators.GetProperty("Get")?.GetValue(null) ?? new Dictionary<string, Type>();
        var add = Accelerators.GetMethod("Add", new[] { typeof(string), typeof(Type) });
        foreach (var type in engine.GetExportedTypes())
        {
            if (type.FullName is { } name && !known.ContainsKey(name))
            {
                add?.Invoke(null, new object[] { name, type });
                Added.Add(name);
            }
        }
    }

    public static void Unregister()
    {
        var remove = Accelerators?.GetMethod("Remove", new[] { typeof(string) });
        foreach (var name in Added)
        {
            remove?.Invoke(null, new object[] { name });
        }

        Added.Clear();
    }
}
