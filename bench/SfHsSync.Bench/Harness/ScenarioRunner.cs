using System.Text.Json;
using SfHsSync.Bench.Protocol;

namespace SfHsSync.Bench.Harness;

/// <summary>
/// Runs the chosen scenarios, each <c>repeat</c> times, keeps the better run of each with the spread over its runs,
/// and records per scenario whether it ran and passed its checks (a scenario that throws is recorded, not fatal).
/// </summary>
internal sealed class ScenarioRunner(Scenarios plan, int repeat, TextWriter log)
{
    /// <summary>Every scenario number, in the table's order (3 also gives 3b).</summary>
    public static readonly string[] Order = ["1", "2", "3", "3b", "4", "5", "7"];

    private readonly List<ScenarioOutcome> _outcomes = [];

    public IReadOnlyList<ScenarioOutcome> Outcomes => _outcomes;

    public static bool Knows(string id) => id != "3b" && Order.Contains(id);

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(IEnumerable<string> ids)
    {
        var results = new List<ScenarioResult>();
        foreach (var id in ids)
        {
            var runs = new List<ScenarioResult>();
            try
            {
                for (var run = 1; run <= repeat; run++)
                {
                    if (repeat > 1)
                    {
                        log.WriteLine($"--- scenario {id}, run {run} of {repeat}");
                    }

                    runs.AddRange(await RunOnceAsync(id).ConfigureAwait(false));
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException or JsonException)
            {
                log.WriteLine($"    Scenario {id} did not finish: {ex.Message}");
                _outcomes.Add(new ScenarioOutcome(id, $"scenario {id}", false, ex.Message));
                continue;
            }

            foreach (var group in runs.GroupBy(r => r.Id))
            {
                var better = ScenarioResult.Better(group.ToList());
                results.Add(better);
                _outcomes.Add(new ScenarioOutcome(better.Id, better.Title, better.Passed, better.Passed ? null : $"{better.Metrics.State}: {better.Note}"));
            }
        }

        return results.OrderBy(r => Array.IndexOf(Order, r.Id)).ToList();
    }

    /// <summary>Writes the outcomes as JSON for build.ps1's test summary.</summary>
    public void WriteSummary(string path) => File.WriteAllText(path, JsonSerializer.Serialize(_outcomes, BenchJson.Options));

    private async Task<IReadOnlyList<ScenarioResult>> RunOnceAsync(string id) => id switch
    {
        "1" => [await plan.EngineCostAsync().ConfigureAwait(false)],
        "2" => [await plan.RateCeilingAsync().ConfigureAwait(false)],
        "3" => await plan.IncrementalAsync().ConfigureAwait(false),
        "4" => [await plan.MemoryAsync().ConfigureAwait(false)],
        "5" => [await plan.TwoWayAsync().ConfigureAwait(false)],
        "7" => [await plan.IdleAsync().ConfigureAwait(false)],
        _ => throw new InvalidOperationException($"There is no scenario '{id}'."),
    };
}

/// <summary>One scenario's verdict: it ran and its checks passed, or what went wrong.</summary>
internal sealed record ScenarioOutcome(string Scenario, string Title, bool Passed, string? Problem);
