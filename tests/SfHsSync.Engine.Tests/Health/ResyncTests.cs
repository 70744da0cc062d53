using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Tests.Sync.Support;

namespace SfHsSync.Engine.Tests.Health;

/// <summary>Resync on demand: a pass over just the records named, both halves read again, recorded as a run of kind Resync.</summary>
public sealed class ResyncTests : IAsyncLifetime
{
    private static readonly SyncOptions Trusted = new() { HubSpotSearchLag = TimeSpan.Zero, SalesforceCommitLag = TimeSpan.Zero };
    private SyncWorld _world = null!;

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Eight_records_failing_on_a_picklist_value_are_written_by_a_resync_once_HubSpot_has_the_value_and_only_they_are()
    {
        var mapping = InvoiceMappings.AllRules();
        var first = await _world.PassAsync(mapping, Trusted);
        Assert.Equal(SyncRunState.CompletedWithErrors, first.State);
        Assert.Equal(32, first.CreatedInHubSpot);

        // The Demo's 8 Void invoices: HubSpot's status has no Void option.
        var errors = await new SyncErrorQuery { Mapping = mapping.Name, Categories = [SyncErrorCategory.PropertyValue] }.ReadAsync(_world.State, CancellationToken.None);
        Assert.Equal(8, errors.Count);
        Assert.All(errors, e =>
        {
            Assert.Equal("INVALID_OPTION", e.ErrorCode);
            Assert.Contains("Status__c (HubSpot status)", e.Hint, StringComparison.Ordinal);
            Assert.Contains("'Void'", e.Hint, StringComparison.Ordinal);
            Assert.NotNull(e.SalesforceId);
        });

        _world.Account.AddPropertyOption(SyncWorld.HubSpotType, "status", "Void");
        _world.HubSpot.ClearSchemaCache(); // as the next Start-Sync's own client would read the schema afresh
        var runtime = await MappingRuntime.ResolveAsync(mapping, _world.Salesforce, _world.HubSpot, CancellationToken.None);
        var pass = new SyncPass(_world.Salesforce, _world.HubSpot, _world.State, Trusted);
        var targets = new ResyncTargets(errors.Select(e => e.SalesforceId!).ToList(), []);

        // The preview names the 8 creates and writes nothing.
        var plan = new List<SyncPlanItem>();
        await foreach (var item in pass.PreviewResyncAsync(runtime, targets, CancellationToken.None))
        {
            plan.Add(item);
        }

        Assert.Equal(8, plan.Count(p => p.Action == RecordAction.CreateInHubSpot));
        Assert.Equal(32, await _world.State.CountLinksAsync(mapping.Name, CancellationToken.None));

        _world.ResetRequestLogs();
        var resync = await pass.ResyncAsync(runtime, targets, CancellationToken.None);
        var traffic = _world.Traffic();

        Assert.True(resync.State == SyncRunState.Succeeded, resync.Error + " " + string.Join(" | ", (await _world.State.GetErrorsAsync(mapping.Name, false, CancellationToken.None)).Select(e => e.ErrorCode + ": " + e.Message)));
        Assert.Equal(8, resync.CreatedInHubSpot);
        Assert.Equal(0, resync.UpdatedInHubSpot + resync.CreatedInSalesforce + resync.UpdatedInSalesforce);
        Assert.Equal(SyncRunKind.Resync, (await _world.State.GetRunAsync(resync.RunId, CancellationToken.None))!.Kind);

        // One Salesforce retrieve of the 8 (none is linked, so HubSpot has nothing to read) and one HubSpot batch
        // upsert: no change read, no search, nothing else written.
        Assert.Equal(new ApiTraffic(0, 0, 1, 0, 1, 0, 0, 0), traffic);
        Assert.Equal(8, _world.Account.Records(SyncWorld.HubSpotType).Count(r => r.Properties.GetValueOrDefault("status") == "Void"));
        Assert.Equal(40, _world.Account.CountRecords(SyncWorld.HubSpotType));
        Assert.Empty(await _world.State.GetErrorsAsync(mapping.Name, false, CancellationToken.None));
        Assert.Equal(40, await _world.State.CountLinksAsync(mapping.Name, CancellationToken.None));
    }
}
