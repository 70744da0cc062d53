using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace SfHsSync.Engine.State.Sqlite;

/// <summary>
/// A SQLite lease's holder is a process of some host: alive while a process with its id and its start time runs there.
/// The start time tells a reused process id from the holder. A holder on another host (a state file on a shared
/// folder) cannot be checked from here, and is known dead only by its heartbeats stopping.
/// </summary>
internal static class LocalProcess
{
    private const string Unreadable = "unreadable";

    /// <summary>This process, as a lease records it.</summary>
    public static LeaseSession Current { get; } = new(Environment.MachineName, Environment.ProcessId, StartOf(Environment.ProcessId) ?? Unreadable);

    public static LeaseHolderLiveness Liveness(LeaseSession holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        if (!string.Equals(holder.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase) || holder.Id is <= 0 or > int.MaxValue || holder.Start == Unreadable)
        {
            return LeaseHolderLiveness.Unknown;
        }

        var start = StartOf((int)holder.Id);
        return start is null ? LeaseHolderLiveness.Dead
            : start == holder.Start || start == Unreadable ? LeaseHolderLiveness.Alive
            : LeaseHolderLiveness.Dead;
    }

    public static string Describe(LeaseSession holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        return string.Equals(holder.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase)
            ? $"process {holder.Id} on {holder.Host}"
            : $"process {holder.Id} on {holder.Host}, not this host ({Environment.MachineName})";
    }

    /// <summary>When the process started, as text; null when no such process runs (a zombie has ended too).</summary>
    private static string? StartOf(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            string stat;
            try
            {
                stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            // The command name is in parentheses and may hold spaces; after it come state (field 3) ... starttime (field 22),
            // in clock ticks since boot: exact, unlike a wall-clock time computed from it.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length <= 19 ? Unreadable : fields[0] is "Z" or "X" ? null : "boot+" + fields[19];
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : process.StartTime.ToUniversalTime().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return Unreadable;
        }
    }
}
