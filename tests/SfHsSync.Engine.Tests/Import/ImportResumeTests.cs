using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Import;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;

namespace SfHsSync.Engine.Tests.Import;

/// <summary>Imports killed, stopped and resumed, and what Start-Sync finds after an import.</summary>
public sealed class ImportResumeTests
{
    private const string HsType = ImportBench.HsType;

    /// <summary>A dead runner's lease lapses after a second, so the next attempt need not wait long for it.</summary>
    private static readonly ImportOptions Resumable = new()
    {
        BulkThreshold = 500,
        Sync = new SyncOptions { LeaseTimeToLive = TimeSpan.FromSeconds(1), LeaseTimeout = TimeSpan.FromSeconds(30) },
    };

    [Fact]
    public async Task An_import_killed_at_several_points_ends_with_the_same_HubSpot_records_and_result_as_one_that_ran_straight_through()
    {
        await using var straight = await ImportBench.StartAsync();
        straight.SeedInvoices(1_000);
        var expected = await straight.ImportAsync(Resumable);

        await using var bench = await ImportBench.StartAsync();
        bench.SeedInvoices(1_000);
        var runtime = await bench.RuntimeAsync();

        // Killed between a batch's upserts and their commit: in the first batch, then three batches into the resumed run.
        foreach (var dieAtCommit in new[] { 2, 4 })
        {
            var killed = await Assert.ThrowsAsync<SyncException>(() => bench.Importer(Resumable, DyingStateStore.Wrap(bench.State, dieAtCommit)).RunAsync(runtime, CancellationToken.None));
            Assert.Equal("TestRunnerKilled", killed.ErrorId);
        }

        // Then killed after every batch was written and committed, in the commit that sets the watermarks.
        var run = Assert.Single(await bench.State.GetRunsAsync("Invoices", SyncRunKind.Import, 10, CancellationToken.None));
        Assert.Equal((SyncRunState.Running, 300L), (run.State, run.Counts.Read));
        var batchesLeft = (int)Math.Ceiling((run.Total!.Value - run.Counts.Read) / 100.0);
        await Assert.ThrowsAsync<SyncException>(() => bench.Importer(Resumable, DyingStateStore.Wrap(bench.State, batchesLeft + 1)).RunAsync(runtime, CancellationToken.None));
        Assert.Equal(new SyncWatermarks(null, null), await bench.State.GetWatermarksAsync("Invoices", CancellationToken.None));

        var result = await bench.Importer(Resumable).RunAsync(runtime, CancellationToken.None);

        Assert.Equal(straight.HubSpotInvoices().OrderBy(kv => kv.Key, StringComparer.Ordinal), bench.HubSpotInvoices().OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal(run.Id, result.Id);
        Assert.Single(await bench.State.GetRunsAsync("Invoices", SyncRunKind.Import, 10, CancellationToken.None));
        Assert.Equal(
            (expected.State, expected.Total, expected.Read, expected.Created, expected.Linked, expected.Updated, expected.Failed),
            (result.State, result.Total, result.Read, result.Created, result.Linked, result.Updated, result.Failed));
        Assert.Equal(await straight.State.CountLinksAsync("Invoices", CancellationToken.None), await bench.State.CountLinksAsync("Invoices", CancellationToken.None));
        Assert.Equal(
            (await straight.State.GetErrorsAsync("Invoices", false, CancellationToken.None)).Select(e => (e.RecordId, e.ErrorCode)).Order(),
            (await bench.State.GetErrorsAsync("Invoices", false, CancellationToken.None)).Select(e => (e.RecordId, e.ErrorCode)).Order());
        var marks = await bench.State.GetWatermarksAsync("Invoices", CancellationToken.None);
        Assert.NotNull(marks.Salesforce);
        Assert.NotNull(marks.HubSpot);
    }

    [Fact]
    public async Task An_import_killed_before_its_first_commit_reads_Interrupted_once_its_lease_is_taken_over_and_the_next_one_starts_over()
    {
        await using var bench = await ImportBench.StartAsync();
        var runtime = await bench.RuntimeAsync();
        await Assert.ThrowsAsync<SyncException>(() => bench.Importer(Resumable, DyingStateStore.Wrap(bench.State, 1)).RunAsync(runtime, CancellationToken.None));

        var result = await bench.Importer(Resumable).RunAsync(runtime, CancellationToken.None);

        var runs = await bench.State.GetRunsAsync("Invoices", SyncRunKind.Import, 10, CancellationToken.None);
        Assert.Equal(2, runs.Count);
        Assert.Equal((result.Id, SyncRunState.CompletedWithErrors), (runs[0].Id, runs[0].State));
        Assert.Equal(SyncRunState.Interrupted, runs[1].State);
        Assert.Contains("stopped renewing its lease", runs[1].Error, StringComparison.Ordinal);
        Assert.Equal(40 - bench.VoidInvoices, bench.Server.HubSpot.CountRecords(HsType));
    }

    [Fact]
    public async Task Ctrl_C_stops_at_a_batch_boundary_and_Resume_finishes_the_same_import()
    {
        await using var bench = await ImportBench.StartAsync();
        bench.SeedInvoices(1_000);
        var runtime = await bench.RuntimeAsync();
        using var stop = new CancellationTokenSource();
        var observer = new ProgressLog(afterReports: 3, stop.Cancel);

        var first = await bench.Importer(observer: observer).RunAsync(runtime, stop.Token);

        var firstHundreds = bench.Server.Salesforce.Records("Invoice__c").OrderBy(r => r.Id, StringComparer.Ordinal).Take(300).ToList();
        var voidsInFirst = firstHundreds.Count(r => (string?)r["Status__c"] == "Void");
        Assert.Equal((SyncRunState.Cancelled, 300L, 300L - voidsInFirst), (first.State, first.Read, first.Created));
        Assert.Equal(firstHundreds[^1].Id, first.LastSalesforceId);
        Assert.Equal(300 - voidsInFirst, bench.Server.HubSpot.CountRecords(HsType));
        Assert.Equal(new long[] { 100, 200, 300 }, observer.Done);
        Assert.All(observer.Totals, total => Assert.Equal(1_040, total));
        Assert.All(observer.Stages, stage => Assert.Matches("^Importing at [0-9,]+ records/s$", stage));

        var preview = await bench.Importer(new ImportOptions { Resume = true }).PreviewAsync(runtime, CancellationToken.None);
        Assert.Equal((740L, first.Id), (preview.Records, preview.ResumesImport));

        var resumed = new ProgressLog(afterReports: int.MaxValue, () => { });
        var second = await bench.Importer(new ImportOptions { Resume = true }, observer: resumed).RunAsync(runtime, CancellationToken.None);

        var voids = bench.VoidInvoices;
        Assert.Equal(first.Id, second.Id);
        Assert.Equal((SyncRunState.CompletedWithErrors, 1_040L, 1_040L - voids, 0L, (long)voids), (second.State, second.Read, second.Created, second.Linked, second.Failed));
        Assert.Equal(1_040, resumed.Done[^1]);
        Assert.Equal(400, resumed.Done[0]);
        Assert.Equal(1_040 - voids, bench.HubSpotInvoices().Count);
    }

    [Fact]
    public async Task An_import_that_failed_because_HubSpot_went_down_is_continued_by_running_it_again()
    {
        await using var bench = await ImportBench.StartAsync();
        bench.SeedInvoices(460);
        var runtime = await bench.RuntimeAsync();
        var outage = new ProgressLog(afterReports: 2, () => bench.Server.HubSpot.Options.BadGatewayShare = 1);

        var down = await Assert.ThrowsAsync<SyncException>(() => bench.Importer(observer: outage).RunAsync(runtime, CancellationToken.None));

        Assert.Equal("HubSpotServiceUnavailable", down.ErrorId);
        var failed = Assert.Single(await bench.State.GetRunsAsync("Invoices", SyncRunKind.Import, 10, CancellationToken.None));
        Assert.Equal((SyncRunState.Failed, 200L), (failed.State, failed.Counts.Read));
        Assert.Contains("HubSpot", failed.Error, StringComparison.Ordinal);

        bench.Server.HubSpot.Options.BadGatewayShare = 0;
        var voids = bench.VoidInvoices;
        var result = await bench.Importer().RunAsync(runtime, CancellationToken.None);

        Assert.Equal(failed.Id, result.Id);
        Assert.Equal((SyncRunState.CompletedWithErrors, 500L, 500L - voids, 0L, (long)voids), (result.State, result.Read, result.Created, result.Linked, result.Failed));
        Assert.Equal(500 - voids, bench.HubSpotInvoices().Count);
        Assert.StartsWith($"{voids} record(s) failed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_an_import_Start_Sync_writes_no_echo_and_carries_changes_made_during_the_import_both_ways()
    {
        await using var bench = await ImportBench.StartAsync();
        var seeded = bench.SeedInvoices(460);
        var runtime = await bench.RuntimeAsync();
        var changedInSalesforce = seeded[0];
        var changedInHubSpot = seeded[1];
        var observer = new ProgressLog(afterReports: 2, () =>
        {
            // Both were imported in the first batch; the import reads neither again.
            bench.Server.Salesforce.Update("Invoice__c", changedInSalesforce, new Dictionary<string, object?> { ["Amount__c"] = 999.99m });
            var hsId = bench.Server.HubSpot.FindRecordByUniqueValue(HsType, "salesforce_id", changedInHubSpot)!.Id;
            bench.Server.HubSpot.UpdateRecord(HsType, hsId, new Dictionary<string, string> { ["billing_email"] = "during@import.example" });
        });

        var result = await bench.Importer(observer: observer).RunAsync(runtime, CancellationToken.None);
        var marks = await bench.State.GetWatermarksAsync("Invoices", CancellationToken.None);
        Assert.True(marks.HubSpot <= result.StartedAt);

        // The records were stamped moments before the import: Start-Sync's reads begin the commit lag before the org's
        // time, so a record stamped before the import began but committed after it read is not missed.
        Assert.NotNull(marks.Salesforce);
        Assert.True(marks.Salesforce <= result.StartedAt - new SyncOptions().SalesforceCommitLag + TimeSpan.FromSeconds(2), $"{marks.Salesforce:O} against an import started {result.StartedAt:O}");
        bench.ResetLogs();

        var pass = await bench.SyncAsync();

        Assert.Equal((0L, 0L, 1L, 1L), (pass.CreatedInHubSpot, pass.CreatedInSalesforce, pass.UpdatedInHubSpot, pass.UpdatedInSalesforce));
        Assert.Equal("999.99", bench.Server.HubSpot.FindRecordByUniqueValue(HsType, "salesforce_id", changedInSalesforce)!.Properties["amount"]);
        Assert.Equal("during@import.example", (string?)bench.Server.Salesforce.Find(changedInHubSpot)!["Billing_Email__c"]);
        Assert.Equal((0, 1), (bench.HubSpotCalls("/batch/upsert"), bench.HubSpotCalls("/batch/update")));

        bench.ResetLogs();
        var again = await bench.SyncAsync();
        Assert.Equal(0, again.CreatedInHubSpot + again.UpdatedInHubSpot + again.CreatedInSalesforce + again.UpdatedInSalesforce);
        Assert.Equal(0, bench.HubSpotCalls("/batch/upsert") + bench.HubSpotCalls("/batch/update") + bench.HubSpotCalls("/batch/create"));
    }

    [Fact]
    public void A_mapping_already_syncing_keeps_its_watermarks_and_a_new_one_starts_where_the_import_began()
    {
        var began = new ImportCursor("a01", new DateTimeOffset(2025, 5, 1, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 5, 1, 9, 59, 30, TimeSpan.Zero), null);
        var syncing = new SyncWatermarks(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 4, 2, 0, 0, 0, TimeSpan.Zero)) { SalesforceLastId = "a00" };

        Assert.Equal(new SyncWatermarks(began.SalesforceMark, began.HubSpotMark), SalesforceImport.WatermarksAfter(new SyncWatermarks(null, null), began));
        Assert.Null(SalesforceImport.WatermarksAfter(syncing, began));
        Assert.Equal(new SyncWatermarks(null, began.HubSpotMark), SalesforceImport.WatermarksAfter(syncing with { HubSpot = null }, began));
        Assert.Equal(new SyncWatermarks(null, began.HubSpotMark), SalesforceImport.WatermarksAfter(new SyncWatermarks(null, null), began with { SalesforceMark = null }));
    }

    [Fact]
    public void The_cursor_round_trips_through_its_text_and_anything_else_is_no_cursor()
    {
        var cursor = new ImportCursor("a0B000000000123AAA", DateTimeOffset.Parse("2025-05-01T10:00:00.123Z"), DateTimeOffset.Parse("2025-05-01T09:59:30Z"), DateTimeOffset.Parse("2025-01-01T00:00:00Z"));

        Assert.Equal(cursor, ImportCursor.TryParse(cursor.ToText()));
        Assert.Equal(cursor with { LastId = null, ChangedSince = null }, ImportCursor.TryParse((cursor with { LastId = null, ChangedSince = null }).ToText()));
        Assert.Null(ImportCursor.TryParse(null));
        Assert.Null(ImportCursor.TryParse("a0B000000000123AAA"));
        Assert.Null(ImportCursor.TryParse("{ not json"));
    }

    /// <summary>Progress as the host sees it; runs <paramref name="onReport"/> at the Nth report.</summary>
    private sealed class ProgressLog(int afterReports, Action onReport) : ISyncObserver
    {
        public List<long> Done { get; } = new();

        public List<long?> Totals { get; } = new();

        public List<string> Stages { get; } = new();

        public void Progress(string mapping, string stage, long done, long? total)
        {
            Done.Add(done);
            Totals.Add(total);
            Stages.Add(stage);
            if (Done.Count == afterReports)
            {
                onReport();
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
