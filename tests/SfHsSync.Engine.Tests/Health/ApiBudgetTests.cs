using System.Globalization;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;
using Mapping_ = SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Tests.Sync.Support;

namespace SfHsSync.Engine.Tests.Health;

/// <summary>
/// The Salesforce API budget: a run that reaches its share of the org's daily allowance stops at a batch boundary with
/// SalesforceApiBudgetExhausted, its committed batches kept and the refused batch's records listed (category ApiBudget);
/// the next run resumes and writes only what was left.
/// </summary>
public sealed class ApiBudgetTests : IAsyncLifetime
{
    private SyncWorld _world = null!;

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Reaching_the_budget_stops_between_batches_with_state_committed_and_the_next_run_resumes()
    {
        var mapping = InvoiceMappings.AllRules();
        // The Demo's Void invoices cannot go to HubSpot; as Draft, every record links and no retry muddies the counts.
        foreach (var invoice in _world.Org.Records(SyncWorld.Invoice).Where(r => (string?)r["Status__c"] == "Void"))
        {
            _world.Org.Update(SyncWorld.Invoice, invoice.Id, new Dictionary<string, object?> { ["Status__c"] = "Draft" });
        }

        var options = new SyncOptions { HubSpotSearchLag = TimeSpan.Zero, SalesforceCommitLag = TimeSpan.Zero, SalesforceBatchSize = 1 };
        await _world.PassAsync(mapping, options);
        await _world.PassAsync(mapping, options);

        // Three HubSpot records change a HubSpot-to-Salesforce field: three Salesforce writes, one a call at batch size 1.
        var links = new List<RecordLink>();
        await foreach (var link in _world.State.ReadLinksAsync(mapping.Name, CancellationToken.None))
        {
            links.Add(link);
        }

        foreach (var link in links.Take(3))
        {
            _world.Account.UpdateRecord(SyncWorld.HubSpotType, link.HubSpotId, new Dictionary<string, string> { ["paid"] = "true", ["units"] = "77" });
        }

        using var budgeted = new SalesforceClient(new SalesforceConnection(_world.Server.SalesforceUrl, SecretText.ToSecureString(_world.Org.DefaultAccessToken)),
            new SalesforceClientOptions { ApiUsageShare = 0.5, RetryDelay = TimeSpan.FromMilliseconds(50) });
        var runtime = await MappingRuntime.ResolveAsync(mapping, budgeted, _world.HubSpot, CancellationToken.None);
        var pass = new SyncPass(budgeted, _world.HubSpot, _world.State, options);

        // The preview makes the run's reads: the budget is set so they and the first write fit, and the second write does not.
        var before = _world.Org.ApiRequestsUsed;
        await foreach (var _ in pass.PreviewAsync(runtime, CancellationToken.None))
        {
        }

        var reads = _world.Org.ApiRequestsUsed - before;
        var threshold = _world.Org.Options.DailyApiRequests / 2;
        _world.Org.SetApiRequestsUsed(threshold - reads - 1);

        var stopped = await Assert.ThrowsAsync<SyncException>(() => pass.RunAsync(runtime, CancellationToken.None));
        Assert.Equal("SalesforceApiBudgetExhausted", stopped.ErrorId);
        var run = (await _world.State.GetRunsAsync(mapping.Name, null, 1, CancellationToken.None))[0];
        Assert.Equal(SyncRunState.Failed, run.State);
        Assert.Equal(1, run.Counts.UpdatedInSalesforce);
        var refused = await _world.State.GetErrorsAsync(mapping.Name, false, CancellationToken.None);
        var budgetErrors = refused.Where(e => e.Category == SyncErrorCategory.ApiBudget).ToList();
        Assert.Single(budgetErrors);
        Assert.Equal("SalesforceApiBudgetExhausted", budgetErrors[0].ErrorCode);
        Assert.Equal(1, CountUnits(77m));

        // A run with allowance to spare writes the other two, once each.
        _world.Org.SetApiRequestsUsed(0);
        _world.ResetRequestLogs();
        var resumed = await _world.PassAsync(mapping, options with { SalesforceBatchSize = 200 });
        Assert.Equal(SyncRunState.Succeeded, resumed.State);
        Assert.Equal(2, resumed.UpdatedInSalesforce);
        Assert.Equal(3, CountUnits(77m));
        Assert.Empty(await _world.State.GetErrorsAsync(mapping.Name, false, CancellationToken.None));

        // Get-SyncRun's shares: the calls the run made of the org's daily allowance.
        var last = (await _world.State.GetRunAsync(resumed.RunId, CancellationToken.None))!;
        Assert.Equal(_world.Org.Options.DailyApiRequests, last.Allowances.Salesforce);
        Assert.Equal((double)last.Counts.SalesforceApiCalls / _world.Org.Options.DailyApiRequests, last.SalesforceShareUsed);
        Assert.NotNull(last.HubSpotShareUsed);
    }

    private int CountUnits(decimal units)
        => _world.Org.Records(SyncWorld.Invoice).Count(r => r["Units__c"] is { } u && Convert.ToDecimal(u, CultureInfo.InvariantCulture) == units);
}

/// <summary>The mapping file's settings: the API budget a pipeline runs a file under without parameters.</summary>
public sealed class SyncFileSettingsTests
{
    private const string Mapping = """
        name: Invoices
        salesforceObject: Invoice__c
        hubSpotObject: p12345678_invoices
        """;

    [Fact]
    public void A_file_may_carry_a_salesforce_api_budget_beside_its_mapping()
    {
        var yaml = "formatVersion: 1\nsettings:\n  salesforceApiBudget: 25\n" + Mapping;
        Assert.Single(Mapping_.SyncMappingYamlReader.Read(yaml, "a.yml"));
        Assert.Equal(25, Mapping_.SyncMappingYamlReader.ReadSettings(yaml, "a.yml").SalesforceApiBudget);
        Assert.Null(Mapping_.SyncMappingYamlReader.ReadSettings("formatVersion: 1\n" + Mapping, "a.yml").SalesforceApiBudget);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("a quarter")]
    public void A_budget_outside_1_to_100_percent_is_refused_naming_its_line(string value)
    {
        var yaml = $"formatVersion: 1\nsettings:\n  salesforceApiBudget: {value}\n" + Mapping;
        var error = Assert.Throws<SyncException>(() => Mapping_.SyncMappingYamlReader.ReadSettings(yaml, "a.yml"));
        Assert.Equal(Mapping_.SyncMappingYamlReader.ValueInvalidErrorId, error.ErrorId);
        Assert.Contains("a.yml (line 3,", error.Message, StringComparison.Ordinal);
    }
}
