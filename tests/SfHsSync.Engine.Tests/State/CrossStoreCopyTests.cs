using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Tests.Sync.Support;

namespace SfHsSync.Engine.Tests.State;

/// <summary>
/// Copy-SyncState between the two engines, SQLite to a real PostgreSQL server and back: after passes that gave a record
/// a field story (edits on both sides, a conflict, a one-way overwrite), the copy tells the same story, keeps each run's
/// API yardsticks and the mapping's stored definition, every run id carried to the run's new id.
/// </summary>
public sealed class CrossStoreCopyTests : IAsyncLifetime
{
    private static readonly SyncOptions Trusted = new() { HubSpotSearchLag = TimeSpan.Zero, SalesforceCommitLag = TimeSpan.Zero };
    private static readonly CancellationToken None = CancellationToken.None;
    private SyncWorld _world = null!;
    private readonly List<string> _files = new();

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync();

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in _files.SelectMany(f => new[] { f, f + "-wal", f + "-shm" }))
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_copy_to_PostgreSQL_and_back_to_SQLite_tells_every_field_story_keeps_the_yardsticks_and_the_definition()
    {
        var mapping = InvoiceMappings.AllRules();
        var sfId = await WriteAStoryAsync(mapping);
        var source = _world.State;

        await using var postgres = await StateStore.OpenAsync(StateLocation.Parse(await PostgreSqlServer.CreateDatabaseAsync("sfhs_copy")), None);
        var there = Assert.Single(await StateCopier.CopyAsync(source, postgres, [mapping.Name], replace: false, None));
        Assert.True(there.Verified);
        Assert.Equal(5, there.Target.Runs);
        Assert.Equal(5, there.Target.RunsWithApiUse);
        Assert.Equal(32, there.Target.LinksWithOrigins); // the Demo's 32 invoices HubSpot takes (its 8 Void ones fail)
        Assert.True(there.Target.FieldHistory >= 4);
        Assert.True(there.Target.HasDefinition);
        await AssertSameAsync(source, postgres, mapping.Name, sfId);

        var path = Path.Combine(Path.GetTempPath(), $"sfhssync-copy-back-{Guid.NewGuid():N}.db");
        _files.Add(path);
        await using var back = await StateStore.OpenAsync(StateLocation.Parse(path), None);
        var home = Assert.Single(await StateCopier.CopyAsync(postgres, back, null, replace: false, None));
        Assert.True(home.Verified);
        Assert.Equal(there.Target, home.Target);
        await AssertSameAsync(postgres, back, mapping.Name, sfId);
        await AssertSameAsync(source, back, mapping.Name, sfId);

        // The copy's stored definition runs the mapping by its name alone.
        Assert.Equal(mapping, (await StoredMapping.ResolveAsync(back, mapping.Name, None)).Mapping);
    }

    /// <summary>Five passes over one invoice: created, edited in Salesforce, in HubSpot, on both (a conflict), and a one-way field overwritten.</summary>
    private async Task<string> WriteAStoryAsync(Engine.Mapping.SyncMapping mapping)
    {
        await _world.PassAsync(mapping, Trusted);
        var invoice = _world.Org.Records(SyncWorld.Invoice).First(r => (string?)r["Status__c"] != "Void");
        var link = (await _world.State.GetLinksBySalesforceIdAsync(mapping.Name, [invoice.Id], None))[invoice.Id];
        _world.Org.Update(SyncWorld.Invoice, invoice.Id, new Dictionary<string, object?> { ["Amount__c"] = 111m });
        await _world.PassAsync(mapping, Trusted);
        _world.Account.UpdateRecord(SyncWorld.HubSpotType, link.HubSpotId, new Dictionary<string, string> { ["amount"] = "222" });
        await _world.PassAsync(mapping, Trusted);
        _world.Org.Update(SyncWorld.Invoice, invoice.Id, new Dictionary<string, object?> { ["Amount__c"] = 333m });
        _world.Account.UpdateRecord(SyncWorld.HubSpotType, link.HubSpotId, new Dictionary<string, string> { ["amount"] = "444" });
        await _world.PassAsync(mapping, Trusted);
        _world.Account.UpdateRecord(SyncWorld.HubSpotType, link.HubSpotId, new Dictionary<string, string> { ["due_date"] = "2031-01-01" });
        await _world.PassAsync(mapping, Trusted);
        return invoice.Id;
    }

    /// <summary>Get-SyncRecord -History, the API yardsticks and the definition read the same in both stores, run ids read as their runs' start times.</summary>
    private static async Task AssertSameAsync(IStateStore from, IStateStore to, string mapping, string sfId)
    {
        var fromRuns = (await from.GetRunsAsync(mapping, null, 100, None)).ToDictionary(r => r.Id, r => r.StartedAt);
        var toRuns = (await to.GetRunsAsync(mapping, null, 100, None)).ToDictionary(r => r.Id, r => r.StartedAt);
        Assert.Equal(fromRuns.Values.Order(), toRuns.Values.Order());

        var fromStory = (await SyncRecordState.ReadAsync(from, [mapping], SyncSide.Salesforce, [sfId], history: true, None)).Single();
        var toStory = (await SyncRecordState.ReadAsync(to, [mapping], SyncSide.Salesforce, [sfId], history: true, None)).Single();
        Assert.Equal(Told(fromStory.History, fromRuns), Told(toStory.History, toRuns));
        Assert.Equal(Told(fromStory.Fields, fromRuns), Told(toStory.Fields, toRuns));
        Assert.Contains(fromStory.History, o => o.Rule == FieldRule.ConflictWon);
        Assert.Contains(fromStory.History, o => o.Rule == FieldRule.OverwrittenAsOneWay);

        var fromUse = (await from.GetApiUseAsync(mapping, None)).Values.Select(u => (fromRuns[u.RunId], u with { RunId = 0 })).OrderBy(u => u.Item1);
        var toUse = (await to.GetApiUseAsync(mapping, None)).Values.Select(u => (toRuns[u.RunId], u with { RunId = 0 })).OrderBy(u => u.Item1);
        Assert.Equal(fromUse, toUse);

        var fromDefinition = (await from.GetMappingDefinitionAsync(mapping, None))!;
        var toDefinition = (await to.GetMappingDefinitionAsync(mapping, None))!;
        Assert.Equal(fromDefinition with { RunId = null }, toDefinition with { RunId = null });
        Assert.Equal(fromRuns[fromDefinition.RunId!.Value], toRuns[toDefinition.RunId!.Value]);
    }

    private static List<(string, SyncSide, DateTimeOffset?, FieldRule, string?, DateTimeOffset)> Told(IEnumerable<FieldOrigin> origins, Dictionary<long, DateTimeOffset> runs)
        => origins.Select(o => (o.Field, o.Side, o.RunId is { } id ? runs[id] : (DateTimeOffset?)null, o.Rule, o.Value, o.At)).ToList();
}
