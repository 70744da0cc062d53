using System.Globalization;
using System.Text.RegularExpressions;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Tests.Sync.Support;
using Xunit.Abstractions;

namespace SfHsSync.Engine.Tests.Sync;

/// <summary>
/// Kills by count, not by clock: the sync host kills itself (SIGKILL) right after its Nth HTTP answer or its Nth state
/// write (SFHSSYNC_TEST_KILL_AFTER), at 25 points spread over an import of 5,000 records and 25 over a two-way pass with
/// creates, updates, conflicts, deletes and association changes on both sides (a lookup set, changed and cleared in
/// Salesforce; associations added, moved and removed in HubSpot). Each time a second process runs at once, with no wait for the
/// dead holder's lease (it would fail SyncLeaseUnavailable if it had to wait: its -LeaseTimeout is 0 and the lease's
/// time-to-live a minute), and the end equals the uninterrupted run's. The import's calls, kill and rerun together,
/// stay within the uninterrupted run's plus one batch. A pass moves its watermarks only when it ends, so the pass after
/// a killed one reads the changes again: there the writes of both stay within the uninterrupted writes plus one batch
/// (one write of each kind: Salesforce, HubSpot's records, and HubSpot's association creates and archives),
/// and the rerun's calls within the uninterrupted run's plus one batch. Equal includes the associations: each invoice's
/// lookup in Salesforce, its companies in HubSpot, and the state's association rows.
/// SFHSSYNC_TEST_KILL_POINTS=0,7 runs only those of the 25 points (to develop with; the figures then count only those).
/// </summary>
public abstract partial class KillPointTests(ITestOutputHelper output)
{
    private const int Points = 25;
    private static readonly TimeSpan HostTimeout = TimeSpan.FromMinutes(3);

    /// <summary>What a scenario needs: how the host runs, and how each world is made ready for the run under test.</summary>
    private sealed record Scenario(HostRun Run, Action<SyncWorld> Seed, Func<SyncWorld, Task> Prepare);

    private protected async Task KillAtPointsAsync(string mode, int? batchSize, Action<SyncWorld> seed, Func<SyncWorld, Task> prepare, SyncMapping? given = null)
    {
        var mapping = given ?? InvoiceMappings.AllRules();
        var mappingFile = Path.Combine(Path.GetTempPath(), $"sfhssync-killpoints-{Guid.NewGuid():N}.yaml");
        SyncMappingFile.Write(mappingFile, [mapping], overwrite: true);
        var scenario = new Scenario(new HostRun(mappingFile, mode, batchSize), seed, prepare);
        try
        {
            Reference reference;
            await using (var world = await WorldAsync(scenario))
            {
                var straight = await SyncHostProcess.RunToKillPointAsync(world, scenario.Run, null, HostTimeout);
                Assert.True(straight.ExitCode == 0, straight.Output);
                var counts = CountsOf(straight.Output);
                var mismatches = mapping.Associations.Count > 0 ? await KillPointAssociations.MismatchesAsync(world, mapping.Name) : [];
                reference = new Reference(await Outcome.ReadAsync(world, mapping.Name), straight.RequestsSeen, Writes(world), counts.Answers, counts.Commits,
                    mismatches, mapping.Associations.Count > 0);
                if (mapping.Associations.Count > 0)
                {
                    AssertAssociationEditsTravelled(world);
                }

                output.WriteLine($"{mode} uninterrupted: {straight.Output.Trim()}; {straight.RequestsSeen} requests, {reference.Writes} writes");
            }

            Assert.Empty(reference.End.State.Duplicates());
            Assert.Empty(reference.Mismatches);
            Assert.True(reference.Commits >= Points && reference.Answers >= Points, $"{reference.Commits} commits and {reference.Answers} answers leave too few distinct points");
            var startup = await StartupCallsAsync(scenario);
            var batch = (int)Math.Ceiling((reference.Requests - startup) / (double)Math.Max(1, reference.Commits - 3));
            var allowance = startup + batch;
            output.WriteLine($"{mode}: a run costs {startup} calls before its first state write; one batch about {batch}");

            foreach (var i in ChosenPoints())
            {
                var point = i % 2 == 0
                    ? $"api:{Math.Max(1, reference.Answers * (2 * i + 1) / (2 * Points))}"
                    : $"commit:{Math.Max(1, reference.Commits * (2 * i + 1) / (2 * Points))}";
                await KillThenRunAgainAsync(scenario, point, reference, allowance);
            }
        }
        finally
        {
            File.Delete(mappingFile);
        }
    }

    private async Task KillThenRunAgainAsync(Scenario scenario, string point, Reference reference, int allowance)
    {
        var mode = scenario.Run.Mode;
        await using var world = await WorldAsync(scenario);
        var killed = await SyncHostProcess.RunToKillPointAsync(world, scenario.Run, point, HostTimeout);
        Assert.True(killed.Killed, $"{mode} at {point}: the host was to kill itself but exited with {killed.ExitCode}: {killed.Output}");
        var killedWrites = Writes(world);

        // At once, in a second process whose -LeaseTimeout is 0: it fails unless the dead holder's lease is free now.
        var again = await SyncHostProcess.RunToKillPointAsync(world, scenario.Run, null, HostTimeout);
        var againWrites = Writes(world);
        Assert.True(again.ExitCode == 0, $"{mode} at {point}: the run after the kill failed: {again.Output}");
        await world.ReopenStateAsync();
        var actual = await Outcome.ReadAsync(world, InvoiceMappings.AllRules().Name);
        Assert.True(actual.Associations == reference.End.Associations, $"{mode} at {point}: associations differ:\n{Difference(reference.End.Associations, actual.Associations)}");
        if (reference.HasAssociations)
        {
            Assert.Empty(await KillPointAssociations.MismatchesAsync(world, InvoiceMappings.AllRules().Name));
        }
        output.WriteLine($"{mode} killed at {point} after {killed.RequestsSeen} requests; the next run took {again.RequestsSeen}: {again.Output.Trim()}");

        Assert.True(actual.State.Duplicates().Count == 0, $"{mode} at {point}: duplicates {string.Join("; ", actual.State.Duplicates().Take(10))}");
        Assert.True(actual.State.Lines.SequenceEqual(reference.End.State.Lines, StringComparer.Ordinal), $"{mode} at {point}: {actual.State.DifferenceFrom(reference.End.State)}");
        Assert.Equal(reference.End.SyncedValues, actual.SyncedValues);
        Assert.Equal(reference.End.Conflicts, actual.Conflicts);
        if (mode == "import")
        {
            Assert.True(killed.RequestsSeen + again.RequestsSeen <= reference.Requests + allowance,
                $"{mode} at {point}: {killed.RequestsSeen} + {again.RequestsSeen} calls against {reference.Requests} uninterrupted (+ {allowance} allowed)");
        }
        else
        {
            Assert.True(again.RequestsSeen <= reference.Requests + allowance, $"{mode} at {point}: the rerun took {again.RequestsSeen} calls against {reference.Requests} uninterrupted (+ {allowance} allowed)");
            Assert.True(killedWrites + againWrites <= reference.Writes + reference.BatchWrites,
                $"{mode} at {point}: {killedWrites} + {againWrites} batch writes against {reference.Writes} uninterrupted (+ one batch: {reference.BatchWrites} writes, one of each kind)");
        }

        // The killed run does not read Running for ever: its lease was taken over, so it reads Interrupted, or (an import) it was continued.
        var runs = await world.State.GetRunsAsync(null, null, 20, CancellationToken.None);
        Assert.DoesNotContain(runs, r => r.State == SyncRunState.Running);
        ReliabilityFigures.Record(mode, point, killed: true, equal: true);
    }

    /// <summary>The points to run: all 25, or those SFHSSYNC_TEST_KILL_POINTS lists (comma-separated indexes from 0).</summary>
    private static IEnumerable<int> ChosenPoints()
        => Environment.GetEnvironmentVariable("SFHSSYNC_TEST_KILL_POINTS") is { Length: > 0 } chosen
            ? chosen.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).Where(p => p is >= 0 and < Points)
            : Enumerable.Range(0, Points);

    private static string Difference(string expected, string actual)
    {
        var want = expected.Split('\n');
        var got = actual.Split('\n');
        return $"missing:\n  {string.Join("\n  ", want.Except(got, StringComparer.Ordinal).Take(12))}\nunexpected:\n  {string.Join("\n  ", got.Except(want, StringComparer.Ordinal).Take(12))}";
    }

    /// <summary>What a run costs before it writes anything (lease, describes, schemas, counts): measured as the calls of a run killed at its first state write.</summary>
    private static async Task<int> StartupCallsAsync(Scenario scenario)
    {
        await using var world = await WorldAsync(scenario);
        var killed = await SyncHostProcess.RunToKillPointAsync(world, scenario.Run, "commit:1", HostTimeout);
        Assert.True(killed.Killed, killed.Output);
        return killed.RequestsSeen;
    }

    private static async Task<SyncWorld> WorldAsync(Scenario scenario)
    {
        var world = await SyncWorld.StartAsync();
        scenario.Seed(world);
        await scenario.Prepare(world);
        return world;
    }

    /// <summary>The batch writes both sandboxes answered since their logs were last reset (one host run).</summary>
    private static int Writes(SyncWorld world)
    {
        var traffic = world.Traffic();
        return traffic.SalesforceCollectionWrites + traffic.HubSpotBatchWrites;
    }

    /// <summary>5,000 invoices in Salesforce (besides the Demo's 40), none yet in HubSpot.</summary>
    private protected static void SeedImport(SyncWorld world)
        => world.Org.InsertMany(SyncWorld.Invoice, Enumerable.Range(1, 5000).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Name"] = $"INV-P-{i:D5}",
            ["Amount__c"] = 10m + i,
            ["Status__c"] = (i % 3) switch { 0 => "Draft", 1 => "Sent", _ => "Paid" },
            ["Due_Date__c"] = new DateOnly(2025, 1, 1).AddDays(i % 300).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Billing_Email__c"] = $"p{i}@example.com",
        }));

    private static (long Answers, long Commits) CountsOf(string output)
    {
        var match = CountsPattern().Match(output);
        Assert.True(match.Success, output);
        return (long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("answers=(\\d+) commits=(\\d+)")]
    private static partial Regex CountsPattern();

    private sealed record Reference(Outcome End, int Requests, int Writes, long Answers, long Commits, List<string> Mismatches, bool HasAssociations)
    {
        /// <summary>The writes of one batch: a Salesforce and a HubSpot write, and with associations HubSpot's association creates and archives.</summary>
        public int BatchWrites => HasAssociations ? 4 : 2;
    }

    /// <summary>The uninterrupted pass carried each kind of association change (so "equal" compares something).</summary>
    private static void AssertAssociationEditsTravelled(SyncWorld world)
    {
        var accounts = KillPointAssociations.Accounts(world);
        Assert.Equal(accounts[6 % accounts.Count], KillPointAssociations.LookupOf(world, "INV-K-00005"));      // changed in Salesforce
        Assert.Null(KillPointAssociations.LookupOf(world, "INV-K-00025"));                                   // cleared in Salesforce
        Assert.Equal(accounts[305 % accounts.Count], KillPointAssociations.LookupOf(world, "INV-K-00305"));  // set in Salesforce
        Assert.Null(KillPointAssociations.LookupOf(world, "INV-K-00045"));                                   // removed in HubSpot
        Assert.Equal(accounts[67 % accounts.Count], KillPointAssociations.LookupOf(world, "INV-K-00065"));   // moved in HubSpot
        Assert.Equal(accounts[505 % accounts.Count], KillPointAssociations.LookupOf(world, "INV-K-00505"));  // added in HubSpot
        Assert.Equal(accounts[3 % accounts.Count], KillPointAssociations.LookupOf(world, "HS-K-0003"));      // added in HubSpot to a record made there
    }

    /// <summary>Both sides and the state: records, links, errors (EndState), each link's last-synced values, the conflicts recorded (by invoice number, so ids may differ).</summary>
    private sealed record Outcome(EndState State, string SyncedValues, string Conflicts, string Associations)
    {
        public static async Task<Outcome> ReadAsync(SyncWorld world, string mapping)
        {
            var names = world.Org.Records(SyncWorld.Invoice).ToDictionary(r => r.Id, r => (string)r["Name"]!, StringComparer.Ordinal);
            var values = new List<string>();
            await foreach (var link in world.State.ReadLinksAsync(mapping, CancellationToken.None))
            {
                values.Add($"{names.GetValueOrDefault(link.SalesforceId, "(gone)")}: " + string.Join(", ", link.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}")));
            }

            var conflicts = (await world.State.GetConflictsAsync(mapping, 100_000, CancellationToken.None))
                .Select(c => $"{names.GetValueOrDefault(c.SalesforceId, "(gone)")} {c.Field} {c.SalesforceValue} / {c.HubSpotValue} -> {c.Winner}");
            values.Sort(StringComparer.Ordinal);
            return new Outcome(await EndState.ReadAsync(world, mapping), string.Join("\n", values), string.Join("\n", conflicts.Order(StringComparer.Ordinal)),
                await KillPointAssociations.ReadAsync(world, mapping));
        }
    }
}

/// <summary>The import's 25 points (a class of its own, so xunit runs it beside the pass's).</summary>
public sealed class ImportKillPointTests(ITestOutputHelper output) : KillPointTests(output)
{
    [Fact]
    public Task An_import_of_5000_killed_at_25_points_and_run_again_at_once_ends_as_the_uninterrupted_one()
        => KillAtPointsAsync("import", null, SeedImport, world => Task.CompletedTask);
}

/// <summary>The two-way pass's 25 points, in batches of 25 so the pass has as many points as the import.</summary>
public sealed class PassKillPointTests(ITestOutputHelper output) : KillPointTests(output)
{
    [Fact]
    public Task A_two_way_pass_killed_at_25_points_and_run_again_at_once_ends_as_the_uninterrupted_one()
        => KillAtPointsAsync("sync", 25, KillPointAssociations.Seed, async world =>
        {
            Assert.Equal(SyncRunState.CompletedWithErrors, (await world.PassAsync(KillPointAssociations.Mapping())).State); // the Demo's void invoices fail
            SyncCrashTests.EditForSecondRun(world);
            await KillPointAssociations.EditAsync(world);
        }, KillPointAssociations.Mapping());
}
