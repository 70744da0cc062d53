using System.Text.RegularExpressions;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Import;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;

namespace SfHsSync.Engine.Tests.Import;

/// <summary>Imports against the sandbox over HTTP, with state in SQLite: call counts, idempotence, matching, failures.</summary>
public sealed class SalesforceImportTests
{
    private const string HsType = ImportBench.HsType;

    [Fact]
    public async Task An_import_of_25000_records_costs_one_Bulk_job_and_250_HubSpot_batches_and_a_second_run_writes_nothing()
    {
        await using var bench = await ImportBench.StartAsync();
        bench.SeedInvoices(25_000 - bench.Server.Salesforce.Count("Invoice__c"));
        var voids = bench.VoidInvoices;
        var runtime = await bench.RuntimeAsync();
        bench.ResetLogs();

        var result = await bench.Importer().RunAsync(runtime, CancellationToken.None);

        Assert.Equal((25_000L, 25_000L, 25_000L - voids, 0L, 0L, (long)voids), (result.Total!.Value, result.Read, result.Created, result.Linked, result.Updated, result.Failed));
        Assert.Equal(SyncRunState.CompletedWithErrors, result.State);
        Assert.Equal(25_000 - voids, bench.Server.HubSpot.CountRecords(HsType));
        Assert.Equal(25_000 - voids, await bench.State.CountLinksAsync("Invoices", CancellationToken.None));

        // Salesforce: the count, the watermark read, then the Bulk job: create, one poll, one page of results.
        var sf = bench.Server.Salesforce.Requests.Entries;
        Assert.Equal(2, sf.Count(r => r.Method == "GET" && r.Path.EndsWith("/query", StringComparison.Ordinal)));
        Assert.Equal(1, sf.Count(r => r.Method == "POST" && r.Path.EndsWith("/jobs/query", StringComparison.Ordinal)));
        Assert.Equal(1, sf.Count(r => r.Method == "GET" && Regex.IsMatch(r.Path, "/jobs/query/[A-Za-z0-9]+$")));
        Assert.Equal(1, sf.Count(r => r.Path.EndsWith("/results", StringComparison.Ordinal)));
        Assert.Equal(5, sf.Count);
        Assert.Equal(5, result.SalesforceApiCalls);

        // HubSpot: 250 batch upserts of 100 (the 8 Void invoices never leave: their chunk still makes one call), nothing else.
        var hs = bench.Server.HubSpot.Requests;
        Assert.Equal(250, hs.Count);
        Assert.All(hs, r => Assert.EndsWith("/batch/upsert", r.Path, StringComparison.Ordinal));
        Assert.Equal(250, result.HubSpotApiCalls);

        bench.ResetLogs();
        var second = await bench.Importer().RunAsync(runtime, CancellationToken.None);

        Assert.NotEqual(result.Id, second.Id);
        Assert.Equal((25_000L, 0L, 0L, 0L, (long)voids), (second.Read, second.Created, second.Linked, second.Updated, second.Failed));
        Assert.Empty(bench.Server.HubSpot.Requests);
        Assert.Equal(5, bench.Server.Salesforce.Requests.Entries.Count);
        Assert.Equal(25_000 - voids, bench.Server.HubSpot.CountRecords(HsType));
    }

    [Fact]
    public async Task A_small_object_is_read_with_REST_and_the_preview_costs_one_count_query_and_writes_nothing()
    {
        await using var bench = await ImportBench.StartAsync();
        var runtime = await bench.RuntimeAsync();
        bench.ResetLogs();

        var preview = await bench.Importer().PreviewAsync(runtime, CancellationToken.None);

        Assert.Equal((40L, ImportReadMethod.Rest, (long?)null), (preview.Records, preview.Method, preview.ResumesImport));
        var count = Assert.Single(bench.Server.Salesforce.Requests.Entries);
        Assert.Contains("COUNT", Uri.UnescapeDataString(count.Query), StringComparison.Ordinal);
        Assert.Empty(bench.Server.HubSpot.Requests);
        Assert.Empty(await bench.State.GetRunsAsync("Invoices", null, 10, CancellationToken.None));

        bench.ResetLogs();
        var result = await bench.Importer().RunAsync(runtime, CancellationToken.None);

        var voids = bench.Server.Salesforce.Records("Invoice__c").Where(r => (string?)r["Status__c"] == "Void").Select(r => r.Id).ToHashSet();
        Assert.Equal((40L - voids.Count, (long)voids.Count), (result.Created, result.Failed));
        Assert.Equal(3, bench.Server.Salesforce.Requests.Entries.Count);
        Assert.DoesNotContain(bench.Server.Salesforce.Requests.Entries, r => r.Path.Contains("/jobs/", StringComparison.Ordinal));
        Assert.Equal(1, bench.HubSpotCalls("/batch/upsert"));
        var errors = await bench.State.GetErrorsAsync("Invoices", false, CancellationToken.None);
        Assert.Equal(voids, errors.Select(e => e.RecordId).ToHashSet());
        Assert.All(errors, e => Assert.Equal(("INVALID_OPTION", SyncSide.HubSpot), (e.ErrorCode, e.Side)));

        var run = Assert.Single(await bench.State.GetRunsAsync("Invoices", SyncRunKind.Import, 10, CancellationToken.None));
        Assert.Equal(result, SyncImportResult.From(run));
    }

    [Fact]
    public async Task ChangedSince_imports_only_the_records_changed_since_then()
    {
        await using var bench = await ImportBench.StartAsync();
        var runtime = await bench.RuntimeAsync();
        bench.Server.Salesforce.Clock.Advance(TimeSpan.FromMinutes(2));
        var since = DateTimeOffset.UtcNow.AddMinutes(1);
        var recent = bench.SeedInvoices(150);

        var preview = await bench.Importer(new ImportOptions { ChangedSince = since }).PreviewAsync(runtime, CancellationToken.None);
        var result = await bench.Importer(new ImportOptions { ChangedSince = since }).RunAsync(runtime, CancellationToken.None);

        Assert.Equal(150, preview.Records);
        Assert.Equal((150L, 150L, 150L, 0L), (result.Total!.Value, result.Read, result.Created, result.Failed));
        Assert.Equal(recent.ToHashSet(), bench.Server.HubSpot.Records(HsType).Select(r => r.Properties["salesforce_id"]).ToHashSet());
    }

    [Fact]
    public async Task MatchOn_links_HubSpot_records_that_already_exist_instead_of_duplicating_them()
    {
        await using var bench = await ImportBench.StartAsync();
        var valid = bench.Server.Salesforce.Records("Invoice__c").Where(r => (string?)r["Status__c"] != "Void").OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var (a, b, c, d) = (valid[0], valid[1], valid[2], valid[3]);
        var hs = bench.Server.HubSpot;
        var hsA = hs.CreateRecord(HsType, new Dictionary<string, string> { ["invoice_number"] = (string)a["Name"]!, ["amount"] = "1" });
        var hsB = hs.CreateRecord(HsType, new Dictionary<string, string> { ["invoice_number"] = ((string)b["Name"]!).ToLowerInvariant() });
        var hsC1 = hs.CreateRecord(HsType, new Dictionary<string, string> { ["invoice_number"] = (string)c["Name"]! });
        var hsC2 = hs.CreateRecord(HsType, new Dictionary<string, string> { ["invoice_number"] = (string)c["Name"]! });
        var hsD = hs.CreateRecord(HsType, new Dictionary<string, string> { ["invoice_number"] = "renamed in HubSpot", ["salesforce_id"] = d.Id });
        hs.CreateRecord(HsType, new Dictionary<string, string> { ["invoice_number"] = "INV-ONLY-IN-HUBSPOT" });
        var runtime = await bench.RuntimeAsync();
        bench.ResetLogs();

        var result = await bench.Importer(new ImportOptions { MatchOn = "invoice_number" }).RunAsync(runtime, CancellationToken.None);

        // A and B matched on invoice_number (case aside), D found by the Salesforce Id it carries; C is ambiguous.
        Assert.Equal(3, result.Linked);
        Assert.Equal(2, result.Updated);
        Assert.Equal(valid.Count - 4, result.Created);
        Assert.Equal(40 - valid.Count + 1, result.Failed);
        Assert.Equal((a.Id, (string?)a["Name"]), (hs.FindRecord(HsType, hsA)!.Properties["salesforce_id"], hs.FindRecord(HsType, hsA)!.Properties["invoice_number"]));
        Assert.Equal(b.Id, hs.FindRecord(HsType, hsB)!.Properties["salesforce_id"]);
        Assert.Equal((string?)d["Name"], hs.FindRecord(HsType, hsD)!.Properties["invoice_number"]);
        Assert.Single(hs.Records(HsType), r => r.Properties.GetValueOrDefault("invoice_number") == (string)a["Name"]!);
        Assert.All(new[] { hsC1, hsC2 }, id => Assert.False(hs.FindRecord(HsType, id)!.Properties.ContainsKey("salesforce_id")));
        Assert.Equal(valid.Count - 1 + 3, hs.CountRecords(HsType));

        var links = await bench.State.GetLinksBySalesforceIdAsync("Invoices", new[] { a.Id, b.Id, d.Id }, CancellationToken.None);
        Assert.Equal((hsA, hsB, hsD), (links[a.Id].HubSpotId, links[b.Id].HubSpotId, links[d.Id].HubSpotId));
        var ambiguous = Assert.Single(await bench.State.GetErrorsAsync("Invoices", false, CancellationToken.None), e => e.RecordId == c.Id);
        Assert.Equal("MATCH_AMBIGUOUS", ambiguous.ErrorCode);
        Assert.Contains(hsC1, ambiguous.Message, StringComparison.Ordinal);
        Assert.Contains(hsC2, ambiguous.Message, StringComparison.Ordinal);

        // One list read for the matches, one upsert for the new records, one update that links A and B.
        Assert.Equal(3, hs.Requests.Count);
        Assert.Equal((1, 1, 1), (hs.Requests.Count(r => r.Method == "GET"), bench.HubSpotCalls("/batch/upsert"), bench.HubSpotCalls("/batch/update")));
    }

    [Fact]
    public async Task A_record_HubSpot_refuses_is_kept_with_HubSpots_reason_and_the_others_import()
    {
        await using var bench = await ImportBench.StartWithLongNotesAsync();
        var ids = bench.Server.Salesforce.InsertMany("Invoice__c", new IReadOnlyDictionary<string, object?>[]
        {
            new Dictionary<string, object?> { ["Name"] = "INV-LONG-1", ["Status__c"] = "Sent", ["Notes__c"] = new string('n', 70_000) },
            new Dictionary<string, object?> { ["Name"] = "INV-LONG-2", ["Status__c"] = "Sent", ["Notes__c"] = "short" },
        });
        var voids = bench.VoidInvoices;

        var result = await bench.ImportAsync(mapping: ImportBench.Invoices(withNotes: true));

        Assert.Equal(SyncRunState.CompletedWithErrors, result.State);
        Assert.Equal((42L - voids - 1, (long)voids + 1), (result.Created, result.Failed));
        var refused = Assert.Single(await bench.State.GetErrorsAsync("Invoices", false, CancellationToken.None), e => e.RecordId == ids[0]);
        Assert.Equal(("STRING_TOO_LONG", SyncSide.HubSpot), (refused.ErrorCode, refused.Side));
        Assert.Contains("notes is longer than 65536 characters", refused.Message, StringComparison.Ordinal);
        Assert.Null(bench.Server.HubSpot.FindRecordByUniqueValue(HsType, "salesforce_id", ids[0]));
        Assert.Equal("short", bench.Server.HubSpot.FindRecordByUniqueValue(HsType, "salesforce_id", ids[1])!.Properties["notes"]);
        Assert.Equal(1, bench.HubSpotCalls("/batch/upsert"));
    }

    [Fact]
    public async Task A_mapping_without_a_Salesforce_Id_property_or_with_an_unknown_match_field_is_refused_before_any_call()
    {
        await using var bench = await ImportBench.StartAsync();
        var noKey = new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices").AddField("Name", "invoice_number");
        var noKeyRuntime = await bench.RuntimeAsync(noKey);
        var runtime = await bench.RuntimeAsync();
        bench.ResetLogs();

        var missing = await Assert.ThrowsAsync<SyncException>(() => bench.Importer().RunAsync(noKeyRuntime, CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<SyncException>(() => bench.Importer(new ImportOptions { MatchOn = "invoice_numbr" }).RunAsync(runtime, CancellationToken.None));
        var nothing = await Assert.ThrowsAsync<SyncException>(() => bench.Importer(new ImportOptions { Resume = true }).RunAsync(runtime, CancellationToken.None));

        Assert.Equal("ImportSalesforceIdPropertyMissing", missing.ErrorId);
        Assert.Contains("'Invoices'", missing.Message, StringComparison.Ordinal);
        Assert.Equal("ImportMatchPropertyNotMapped", unknown.ErrorId);
        Assert.Contains("invoice_numbr", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("Name -> invoice_number", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("ImportNothingToResume", nothing.ErrorId);
        Assert.Empty(bench.Server.HubSpot.Requests);
        Assert.Empty(bench.Server.Salesforce.Requests.Entries);
        Assert.Empty(await bench.State.GetRunsAsync("Invoices", null, 10, CancellationToken.None));
        Assert.Equal("ImportChangedSinceInvalid", Assert.Throws<SyncException>(() => bench.Importer(new ImportOptions { ChangedSince = DateTimeOffset.UtcNow.AddDays(1) })).ErrorId);
    }
}
