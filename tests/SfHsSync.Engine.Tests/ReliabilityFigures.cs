using System.Text.Json;

namespace SfHsSync.Engine.Tests;

/// <summary>
/// The reliability figures the tests themselves count (each kill point and how it ended, each fault storm survived), appended as a JSON line to
/// the file SFHSSYNC_FIGURES names (build.ps1 Test sets it, and writes docs/reliability.md from it). Unset: nothing is kept.
/// </summary>
internal static class ReliabilityFigures
{
    public const string Variable = "SFHSSYNC_FIGURES";
    private static readonly object Gate = new();

    public static void Record(string scenario, string point, bool killed, bool equal)
        => Append(new Dictionary<string, object> { ["kind"] = "kill", ["scenario"] = scenario, ["point"] = point, ["killed"] = killed, ["equal"] = equal });

    public static void Append(IReadOnlyDictionary<string, object> figure)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } path)
        {
            return;
        }

        lock (Gate)
        {
            File.AppendAllText(path, JsonSerializer.Serialize(figure) + "\n");
        }
    }
}
