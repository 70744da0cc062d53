using System.Globalization;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;

// One sync pass of one mapping, in a process of its own, so a test can kill it at any request and see what a real
// crash leaves behind. Connections and state come from the SFHSSYNC_* variables, as in a pipeline; the mapping from YAML.
// Usage: SfHsSync.SyncHost <mapping.yaml> [lease time-to-live in ms]
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("Usage: SfHsSync.SyncHost <mapping.yaml> [lease time-to-live in ms]");
    return 2;
}

var mapping = SyncMappingFile.Read(args[0]).Single();
var leaseTimeToLive = args.Length == 2 ? TimeSpan.FromMilliseconds(int.Parse(args[1], CultureInfo.InvariantCulture)) : TimeSpan.FromSeconds(60);
var salesforceConnection = SalesforceConnection.FromEnvironment();
var hubSpotConnection = HubSpotConnection.FromEnvironment()
    ?? throw new InvalidOperationException($"Set {HubSpotConnection.BaseUrlVariable} and {HubSpotConnection.AccessTokenVariable}.");

using var salesforce = new SalesforceClient(salesforceConnection, new SalesforceClientOptions { RetryDelay = TimeSpan.FromMilliseconds(50) });
using var hubSpot = new HubSpotClient(hubSpotConnection);
await using var state = await StateStore.OpenAsync(StateLocation.Resolve(null), CancellationToken.None);
var runtime = await MappingRuntime.ResolveAsync(mapping, salesforce, hubSpot, CancellationToken.None);
var options = new SyncOptions { HubSpotSearchLag = TimeSpan.Zero, LeaseTimeToLive = leaseTimeToLive };
SyncRunResult result;
try
{
    result = await new SyncPass(salesforce, hubSpot, state, options).RunAsync(runtime, CancellationToken.None);
}
catch (SyncException e)
{
    // The error id first, so a test can tell a lost lease (a runner stalled past its time-to-live) from a defect.
    Console.Error.WriteLine($"{e.ErrorId}: {e.Message}");
    return 3;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{result.State}: {result.CreatedInHubSpot} created in HubSpot, {result.CreatedInSalesforce} in Salesforce, {result.UpdatedInHubSpot}/{result.UpdatedInSalesforce} updated, {result.Failed} failed"));
return 0;
