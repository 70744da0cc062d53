using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;
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
    [Fact]
    public async Task A_mapping_named_alone_is_found_in_the_state_its_pass_stored_and_resyncs_the_eight_with_the_same_calls()
    {
        var mapping = InvoiceMappings.AllRules();
        await _world.PassAsync(mapping, Trusted);
        var errors = await new SyncErrorQuery { Mapping = mapping.Name, Categories = [SyncErrorCategory.PropertyValue] }.ReadAsync(_world.State, CancellationToken.None);
        Assert.Equal(8, errors.Count);

        // The pass kept the definition it ran (never read from a file, so it names none).
        var kept = await _world.State.GetMappingDefinitionAsync(mapping.Name, CancellationToken.None);
        Assert.NotNull(kept);
        Assert.Null(kept.SourcePath);
        Assert.Equal((await _world.State.GetRunsAsync(mapping.Name, null, 1, CancellationToken.None))[0].Id, kept.RunId);
        Assert.Equal(MappingDefinition.HashOf(kept.Yaml), kept.Hash);
        var stored = await StoredMapping.ResolveAsync(_world.State, mapping.Name, CancellationToken.None);
        Assert.Equal(mapping, stored.Mapping);
        Assert.Contains("it was not read from a file", stored.Note, StringComparison.Ordinal);

        _world.Account.AddPropertyOption(SyncWorld.HubSpotType, "status", "Void");
        _world.HubSpot.ClearSchemaCache();
        var runtime = await MappingRuntime.ResolveAsync(stored.Mapping, _world.Salesforce, _world.HubSpot, CancellationToken.None);
        _world.ResetRequestLogs();
        var resync = await new SyncPass(_world.Salesforce, _world.HubSpot, _world.State, Trusted)
            .ResyncAsync(runtime, new ResyncTargets(errors.Select(e => e.SalesforceId!).ToList(), []), CancellationToken.None);

        Assert.Equal(SyncRunState.Succeeded, resync.State);
        Assert.Equal(8, resync.CreatedInHubSpot);
        Assert.Equal(new ApiTraffic(0, 0, 1, 0, 1, 0, 0, 0), _world.Traffic());
        Assert.Empty(await _world.State.GetErrorsAsync(mapping.Name, false, CancellationToken.None));
        Assert.Equal(resync.RunId, (await _world.State.GetMappingDefinitionAsync(mapping.Name, CancellationToken.None))!.RunId);
    }

    [Fact]
    public async Task A_mapping_read_from_a_file_is_run_from_that_file_while_it_is_there_and_from_the_state_once_it_is_gone()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sfhssync-resync-{Guid.NewGuid():N}.sync.yml");
        try
        {
            SyncMappingFile.Write(file, [InvoiceMappings.AllRules()], overwrite: false);
            var fromFile = SyncMappingFile.Read(file)[0];
            await _world.PassAsync(fromFile, Trusted);
            Assert.Equal(Path.GetFullPath(file), (await _world.State.GetMappingDefinitionAsync(fromFile.Name, CancellationToken.None))!.SourcePath);

            var same = await StoredMapping.ResolveAsync(_world.State, fromFile.Name, CancellationToken.None);
            Assert.Equal(fromFile, same.Mapping);
            Assert.Contains("as run 1", same.Note, StringComparison.Ordinal);

            // Edited since: the file is the one the user changed, so it is run, and the note says it changed.
            var edited = fromFile.WithoutField(fromFile.Fields.Single(f => f.SalesforceField == "Amount__c"));
            SyncMappingFile.Write(file, [edited], overwrite: true);
            var changed = await StoredMapping.ResolveAsync(_world.State, fromFile.Name, CancellationToken.None);
            Assert.Equal(edited, changed.Mapping);
            Assert.Contains("changed in", changed.Note, StringComparison.Ordinal);

            // Gone: the definition the last run stored is run, and it keeps naming the file it came from.
            File.Delete(file);
            var gone = await StoredMapping.ResolveAsync(_world.State, fromFile.Name, CancellationToken.None);
            Assert.Equal(fromFile, gone.Mapping);
            Assert.Contains("is no longer there", gone.Note, StringComparison.Ordinal);
            Assert.Equal(Path.GetFullPath(file), MappingDefinition.Of(gone.Mapping, 9).SourcePath);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_mapping_the_state_keeps_no_definition_of_is_refused_naming_the_mapping_and_the_state()
    {
        await _world.PassAsync(InvoiceMappings.AllRules(), Trusted);

        var refused = await Assert.ThrowsAsync<SyncException>(() => StoredMapping.ResolveAsync(_world.State, "Contracts", CancellationToken.None));

        Assert.Equal(StoredMapping.NotInStateErrorId, refused.ErrorId);
        Assert.Contains("'Contracts'", refused.Message, StringComparison.Ordinal);
        Assert.Contains(_world.State.Location, refused.Message, StringComparison.Ordinal);
        Assert.Contains("-Path", refused.RecommendedAction, StringComparison.Ordinal);
    }
}
