using System.Globalization;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Import;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.SyncHost;

// One sync pass (or import) of one mapping, in a process of its own, so a test can kill it at any request and see what
// a real crash leaves behind. Connections and state come from the SFHSSYNC_* variables, as in a pipeline; the mapping
// from YAML. SFHSSYNC_TEST_KILL_AFTER=api:N or commit:N makes the process kill itself at that point (KillPoint).
// A batch size makes the batches that small (steps four times that), so a run has more points to kill it at.
// Usage: SfHsSync.SyncHost <mapping.yaml> [lease time-to-live in ms] [sync|import] [batch size]
// Or: SfHsSync.SyncHost hold-lock <state file> <ready file> <release file> (another process holding the state locked).
if (args is ["hold-lock", var stateFile, var readyFile, var releaseFile])
{
    return await HoldLock.RunAsync(stateFile, readyFile, releaseFile);
}

if (args.Length is < 1 or > 4 || (args.Length >= 3 && args[2] is not ("sync" or "import")))
{
    Console.Error.WriteLine("Usage: SfHsSync.SyncHost <mapping.yaml> [lease time-to-live in ms] [sync|import] [batch size]");
    return 2;
}

var mapping = SyncMappingFile.Read(args[0]).Single();
var leaseTimeToLive = args.Length >= 2 ? TimeSpan.FromMilliseconds(int.Parse(args[1], CultureInfo.InvariantCulture)) : TimeSpan.FromSeconds(60);
var import = args.Length >= 3 && args[2] == "import";
var batch = args.Length == 4 ? int.Parse(args[3], CultureInfo.InvariantCulture) : (int?)null;
var salesforceConnection = SalesforceConnection.FromEnvironment();
var hubSpotConnection = HubSpotConnection.FromEnvironment()
    ?? throw new InvalidOperationException($"Set {HubSpotConnection.BaseUrlVariable} and {HubSpotConnection.AccessTokenVariable}.");

using var salesforce = new SalesforceClient(salesforceConnection, new SalesforceClientOptions { RetryDelay = TimeSpan.FromMilliseconds(50) });
using var hubSpot = new HubSpotClient(hubSpotConnection);
await using var opened = await StateStore.OpenAsync(StateLocation.Resolve(null), CancellationToken.None);
var state = KillPoint.Arm(opened);
var runtime = await MappingRuntime.ResolveAsync(mapping, salesforce, hubSpot, CancellationToken.None);
// A mapping with a two-way association scans HubSpot's associations, so one changed there alone reaches Salesforce.
var options = new SyncOptions
{
    HubSpotSearchLag = TimeSpan.Zero, SalesforceCommitLag = TimeSpan.Zero, LeaseTimeToLive = leaseTimeToLive, LeaseTimeout = TimeSpan.Zero,
    ScanAssociations = mapping.Associations.Any(a => a.Direction == SyncDirection.TwoWay),
};
if (batch is { } size)
{
    options = options with { HubSpotBatchSize = size, SalesforceBatchSize = size, StepSize = size * 4 };
}
string summary;
try
{
    if (import)
    {
        var imported = await new SalesforceImport(salesforce, hubSpot, state, new ImportOptions { Sync = options }).RunAsync(runtime, CancellationToken.None);
        summary = string.Create(CultureInfo.InvariantCulture, $"{imported.State}: import read {imported.Read}, {imported.Failed} failed");
    }
    else
    {
        var result = await new SyncPass(salesforce, hubSpot, state, options).RunAsync(runtime, CancellationToken.None);
        summary = string.Create(CultureInfo.InvariantCulture,
            $"{result.State}: {result.CreatedInHubSpot} created in HubSpot, {result.CreatedInSalesforce} in Salesforce, {result.UpdatedInHubSpot}/{result.UpdatedInSalesforce} updated, {result.Failed} failed");
    }
}
catch (SyncException e)
{
    // The error id first, so a test can tell a lost lease (a runner stalled past its time-to-live) from a defect.
    Console.Error.WriteLine($"{e.ErrorId}: {e.Message}");
    return 3;
}

Console.WriteLine($"{summary}; {KillPoint.Counts()}");
return 0;
