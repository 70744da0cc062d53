using System.Text.Json;
using SfHsSync.Sandbox;

// The sandbox as its own process, for Start-SyncSandbox and for trying things by hand.
// It prints one JSON line with both URLs and the tokens it accepts, then serves until stdin closes or it is signalled.
var options = new SandboxOptions();
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--seed": options.Seed = Next(); break;
        case "--salesforce-port": options.SalesforcePort = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--hubspot-port": options.HubSpotPort = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--options": options = SandboxCommandLine.ReadOptionsFile(Next(), options); break;
        case "--hubspot-api-versions": options.HubSpot.ApiVersions = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(); break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: SfHsSync.Sandbox [--seed Demo|Standard|Empty|<file>] [--salesforce-port N] [--hubspot-port N] [--options <json>] [--hubspot-api-versions v3,2026-03,2026-09]");
            return 2;
    }
}

SandboxServer server;
try
{
    server = await SandboxServer.StartAsync(options);
}
catch (Exception e) when (e is InvalidDataException or SeedInvalidException)
{
    // A seed the sandbox cannot start from: said on the ready line, so Start-SyncSandbox reports it as the seed's error.
    var path = e is SeedInvalidException invalid ? invalid.JsonPath : null;
    Console.Out.WriteLine(JsonSerializer.Serialize(new { error = "SyncSandboxSeedInvalid", message = e.Message, jsonPath = path }));
    Console.Out.Flush();
    return 3;
}

await using var running = server;
var ready = new
{
    salesforceUrl = server.SalesforceUrl.ToString(),
    hubSpotUrl = server.HubSpotUrl.ToString(),
    salesforceAccessToken = server.Salesforce.DefaultAccessToken,
    hubSpotAccessToken = server.HubSpot.DefaultAccessToken,
    hubSpotApiVersion = server.HubSpot.NewestApiVersion,
    processId = Environment.ProcessId,
};
Console.Out.WriteLine(JsonSerializer.Serialize(ready));
Console.Out.Flush();

var stop = new TaskCompletionSource();

// The web hosts take SIGTERM and SIGINT for themselves (to stop their app, not the process), so we register too.
using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    stop.TrySetResult();
});
using var onInt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, signal =>
{
    signal.Cancel = true;
    stop.TrySetResult();
});
_ = Task.Run(() =>
{
    // A parent that dies closes our stdin: we go with it rather than linger on a port.
    try
    {
        while (Console.In.ReadLine() is not null)
        {
        }
    }
    catch (IOException)
    {
    }

    stop.TrySetResult();
});
await stop.Task;
return 0;
