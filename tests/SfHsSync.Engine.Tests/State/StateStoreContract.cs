using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Tests.State;

/// <summary>
/// What every IStateStore must do, whatever it is built on. Each implementation's test class derives from this and
/// says how to open a fresh, empty store.
/// </summary>
public abstract class StateStoreContract
{
    /// <summary>A fresh, empty store; <paramref name="name"/> keeps stores of one test apart.</summary>
    protected abstract Task<IStateStore> OpenFreshAsync(string name);

    /// <summary>The same store opened again, as a second runner or a later run would.</summary>
    protected abstract Task<IStateStore> ReopenAsync(string name);

    private static readonly CancellationToken None = CancellationToken.None;

    private static RecordLink Link(string sf, string hs, params (string Field, string? Value)[] values)
        => new(sf, hs, values.ToDictionary(v => v.Field, v => v.Value));

    [Fact]
    public async Task A_fresh_store_is_migrated_to_the_latest_schema_and_empty()
    {
        await using var store = await OpenFreshAsync("fresh");
        Assert.True(store.SchemaVersion >= 1);
        Assert.Equal(0, await store.CountLinksAsync("Invoices", None));
        Assert.Equal(new SyncWatermarks(null, null), await store.GetWatermarksAsync("Invoices", None));
        Assert.Empty(await store.GetRunsAsync(null, null, 10, None));
        Assert.Empty(await store.GetErrorsAsync(null, includeResolved: true, None));
    }

    [Fact]
    public async Task Links_are_found_by_either_id_and_their_values_merge_field_by_field()
    {
        await using var store = await OpenFreshAsync("links");
        await store.CommitAsync(new StateChange
        {
            Mapping = "Invoices",
            Links = new[] { Link("a01", "101", ("Name", "INV-1"), ("Amount__c", "10.5")), Link("a02", "102", ("Name", null)) },
        }, None);
        await store.CommitAsync(new StateChange { Mapping = "Invoices", Links = new[] { Link("a01", "101", ("Amount__c", "11")) } }, None);

        var bySf = await store.GetLinksBySalesforceIdAsync("Invoices", new[] { "a01", "a02", "a99" }, None);
        Assert.Equal(2, bySf.Count);
        Assert.Equal("INV-1", bySf["a01"].Values["Name"]);
        Assert.Equal("11", bySf["a01"].Values["Amount__c"]);
        Assert.True(bySf["a02"].Values.ContainsKey("Name"));
        Assert.Null(bySf["a02"].Values["Name"]);

        var byHs = await store.GetLinksByHubSpotIdAsync("Invoices", new[] { "102" }, None);
        Assert.Equal("a02", byHs["102"].SalesforceId);

        // Mappings are kept apart.
        Assert.Empty(await store.GetLinksBySalesforceIdAsync("Other", new[] { "a01" }, None));
    }

    [Fact]
    public async Task A_batch_that_would_link_one_HubSpot_record_twice_commits_nothing()
    {
        await using var store = await OpenFreshAsync("conflict");
        await store.CommitAsync(new StateChange { Mapping = "M", Links = new[] { Link("a01", "101") } }, None);
        var run = await store.StartRunAsync("M", SyncRunKind.Sync, null, null, None);

        var ex = await Assert.ThrowsAsync<SyncException>(() => store.CommitAsync(new StateChange
        {
            Mapping = "M",
            RunId = run.Id,
            CountsDelta = new SyncRunCounts { CreatedInHubSpot = 2 },
            Links = new[] { Link("a02", "102"), Link("a03", "101") },
            Watermarks = new SyncWatermarks(DateTimeOffset.UtcNow, null),
        }, None));
        Assert.Equal("SyncStateLinkConflict", ex.ErrorId);

        Assert.Equal(1, await store.CountLinksAsync("M", None));
        Assert.Equal(new SyncWatermarks(null, null), await store.GetWatermarksAsync("M", None));
        Assert.Equal(0, (await store.GetRunAsync(run.Id, None))!.Counts.CreatedInHubSpot);
    }

    [Fact]
    public async Task Removed_links_and_forgotten_fields_are_gone()
    {
        await using var store = await OpenFreshAsync("remove");
        await store.CommitAsync(new StateChange
        {
            Mapping = "M",
            Links = new[] { Link("a01", "101", ("Name", "x"), ("Paid__c", "true")), Link("a02", "102", ("Name", "y")) },
        }, None);
        await store.CommitAsync(new StateChange { Mapping = "M", RemovedLinks = new[] { "a02" } }, None);
        Assert.Equal(1, await store.CountLinksAsync("M", None));

        Assert.Equal(1, await store.ForgetFieldAsync("M", "Paid__c", None));
        var link = (await store.GetLinksBySalesforceIdAsync("M", new[] { "a01" }, None))["a01"];
        Assert.False(link.Values.ContainsKey("Paid__c"));
        Assert.Equal("x", link.Values["Name"]);
    }

    [Fact]
    public async Task A_held_back_Salesforce_watermark_keeps_the_records_it_has_seen_and_a_later_one_replaces_them()
    {
        var mark = new DateTimeOffset(2026, 3, 1, 10, 13, 30, 0, TimeSpan.Zero);
        await using (var store = await OpenFreshAsync("seen"))
        {
            var run = await store.StartRunAsync("M", SyncRunKind.Sync, null, "host/1", None);
            var seen = new Dictionary<string, string> { ["a0X000000000001AAA"] = "1772360010123.0A1B2C3D4E5F6071", ["a0X000000000002AAA"] = "1772360011000.FFEE000011223344" };
            await store.CommitAsync(new StateChange { Mapping = "M", RunId = run.Id, Watermarks = new SyncWatermarks(mark, null) { SalesforceSeen = seen } }, None);
        }

        await using (var again = await ReopenAsync("seen"))
        {
            var marks = await again.GetWatermarksAsync("M", None);
            Assert.Equal(mark, marks.Salesforce);
            Assert.Null(marks.SalesforceLastId);
            Assert.Equal(new Dictionary<string, string> { ["a0X000000000001AAA"] = "1772360010123.0A1B2C3D4E5F6071", ["a0X000000000002AAA"] = "1772360011000.FFEE000011223344" }, marks.SalesforceSeen);

            // A watermark that continues after a record (stamps trusted) has no seen records left over.
            var run = await again.StartRunAsync("M", SyncRunKind.Sync, null, "host/1", None);
            await again.CommitAsync(new StateChange { Mapping = "M", RunId = run.Id, Watermarks = new SyncWatermarks(mark.AddMinutes(5), null) { SalesforceLastId = "a0X000000000003AAA" } }, None);
            var later = await again.GetWatermarksAsync("M", None);
            Assert.Equal(("a0X000000000003AAA", 0), (later.SalesforceLastId, later.SalesforceSeen.Count));
        }
    }

    [Fact]
    public async Task A_runs_API_yardsticks_survive_a_reopen_are_replaced_whole_and_go_with_the_mapping()
    {
        long runId;
        await using (var store = await OpenFreshAsync("api-use"))
        {
            var run = await store.StartRunAsync("M", SyncRunKind.Sync, null, null, None);
            runId = run.Id;
            await store.RecordApiUseAsync(new RunApiUse { RunId = run.Id, Mapping = "M", SalesforceMinimumCalls = 9, HubSpotMinimumCalls = 9 }, None);
            await store.RecordApiUseAsync(new RunApiUse
            {
                RunId = run.Id, Mapping = "M", SalesforceMinimumCalls = 4, HubSpotMinimumCalls = 7,
                SalesforceDailyUsed = 1234, SalesforceDailyMax = 100_000, HubSpotRateLimit = 190, HubSpotRateInterval = TimeSpan.FromSeconds(10),
            }, None);
            var other = await store.StartRunAsync("Other", SyncRunKind.Import, 5, null, None);
            await store.RecordApiUseAsync(new RunApiUse { RunId = other.Id, Mapping = "Other", SalesforceMinimumCalls = 3, HubSpotMinimumCalls = 1 }, None);
        }

        await using (var store = await ReopenAsync("api-use"))
        {
            var use = Assert.Single(await store.GetApiUseAsync("M", None)).Value;
            Assert.Equal(new RunApiUse
            {
                RunId = runId, Mapping = "M", SalesforceMinimumCalls = 4, HubSpotMinimumCalls = 7,
                SalesforceDailyUsed = 1234, SalesforceDailyMax = 100_000, HubSpotRateLimit = 190, HubSpotRateInterval = TimeSpan.FromSeconds(10),
            }, use);
            Assert.Equal(2, (await store.GetApiUseAsync(null, None)).Count);
            var bare = Assert.Single(await store.GetApiUseAsync("Other", None)).Value;
            Assert.Null(bare.SalesforceDailyMax);
            Assert.Null(bare.HubSpotRateInterval);

            await store.ClearMappingAsync("M", None);
            Assert.Empty(await store.GetApiUseAsync("M", None));
            Assert.Single(await store.GetApiUseAsync(null, None));
        }
    }

    [Fact]
    public async Task A_runs_retries_by_kind_add_up_survive_a_reopen_and_go_with_the_mapping()
    {
        long runId;
        await using (var store = await OpenFreshAsync("retries"))
        {
            var run = await store.StartRunAsync("M", SyncRunKind.Import, 10, null, None);
            runId = run.Id;
            Assert.Equal(0, run.Retries.Total);
            await store.RecordRetriesAsync(run.Id, "M", SyncRunRetries.FromRows([("HubSpot", "RateLimit", 2), ("Salesforce", "RowLock", 1)]), None);

            // A continued import adds what its own process counted.
            await store.RecordRetriesAsync(run.Id, "M", SyncRunRetries.FromRows([("HubSpot", "RateLimit", 1), ("State", "StateBusy", 4)]), None);
            await store.RecordRetriesAsync(run.Id, "M", SyncRunRetries.None, None);
            var other = await store.StartRunAsync("Other", SyncRunKind.Sync, null, null, None);
            await store.RecordRetriesAsync(other.Id, "Other", SyncRunRetries.FromRows([("HubSpot", "Timeout", 1)]), None);
        }

        await using (var store = await ReopenAsync("retries"))
        {
            var run = Assert.Single(await store.GetRunsAsync("M", null, 10, None));
            Assert.Equal(SyncRunRetries.FromRows([("HubSpot", "RateLimit", 3), ("Salesforce", "RowLock", 1), ("State", "StateBusy", 4)]), run.Retries);
            Assert.Equal(3, run.Retries.HubSpot["RateLimit"]);
            Assert.Equal(8, run.Retries.Total);
            Assert.Equal("Salesforce RowLock 1; HubSpot RateLimit 3; State StateBusy 4", run.Retries.ToString());
            Assert.Equal(run.Retries, (await store.GetRunAsync(runId, None))!.Retries);
            Assert.Equal(3, (await store.CountAsync("M", None)).RunRetries);

            await store.ClearMappingAsync("M", None);
            Assert.Equal(0, (await store.CountAsync("M", None)).RunRetries);
            Assert.Equal(1, Assert.Single(await store.GetRunsAsync("Other", null, 10, None)).Retries.HubSpot["Timeout"]);
        }
    }

    [Fact]
    public async Task Watermarks_runs_errors_and_conflicts_survive_a_reopen()
    {
        var sfMark = new DateTimeOffset(2026, 3, 1, 10, 15, 30, 123, TimeSpan.Zero);
        var hsMark = new DateTimeOffset(2026, 3, 1, 10, 15, 31, 0, TimeSpan.FromHours(2));
        long runId;
        await using (var store = await OpenFreshAsync("reopen"))
        {
            var run = await store.StartRunAsync("M", SyncRunKind.Import, total: 40, runner: "host/123", None);
            runId = run.Id;
            await store.CommitAsync(new StateChange
            {
                Mapping = "M",
                RunId = run.Id,
                CountsDelta = new SyncRunCounts { CreatedInHubSpot = 39, Failed = 1, HubSpotApiCalls = 1 },
                Cursor = "a39",
                Links = new[] { Link("a01", "101") },
                Errors = new[]
                {
                    new RecordError { Mapping = "M", Side = SyncSide.HubSpot, RecordId = "a40", Operation = "Create", ErrorCode = "INVALID_OPTION", Message = "Void is not an option of status" },
                },
                Conflicts = new[]
                {
                    new ConflictRecord { Mapping = "M", SalesforceId = "a01", HubSpotId = "101", Field = "Amount__c", SalesforceValue = "10", HubSpotValue = "12", Winner = SyncSide.Salesforce },
                },
                Watermarks = new SyncWatermarks(sfMark, hsMark) { SalesforceLastId = "a0X000000000123AAA" },
            }, None);
            await store.FinishRunAsync(run.Id, SyncRunState.CompletedWithErrors, null, None);
        }

        await using (var again = await ReopenAsync("reopen"))
        {
            var marks = await again.GetWatermarksAsync("M", None);
            Assert.Equal(sfMark, marks.Salesforce);
            Assert.Equal(hsMark, marks.HubSpot);
            Assert.Equal("a0X000000000123AAA", marks.SalesforceLastId);

            var run = Assert.Single(await again.GetRunsAsync("M", SyncRunKind.Import, 10, None));
            Assert.Equal(runId, run.Id);
            Assert.Equal(SyncRunState.CompletedWithErrors, run.State);
            Assert.Equal(40, run.Total);
            Assert.Equal(39, run.Counts.CreatedInHubSpot);
            Assert.Equal(1, run.Counts.Failed);
            Assert.Equal("a39", run.Cursor);
            Assert.Equal("host/123", run.Runner);
            Assert.NotNull(run.FinishedAt);
            Assert.Empty(await again.GetRunsAsync("M", SyncRunKind.Sync, 10, None));

            var error = Assert.Single(await again.GetErrorsAsync("M", false, None));
            Assert.Equal("a40", error.RecordId);
            Assert.Equal("INVALID_OPTION", error.ErrorCode);
            Assert.Equal(runId, error.RunId);

            var conflict = Assert.Single(await again.GetConflictsAsync("M", 10, None));
            Assert.Equal(("10", "12", SyncSide.Salesforce), (conflict.SalesforceValue, conflict.HubSpotValue, conflict.Winner));
        }
    }

    [Fact]
    public async Task A_record_error_counts_its_attempts_until_it_is_resolved()
    {
        await using var store = await OpenFreshAsync("errors");
        RecordError Error(string message) => new() { Mapping = "M", Side = SyncSide.Salesforce, RecordId = "101", Operation = "Update", ErrorCode = "STRING_TOO_LONG", Message = message };

        await store.CommitAsync(new StateChange { Mapping = "M", Errors = new[] { Error("first") } }, None);
        await store.CommitAsync(new StateChange { Mapping = "M", Errors = new[] { Error("second") } }, None);
        var pending = Assert.Single(await store.GetErrorsAsync("M", false, None));
        Assert.Equal(2, pending.Attempts);
        Assert.Equal("second", pending.Message);

        await store.CommitAsync(new StateChange { Mapping = "M", ResolvedErrors = new[] { (SyncSide.Salesforce, "101") } }, None);
        Assert.Empty(await store.GetErrorsAsync("M", false, None));
        var resolved = Assert.Single(await store.GetErrorsAsync("M", true, None));
        Assert.NotNull(resolved.ResolvedAt);

        // Failing again after a resolution starts a new count.
        await store.CommitAsync(new StateChange { Mapping = "M", Errors = new[] { Error("third") } }, None);
        Assert.Equal(1, Assert.Single(await store.GetErrorsAsync("M", false, None)).Attempts);
    }

    [Fact]
    public async Task Reading_every_link_streams_them_all_in_order()
    {
        await using var store = await OpenFreshAsync("stream");
        var links = Enumerable.Range(0, 2503).Select(i => Link($"a{i:D6}", $"{100000 + i}", ("Name", $"INV-{i}"))).ToArray();
        foreach (var chunk in links.Chunk(500))
        {
            await store.CommitAsync(new StateChange { Mapping = "M", Links = chunk }, None);
        }

        var read = new List<RecordLink>();
        await foreach (var link in store.ReadLinksAsync("M", None))
        {
            read.Add(link);
        }

        Assert.Equal(links.Select(l => l.SalesforceId), read.Select(l => l.SalesforceId));
        Assert.Equal(links[2502], read[2502]);
        Assert.Equal(2503, await store.CountLinksAsync("M", None));
    }

    [Fact]
    public async Task Committing_to_a_run_that_does_not_exist_is_refused_and_changes_nothing()
    {
        await using var store = await OpenFreshAsync("norun");
        var ex = await Assert.ThrowsAsync<SyncException>(() => store.CommitAsync(new StateChange { Mapping = "M", RunId = 999, Links = new[] { Link("a01", "101") } }, None));
        Assert.Equal("SyncRunNotFound", ex.ErrorId);
        Assert.Equal(0, await store.CountLinksAsync("M", None));
    }

    [Fact]
    public async Task Mapping_settings_keep_a_recorded_status_and_the_field_pairs_each_on_its_own()
    {
        await using var store = await OpenFreshAsync("settings");
        var none = await store.GetMappingSettingsAsync("Invoices", None);
        Assert.Equal(("Invoices", (MappingStatus?)null, (DateTimeOffset?)null), (none.Mapping, none.Status, none.StatusChangedAt));
        Assert.Null(none.FieldPairs);

        var at = new DateTimeOffset(2026, 3, 1, 8, 30, 15, 123, TimeSpan.Zero);
        var paused = await store.SetMappingStatusAsync("Invoices", MappingStatus.SavedForLater, at, None);
        Assert.Equal((MappingStatus.SavedForLater, at), (paused.Status, paused.StatusChangedAt));
        FieldPair[] pairs = [new("Name", "invoice_number", SyncDirection.TwoWay), new("Amount__c", "amount", SyncDirection.SalesforceToHubSpot)];
        await store.SetFieldPairsAsync("Invoices", pairs, None);

        await using var again = await ReopenAsync("settings");
        var read = await again.GetMappingSettingsAsync("Invoices", None);
        Assert.Equal((MappingStatus.SavedForLater, at), (read.Status, read.StatusChangedAt));
        Assert.Equal(pairs, read.FieldPairs);

        // Clearing the status keeps the pairs; new pairs keep the status; other mappings hold nothing.
        await again.SetMappingStatusAsync("Invoices", null, at.AddHours(1), None);
        await again.SetFieldPairsAsync("Invoices", pairs[..1], None);
        read = await again.GetMappingSettingsAsync("Invoices", None);
        Assert.Null(read.Status);
        Assert.Equal(at.AddHours(1), read.StatusChangedAt);
        Assert.Equal(pairs[..1], read.FieldPairs);
        await again.SetMappingStatusAsync("Invoices", MappingStatus.Active, at, None);
        Assert.Equal(MappingStatus.Active, (await again.GetMappingSettingsAsync("Invoices", None)).Status);
        Assert.Null((await again.GetMappingSettingsAsync("Other", None)).Status);
        Assert.Equal("MappingStatusInvalid", (await Assert.ThrowsAsync<SyncException>(() => again.SetMappingStatusAsync("Invoices", (MappingStatus)9, at, None))).ErrorId);
    }

    [Fact]
    public async Task Mapping_settings_are_counted_copied_and_cleared_with_the_mapping()
    {
        await using var from = await OpenFreshAsync("settings-from");
        await using var to = await OpenFreshAsync("settings-to");
        var at = new DateTimeOffset(2026, 4, 2, 9, 0, 0, TimeSpan.Zero);
        FieldPair[] pairs = [new("Name", "invoice_number", SyncDirection.TwoWay)];
        await from.SetMappingStatusAsync("Paused", MappingStatus.SavedForLater, at, None);
        await from.SetFieldPairsAsync("Paused", pairs, None);
        Assert.Contains("Paused", await from.GetMappingsAsync(None));
        Assert.True((await from.CountAsync("Paused", None)).HasSettings);
        Assert.False((await from.CountAsync("Other", None)).HasSettings);

        var result = Assert.Single(await StateCopier.CopyAsync(from, to, ["Paused"], replace: false, None));
        Assert.True(result.Verified);
        Assert.True(result.Target.HasSettings);
        var copied = await to.GetMappingSettingsAsync("Paused", None);
        Assert.Equal((MappingStatus.SavedForLater, at), (copied.Status, copied.StatusChangedAt));
        Assert.Equal(pairs, copied.FieldPairs);

        await to.ClearMappingAsync("Paused", None);
        var cleared = await to.GetMappingSettingsAsync("Paused", None);
        Assert.Equal(((MappingStatus?)null, (IReadOnlyList<FieldPair>?)null), (cleared.Status, cleared.FieldPairs));
        Assert.False((await to.CountAsync("Paused", None)).HasSettings);
    }

    [Fact]
    public async Task A_copy_to_another_store_carries_links_watermarks_and_history_and_is_verified()
    {
        await using var from = await OpenFreshAsync("copy-from");
        await using var to = await OpenFreshAsync("copy-to");
        var run = await from.StartRunAsync("M", SyncRunKind.Sync, null, "laptop", None);
        await from.SetRunApiVersionsAsync(run.Id, "Salesforce v68.0, HubSpot 2026-09", None);
        await from.CommitAsync(new StateChange
        {
            Mapping = "M",
            RunId = run.Id,
            CountsDelta = new SyncRunCounts { CreatedInHubSpot = 2 },
            Links = Enumerable.Range(0, 1500).Select(i => Link($"a{i:D5}", $"{i}", ("Name", $"n{i}"))).ToArray(),
            Errors = new[] { new RecordError { Mapping = "M", Side = SyncSide.HubSpot, RecordId = "a99999", Operation = "Create", ErrorCode = "X", Message = "m" } },
            Conflicts = new[] { new ConflictRecord { Mapping = "M", SalesforceId = "a00001", Field = "Name", Winner = SyncSide.HubSpot } },
            Watermarks = new SyncWatermarks(DateTimeOffset.UnixEpoch.AddDays(1), null) { SalesforceLastId = "a00001" },
        }, None);
        var retries = SyncRunRetries.FromRows([("HubSpot", "RateLimit", 3), ("Salesforce", "RowLock", 2), ("State", "StateBusy", 1)]);
        await from.RecordRetriesAsync(run.Id, "M", retries, None);
        var use = new RunApiUse { RunId = run.Id, Mapping = "M", SalesforceMinimumCalls = 4, HubSpotMinimumCalls = 7, SalesforceDailyMax = 100_000 };
        await from.RecordApiUseAsync(use, None);
        await from.FinishRunAsync(run.Id, SyncRunState.CompletedWithErrors, "1 failed", None);

        var result = Assert.Single(await StateCopier.CopyAsync(from, to, null, replace: false, None));
        Assert.True(result.Verified);
        Assert.Equal(new StateCounts(1500, 1, 1, 1, true) { RunsWithApiUse = 1, RunRetries = 3 }, result.Target);
        Assert.Equal(await from.GetWatermarksAsync("M", None), await to.GetWatermarksAsync("M", None));
        var copiedRun = Assert.Single(await to.GetRunsAsync("M", null, 10, None));
        Assert.Equal((SyncRunState.CompletedWithErrors, 2L, "1 failed"), (copiedRun.State, copiedRun.Counts.CreatedInHubSpot, copiedRun.Error));
        Assert.Equal("Salesforce v68.0, HubSpot 2026-09", copiedRun.ApiVersions);
        Assert.Equal(copiedRun.ApiVersions, Assert.Single(await from.GetRunsAsync("M", null, 10, None)).ApiVersions);
        Assert.Equal(copiedRun.Id, Assert.Single(await to.GetErrorsAsync("M", true, None)).RunId);

        // The run's retries by kind and its API yardsticks go with it, under its new id.
        Assert.Equal(retries, copiedRun.Retries);
        Assert.Equal(use with { RunId = copiedRun.Id }, Assert.Single(await to.GetApiUseAsync("M", None)).Value);

        var ex = await Assert.ThrowsAsync<SyncException>(() => StateCopier.CopyAsync(from, to, null, replace: false, None));
        Assert.Equal("SyncStateCopyTargetNotEmpty", ex.ErrorId);
        Assert.True(Assert.Single(await StateCopier.CopyAsync(from, to, new[] { "M" }, replace: true, None)).Verified);
        Assert.Equal(1, (await to.CountAsync("M", None)).Runs);
    }

    private static AssociationLink Association(string sf, string field, AssociationLinkState state, string? target, string? hs = "101", string? targetHs = null, string? reason = null)
        => new(sf, field, state) { TargetSalesforceId = target, HubSpotId = hs, TargetHubSpotId = targetHs, Reason = reason };

    [Fact]
    public async Task Association_rows_are_kept_per_record_and_field_replaced_whole_and_the_pending_ones_streamed()
    {
        await using var store = await OpenFreshAsync("associations");
        await store.CommitAsync(new StateChange
        {
            Mapping = "Invoices",
            Links = new[] { Link("a01", "101"), Link("a02", "102"), Link("a03", "103") },
            AssociationLinks = new[]
            {
                Association("a01", "Account__c", AssociationLinkState.Synced, "001A", targetHs: "9001"),
                Association("a01", "Contact__c", AssociationLinkState.Waiting, "003X", reason: "waiting for the related record to sync"),
                Association("a02", "Account__c", AssociationLinkState.Failed, "001B", hs: "102", reason: "refused"),
                Association("a03", "Account__c", AssociationLinkState.Synced, null, hs: "103"),
            },
        }, None);
        await store.CommitAsync(new StateChange { Mapping = "Other", AssociationLinks = new[] { Association("a01", "Account__c", AssociationLinkState.Waiting, "001Z") } }, None);

        var rows = await store.GetAssociationLinksAsync("Invoices", new[] { "a01", "a03", "a99" }, None);
        Assert.Equal(new[] { ("a01", "Account__c"), ("a01", "Contact__c"), ("a03", "Account__c") }, rows.Select(r => (r.SalesforceId, r.Field)));
        Assert.Equal(("001A", "101", "9001", AssociationLinkState.Synced), (rows[0].TargetSalesforceId, rows[0].HubSpotId, rows[0].TargetHubSpotId, rows[0].State));
        Assert.Equal("waiting for the related record to sync", rows[1].Reason);
        Assert.Null(rows[2].TargetSalesforceId);
        Assert.NotEqual(default, rows[0].UpdatedAt);

        var pending = new List<AssociationLink>();
        await foreach (var row in store.ReadAssociationLinksAsync("Invoices", pendingOnly: true, None))
        {
            pending.Add(row);
        }

        Assert.Equal(new[] { ("a01", "Contact__c"), ("a02", "Account__c") }, pending.Select(r => (r.SalesforceId, r.Field)));

        // A commit replaces a row whole; a removed link takes its record's rows with it.
        await store.CommitAsync(new StateChange
        {
            Mapping = "Invoices",
            AssociationLinks = new[] { Association("a01", "Contact__c", AssociationLinkState.Synced, "003X", targetHs: "7") },
            RemovedLinks = new[] { "a02" },
        }, None);
        var after = await store.GetAssociationLinksAsync("Invoices", new[] { "a01", "a02" }, None);
        Assert.Equal(2, after.Count);
        Assert.Equal((AssociationLinkState.Synced, "7", null), (after[1].State, after[1].TargetHubSpotId, after[1].Reason));
        Assert.Equal(3, (await store.CountAsync("Invoices", None)).AssociationLinks);
        Assert.Equal(1, (await store.CountAsync("Other", None)).AssociationLinks);

        await store.ClearMappingAsync("Invoices", None);
        Assert.Equal(0, (await store.CountAsync("Invoices", None)).AssociationLinks);
        Assert.Single(await store.GetAssociationLinksAsync("Other", new[] { "a01" }, None));
    }

    [Fact]
    public async Task Association_rows_stream_past_a_page_and_a_copy_carries_them_verified()
    {
        await using var from = await OpenFreshAsync("assoc-copy-from");
        await using var to = await OpenFreshAsync("assoc-copy-to");
        var rows = Enumerable.Range(0, 1200)
            .SelectMany(i => new[]
            {
                Association($"a{i:D5}", "Account__c", i % 3 == 0 ? AssociationLinkState.Waiting : AssociationLinkState.Synced, $"001{i}", hs: $"{i}", reason: i % 3 == 0 ? "waiting" : null),
                Association($"a{i:D5}", "Contact__c", AssociationLinkState.Synced, null, hs: $"{i}"),
            })
            .ToArray();
        await from.CommitAsync(new StateChange { Mapping = "M", Links = Enumerable.Range(0, 1200).Select(i => Link($"a{i:D5}", $"{i}")).ToArray(), AssociationLinks = rows }, None);

        var all = new List<AssociationLink>();
        await foreach (var row in from.ReadAssociationLinksAsync("M", pendingOnly: false, None))
        {
            all.Add(row);
        }

        Assert.Equal(rows.Select(r => (r.SalesforceId, r.Field)), all.Select(r => (r.SalesforceId, r.Field)));
        var pending = 0;
        await foreach (var row in from.ReadAssociationLinksAsync("M", pendingOnly: true, None))
        {
            Assert.Equal(AssociationLinkState.Waiting, row.State);
            pending++;
        }

        Assert.Equal(400, pending);

        var result = Assert.Single(await StateCopier.CopyAsync(from, to, null, replace: false, None));
        Assert.True(result.Verified);
        Assert.Equal(2400, result.Target.AssociationLinks);
        var copied = await to.GetAssociationLinksAsync("M", new[] { "a00003" }, None);
        Assert.Equal(("0013", "waiting", AssociationLinkState.Waiting), (copied[0].TargetSalesforceId, copied[0].Reason, copied[0].State));
        Assert.Equal(all.First(r => r.SalesforceId == "a00003").UpdatedAt, copied[0].UpdatedAt);
    }
}
