using System.Globalization;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Tests.Sync.Support;
using Xunit.Abstractions;

namespace SfHsSync.Engine.Tests.Sync;

/// <summary>
/// A sync process killed at many points of a run over a few thousand records, then run again to the end, leaves both
/// sides exactly as an uninterrupted run does, with no duplicates. The pass runs in a real child process
/// (tests/SfHsSync.SyncHost) that the test kills with SIGKILL once the sandboxes have answered N requests, so nothing in
/// the engine gets a chance to tidy up: no lease release, no final commit, a SQLite transaction cut off mid-way.
/// </summary>
public sealed class SyncCrashTests(ITestOutputHelper output)
{
    private const int KillPoints = 8;
    private static readonly TimeSpan HostTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_pass_killed_at_any_request_and_run_again_ends_as_an_uninterrupted_one_with_no_duplicates()
    {
        var mapping = InvoiceMappings.AllRules();
        var mappingFile = Path.Combine(Path.GetTempPath(), $"sfhssync-crash-{Guid.NewGuid():N}.yaml");
        SyncMappingFile.Write(mappingFile, [mapping], overwrite: true);
        try
        {
            // The uninterrupted run: the first pass (creates both ways), then a pass over a round of edits.
            EndState expectedFirst, expectedSecond;
            int firstRequests, secondRequests;
            await using (var reference = await SyncWorld.StartAsync())
            {
                SeedFirstRun(reference);
                var first = await SyncHostProcess.RunAsync(reference, mappingFile, killAfterRequests: null, HostTimeout);
                Assert.True(first.ExitCode == 0, first.Output);
                firstRequests = first.RequestsSeen;
                expectedFirst = await EndState.ReadAsync(reference, mapping.Name);
                EditForSecondRun(reference);
                var second = await SyncHostProcess.RunAsync(reference, mappingFile, killAfterRequests: null, HostTimeout);
                Assert.True(second.ExitCode == 0, second.Output);
                secondRequests = second.RequestsSeen;
                expectedSecond = await EndState.ReadAsync(reference, mapping.Name);
                output.WriteLine($"Uninterrupted: {firstRequests} then {secondRequests} requests; {first.Output.Trim()} / {second.Output.Trim()}");
            }

            Assert.Empty(expectedFirst.Duplicates());
            Assert.True(expectedFirst.SalesforceCount > 2000 && expectedFirst.HubSpotCount > 2000, $"{expectedFirst.SalesforceCount} / {expectedFirst.HubSpotCount}");
            Assert.Empty(expectedSecond.Duplicates());

            // Kill points spread over each run, from its first requests to its last.
            var kills = 0;
            for (var i = 0; i < KillPoints; i++)
            {
                var killFirstAt = Math.Max(1, firstRequests * (2 * i + 1) / (2 * KillPoints));
                var killSecondAt = Math.Max(1, secondRequests * (2 * (KillPoints - 1 - i) + 1) / (2 * KillPoints));
                await using var world = await SyncWorld.StartAsync();
                SeedFirstRun(world);
                kills += await KillThenFinishAsync(world, mappingFile, mapping, killFirstAt, expectedFirst, "first run") ? 1 : 0;
                EditForSecondRun(world);
                kills += await KillThenFinishAsync(world, mappingFile, mapping, killSecondAt, expectedSecond, "second run") ? 1 : 0;
            }

            Assert.True(kills >= 3 * KillPoints / 2, $"Only {kills} of {2 * KillPoints} runs were killed; the rest lost their lease first.");
        }
        finally
        {
            File.Delete(mappingFile);
        }
    }

    /// <summary>Kills a pass after <paramref name="killAt"/> requests, finishes with a pass to the end; true when it was a real kill.</summary>
    private async Task<bool> KillThenFinishAsync(SyncWorld world, string mappingFile, SyncMapping mapping, int killAt, EndState expected, string run)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var killed = await SyncHostProcess.RunAsync(world, mappingFile, killAt, HostTimeout);
        var killedAfter = clock.Elapsed;

        // A runner that stalls past its lease's time-to-live on a busy machine stops itself at its next commit (fencing):
        // an interruption too, just not at the chosen request. Anything else ending the process early is a defect.
        var leaseLost = !killed.Killed && killed.ExitCode != 0 && killed.Output.Contains("SyncLeaseLost", StringComparison.Ordinal);
        Assert.True(killed.Killed || leaseLost, $"The {run} was to be killed after request {killAt} but exited with {killed.ExitCode}: {killed.Output}");
        if (leaseLost)
        {
            output.WriteLine($"{run}: the host lost its lease before request {killAt} and stopped itself: {killed.Output.Trim()}");
        }

        await world.ReopenStateAsync();
        var finish = await world.PassAsync(mapping);
        Assert.NotEqual(SyncRunState.Failed, finish.State);
        var actual = await EndState.ReadAsync(world, mapping.Name);
        output.WriteLine($"{run} killed after request {killAt} ({killedAfter.TotalSeconds:F1} s, finished in {clock.Elapsed.TotalSeconds:F1} s); the next pass created {finish.CreatedInHubSpot}/{finish.CreatedInSalesforce}, updated {finish.UpdatedInHubSpot}/{finish.UpdatedInSalesforce}");

        Assert.True(actual.Duplicates().Count == 0, $"{run} killed after request {killAt}: duplicates {string.Join("; ", actual.Duplicates().Take(10))}");
        Assert.True(actual.Lines.SequenceEqual(expected.Lines, StringComparer.Ordinal), $"{run} killed after request {killAt}: {actual.DifferenceFrom(expected)}");
        return killed.Killed;
    }

    /// <summary>1,800 invoices in Salesforce (besides the Demo's 40) and 400 made in HubSpot: the first run creates each on the other side.</summary>
    internal static void SeedFirstRun(SyncWorld world)
    {
        world.Org.InsertMany(SyncWorld.Invoice, Enumerable.Range(1, 1800).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Name"] = $"INV-K-{i:D5}",
            ["Amount__c"] = 100m + i,
            ["Units__c"] = (decimal)(i % 9),
            ["Status__c"] = (i % 3) switch { 0 => "Draft", 1 => "Sent", _ => "Paid" },
            ["Channels__c"] = i % 4 == 0 ? "Email;Portal" : "Mail",
            ["Due_Date__c"] = new DateOnly(2025, 1, 1).AddDays(i % 300).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Paid__c"] = i % 2 == 0,
            ["Billing_Email__c"] = $"sf{i}@example.com",
        }));
        world.Account.CreateRecords(SyncWorld.HubSpotType, Enumerable.Range(1, 400).Select(i => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["invoice_number"] = $"HS-K-{i:D4}",
            ["amount"] = (50 + i).ToString(CultureInfo.InvariantCulture) + ".25",
            ["units"] = (i % 5).ToString(CultureInfo.InvariantCulture),
            ["status"] = i % 2 == 0 ? "Sent" : "Draft",
            ["channels"] = "Email;Mail",
            ["due_date"] = "2025-07-15",
            ["paid"] = i % 3 == 0 ? "true" : "false",
            ["billing_email"] = $"hs{i}@example.com",
        }));
    }

    /// <summary>
    /// A round of edits named by invoice number, so every world gets the same ones: updates on both sides (a hundred of
    /// them the same field both sides, which Salesforce wins), one-way fields changed, creates and deletes on both sides.
    /// </summary>
    internal static void EditForSecondRun(SyncWorld world)
    {
        var sf = world.Org.Records(SyncWorld.Invoice).ToDictionary(r => (string)r["Name"]!, r => r.Id, StringComparer.Ordinal);
        var hs = world.Account.Records(SyncWorld.HubSpotType).ToDictionary(r => r.Properties["invoice_number"], r => r.Id, StringComparer.Ordinal);
        for (var i = 1; i <= 300; i++)
        {
            world.Org.Update(SyncWorld.Invoice, sf[$"INV-K-{i:D5}"], new Dictionary<string, object?> { ["Amount__c"] = 7000m + i });
        }

        for (var i = 201; i <= 500; i++)
        {
            var values = new Dictionary<string, string> { ["units"] = (i % 50).ToString(CultureInfo.InvariantCulture) };
            if (i <= 300)
            {
                values["amount"] = (9000 + i).ToString(CultureInfo.InvariantCulture);
            }

            world.Account.UpdateRecord(SyncWorld.HubSpotType, hs[$"INV-K-{i:D5}"], values);
        }

        for (var i = 1; i <= 100; i++)
        {
            world.Account.UpdateRecord(SyncWorld.HubSpotType, hs[$"HS-K-{i:D4}"], new Dictionary<string, string> { ["status"] = "Paid", ["paid"] = "true" });
        }

        for (var i = 50; i <= 150; i++)
        {
            world.Org.Update(SyncWorld.Invoice, sf[$"HS-K-{i:D4}"], new Dictionary<string, object?> { ["Due_Date__c"] = "2026-02-02" });
        }

        world.Org.InsertMany(SyncWorld.Invoice, Enumerable.Range(1, 150).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Name"] = $"INV-K2-{i:D4}",
            ["Amount__c"] = 3m * i,
            ["Status__c"] = "Draft",
        }));
        world.Account.CreateRecords(SyncWorld.HubSpotType, Enumerable.Range(1, 150).Select(i => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["invoice_number"] = $"HS-K2-{i:D4}",
            ["units"] = i.ToString(CultureInfo.InvariantCulture),
            ["status"] = "Sent",
        }));

        for (var i = 601; i <= 660; i++)
        {
            world.Org.Delete(SyncWorld.Invoice, sf[$"INV-K-{i:D5}"]);
        }

        for (var i = 661; i <= 720; i++)
        {
            world.Account.ArchiveRecord(SyncWorld.HubSpotType, hs[$"INV-K-{i:D5}"]);
        }

        for (var i = 301; i <= 330; i++)
        {
            world.Account.ArchiveRecord(SyncWorld.HubSpotType, hs[$"HS-K-{i:D4}"]);
        }
    }
}
