using SfHsSync.Engine.Errors;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Tests.Sync.Support;

namespace SfHsSync.Engine.Tests.Health;

/// <summary>
/// Sandbox refusals sorted into their categories: a Salesforce validation rule, a HubSpot record gone, refused
/// credentials, HubSpot's daily limit. The last three strike between a pass's reads and its writes: three records
/// changed in Salesforce wait in a held HubSpot batch, which the pass sends after its first "Writing" report.
/// </summary>
public sealed class RefusalCategoryTests : IAsyncLifetime
{
    private static readonly SyncOptions Trusted = new() { HubSpotSearchLag = TimeSpan.Zero, SalesforceCommitLag = TimeSpan.Zero };
    private SyncWorld _world = null!;
    private List<RecordLink> _links = null!;

    public async Task InitializeAsync()
    {
        _world = await SyncWorld.StartAsync();
        await _world.PassAsync(InvoiceMappings.AllRules(), Trusted);
        _links = new List<RecordLink>();
        await foreach (var link in _world.State.ReadLinksAsync("Invoices", CancellationToken.None))
        {
            _links.Add(link);
        }
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_Salesforce_validation_rule_refusing_a_HubSpot_value_is_a_ValidationRule_error_naming_field_and_value()
    {
        _world.Account.UpdateRecord(SyncWorld.HubSpotType, _links[0].HubSpotId, new Dictionary<string, string> { ["amount"] = "-5" });

        var pass = await _world.PassAsync(InvoiceMappings.AllRules(), Trusted);

        Assert.Equal(SyncRunState.CompletedWithErrors, pass.State);
        var refused = Assert.Single(await Errors(SyncErrorCategory.ValidationRule));
        Assert.Equal("FIELD_CUSTOM_VALIDATION_EXCEPTION", refused.ErrorCode);
        Assert.Contains("Amount__c (HubSpot amount)", refused.Hint, StringComparison.Ordinal);
        Assert.Contains("'-5'", refused.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_HubSpot_record_archived_before_its_update_is_a_RecordMissing_error()
    {
        var pass = await PassStruckAsync(() => _world.Account.ArchiveRecord(SyncWorld.HubSpotType, _links[0].HubSpotId));

        Assert.Equal(SyncRunState.CompletedWithErrors, pass.State);
        var gone = Assert.Single(await Errors(SyncErrorCategory.RecordMissing));
        Assert.Equal(_links[0].SalesforceId, gone.RecordId);
    }

    [Fact]
    public async Task Credentials_refused_before_the_writes_make_Authentication_errors_and_stop_the_run()
    {
        var stopped = await Assert.ThrowsAsync<SyncException>(() => PassStruckAsync(() => _world.Account.RevokeAccessToken(_world.Account.DefaultAccessToken)));

        Assert.Equal("HubSpotAuthenticationFailed", stopped.ErrorId);
        Assert.Equal(3, (await Errors(SyncErrorCategory.Authentication)).Count);
    }

    [Fact]
    public async Task HubSpots_daily_limit_reached_before_the_writes_makes_RateLimit_errors_and_stops_the_run()
    {
        var stopped = await Assert.ThrowsAsync<SyncException>(() => PassStruckAsync(() => _world.Account.Options.DailyLimit = 1));

        Assert.Equal("HubSpotDailyLimitExceeded", stopped.ErrorId);
        Assert.Equal(3, (await Errors(SyncErrorCategory.RateLimit)).Count);
    }

    /// <summary>Three invoices change Amount in Salesforce; <paramref name="strike"/> runs at the pass's first "Writing" report, before the held HubSpot batch goes.</summary>
    private async Task<SyncRunResult> PassStruckAsync(Action strike)
    {
        foreach (var link in _links.Take(3))
        {
            _world.Org.Update(SyncWorld.Invoice, link.SalesforceId, new Dictionary<string, object?> { ["Amount__c"] = 777m });
        }

        var mapping = InvoiceMappings.AllRules();
        var runtime = await MappingRuntime.ResolveAsync(mapping, _world.Salesforce, _world.HubSpot, CancellationToken.None);
        return await new SyncPass(_world.Salesforce, _world.HubSpot, _world.State, Trusted, new StrikeOnWriting(strike)).RunAsync(runtime, CancellationToken.None);
    }

    private Task<IReadOnlyList<RecordError>> Errors(SyncErrorCategory category)
        => new SyncErrorQuery { Mapping = "Invoices", Categories = [category] }.ReadAsync(_world.State, CancellationToken.None);

    private sealed class StrikeOnWriting(Action strike) : ISyncObserver
    {
        private bool _struck;

        public void Progress(string mapping, string stage, long done, long? total)
        {
            if (stage == "Writing" && !_struck)
            {
                _struck = true;
                strike();
            }
        }

        public void Verbose(string message)
        {
        }

        public void Warning(string message)
        {
        }
    }
}
