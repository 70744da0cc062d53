using System.Diagnostics;
using System.Globalization;
using SfHsSync.Bench.Harness;
using SfHsSync.Bench.SandboxRole;
using SfHsSync.Bench.SyncRole;

// One program, three roles: "run" (the harness, the default), "sandbox" and "sync" (started by the harness).
var role = args.Length > 0 ? args[0] : "run";
switch (role)
{
    case "sandbox":
        return await BenchSandbox.RunAsync(Console.In, Console.Out);
    case "sync":
        return await SyncRunner.RunAsync(Console.In, Console.Out);
    case "run":
        break;
    default:
        Console.Error.WriteLine($"Unknown role '{role}'. Usage: SfHsSync.Bench [run [--scenarios 1,2,3,4,5] [--scale 1.0] [--output docs/benchmarks.md]]");
        return 2;
}

var scenarios = "1,5,3,2,4";
var scale = 1.0;
string? output = null;
for (var i = 1; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--scenarios": scenarios = Next(); break;
        case "--scale": scale = double.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--output": output = Next(); break;
        default:
            Console.Error.WriteLine($"Unknown option '{args[i]}'.");
            return 2;
    }
}

if (scale is <= 0 or > 1)
{
    Console.Error.WriteLine($"--scale must be above 0 and at most 1, not {scale}.");
    return 2;
}

var started = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
var plan = new Scenarios(scale, Console.Out);
var results = new List<ScenarioResult>();
foreach (var id in scenarios.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
{
    switch (id)
    {
        case "1": results.Add(await plan.EngineCostAsync()); break;
        case "2": results.Add(await plan.RateCeilingAsync()); break;
        case "3": results.AddRange(await plan.IncrementalAsync()); break;
        case "4": results.Add(await plan.MemoryAsync()); break;
        case "5": results.Add(await plan.TwoWayAsync()); break;
        default:
            Console.Error.WriteLine($"There is no scenario '{id}'; the scenarios are 1 to 5.");
            return 2;
    }
}

var order = new[] { "1", "2", "3", "3b", "4", "5" };
var report = ResultsReport.Render(results.OrderBy(r => Array.IndexOf(order, r.Id)).ToList(), MachineLoad.Describe(), started, clock.Elapsed);
Console.WriteLine();
Console.WriteLine(report);
if (output is not null)
{
    ResultsReport.WriteInto(output, report);
    Console.WriteLine($"Written into {output}.");
}

return results.Any(r => r.Note.Contains("EXPECTED", StringComparison.Ordinal) || r.Metrics.State != "Succeeded") ? 1 : 0;
