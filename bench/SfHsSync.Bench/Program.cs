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
        Console.Error.WriteLine($"Unknown role '{role}'. Usage: SfHsSync.Bench [run [--scenarios 1,2,3,4,5,7] [--scale 1.0] [--repeat 2] [--output docs/benchmarks.md] [--summary outcomes.json]]");
        return 2;
}

var scenarios = "1,5,3,2,4,7";
var scale = 1.0;
var repeat = 1;
string? output = null;
string? summary = null;
for (var i = 1; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--scenarios": scenarios = Next(); break;
        case "--scale": scale = double.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--repeat": repeat = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--output": output = Next(); break;
        case "--summary": summary = Next(); break;
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

if (repeat is < 1 or > 10)
{
    Console.Error.WriteLine($"--repeat must be 1 to 10, not {repeat}.");
    return 2;
}

var ids = scenarios.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
if (ids.FirstOrDefault(id => !ScenarioRunner.Knows(id)) is { } unknown)
{
    Console.Error.WriteLine($"There is no scenario '{unknown}'; the scenarios are 1 to 5 and 7.");
    return 2;
}

var started = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
var runner = new ScenarioRunner(new Scenarios(scale, Console.Out), repeat, Console.Out);
var results = await runner.RunAsync(ids);
var report = ResultsReport.Render(results, MachineLoad.Describe(), started, clock.Elapsed);
Console.WriteLine();
Console.WriteLine(report);
if (summary is not null)
{
    runner.WriteSummary(summary);
}

foreach (var failed in runner.Outcomes.Where(o => !o.Passed))
{
    Console.Error.WriteLine($"Scenario {failed.Scenario} failed: {failed.Problem}");
}

if (output is not null)
{
    ResultsReport.WriteInto(output, report);
    Console.WriteLine($"Written into {output}.");
}

return runner.Outcomes.All(o => o.Passed) ? 0 : 1;
