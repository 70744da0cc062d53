using SfHsSync.Engine.Sandbox;

namespace SfHsSync.Commands;

/// <summary>Sandboxes this process started; they stop when the module is removed.</summary>
internal static class RunningSandboxes
{
    private static readonly List<SyncSandbox> Items = new();

    public static void Add(SyncSandbox sandbox)
    {
        lock (Items)
        {
            Items.Add(sandbox);
        }
    }

    public static void Remove(SyncSandbox sandbox)
    {
        lock (Items)
        {
            Items.Remove(sandbox);
        }
    }

    /// <summary>Stops every sandbox this process started (on Remove-Module), so no emulator outlives the module that started it.</summary>
    public static void StopAll()
    {
        foreach (var sandbox in Snapshot())
        {
            sandbox.Dispose();
            Remove(sandbox);
        }
    }

    public static IReadOnlyList<SyncSandbox> Snapshot()
    {
        lock (Items)
        {
            return Items.ToArray();
        }
    }
}
