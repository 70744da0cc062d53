using SfHsSync.Engine.Connections;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;
using SfHsSync.Engine.Tests.Sync.Support;
using SfHsSync.Sandbox;
using SfHsSync.Sandbox.HubSpot;
using Xunit.Abstractions;

namespace SfHsSync.Engine.Tests.Sync;

/// <summary>
/// A two-way pass over a few thousand records under each fault the sandbox injects ends as the fault-free pass does:
/// every record once on each side, every value equal, links and errors. A pass the faults stop (retries spent) stops
/// with a clear error, and the next pass resumes exactly; retries are bounded by the client's limit per call and counted.
/// </summary>
public sealed partial class FaultStormTests(ITestOutputHelper output)
{
    private static readonly HubSpotClientOptions QuickHubSpot = new()
    {
        TransientBackoff = TimeSpan.FromMilliseconds(20),
        LockedBackoff = TimeSpan.FromMilliseconds(50),
        RollingLimitBackoff = TimeSpan.FromMilliseconds(500),
        SecondlyLimitBackoff = TimeSpan.FromMilliseconds(200),
        RequestTimeout = TimeSpan.FromSeconds(3),
    };

    public static TheoryData<string> Storms() => new(Faults.Keys);

    private static readonly Dictionary<string, Action<SandboxOptions>> Faults = new(StringComparer.Ordinal)
    {
        ["HubSpot 429 rolling storm (another app spends the budget until the sync has retried)"] = o => o.HubSpot.TenSecondlyLimit = 30,
        ["HubSpot 429 secondly storm (search)"] = o => o.HubSpot.SearchRequestsPerSecond = 1,
        ["HubSpot 502 burst"] = o => o.HubSpot.BadGatewayShare = 0.2,
        ["HubSpot 503 burst"] = o => o.HubSpot.ServiceUnavailableShare = 0.2,
        ["HubSpot 504 burst"] = o => o.HubSpot.GatewayTimeoutShare = 0.2,
        ["HubSpot 423 locked"] = o => o.HubSpot.LockedShare = 0.2,
        ["HubSpot connection reset"] = o => o.HubSpot.ConnectionResetShare = 0.2,
        ["HubSpot answers slower than the client's timeout"] = o => (o.HubSpot.SlowAnswerShare, o.HubSpot.SlowAnswerDelay) = (0.1, TimeSpan.FromSeconds(20)),
        ["Salesforce UNABLE_TO_LOCK_ROW burst"] = o => o.Salesforce.LockRowFailureShare = 0.05,
        ["Salesforce SERVER_UNAVAILABLE"] = o => o.Salesforce.ServiceUnavailableShare = 0.1,
    };

    /// <summary>The kind each storm's retries are counted as, and the side whose client sent them again.</summary>
    private static readonly Dictionary<string, (string Side, RetryKind Kind)> ExpectedKind = new(StringComparer.Ordinal)
    {
        ["HubSpot 429 rolling storm (another app spends the budget until the sync has retried)"] = ("HubSpot", RetryKind.RateLimit),
        ["HubSpot 429 secondly storm (search)"] = ("HubSpot", RetryKind.RateLimit),
        ["HubSpot 502 burst"] = ("HubSpot", RetryKind.ServerError),
        ["HubSpot 503 burst"] = ("HubSpot", RetryKind.ServerUnavailable),
        ["HubSpot 504 burst"] = ("HubSpot", RetryKind.ServerError),
        ["HubSpot 423 locked"] = ("HubSpot", RetryKind.Locked),
        ["HubSpot connection reset"] = ("HubSpot", RetryKind.ConnectionReset),
        ["HubSpot answers slower than the client's timeout"] = ("HubSpot", RetryKind.Timeout),
        ["Salesforce UNABLE_TO_LOCK_ROW burst"] = ("Salesforce", RetryKind.RowLock),
        ["Salesforce SERVER_UNAVAILABLE"] = ("Salesforce", RetryKind.ServerUnavailable),
    };

    [Theory]
    [MemberData(nameof(Storms))]
    public async Task A_two_way_pass_under_a_fault_storm_ends_as_the_fault_free_pass(string storm)
    {
        var expected = await FaultFree.Value;
        var options = new SandboxOptions();
        Faults[storm](options);
        var settled = await RunUntilSettledAsync(options, competing: storm.Contains("rolling", StringComparison.Ordinal));

        Assert.True(settled.End.Lines.SequenceEqual(expected.End.Lines, StringComparer.Ordinal), $"{storm}: {settled.End.DifferenceFrom(expected.End)}");
        Assert.Empty(settled.End.Duplicates());

        // The storm hit: the client of its side sent calls (or, for locked rows, records) again, the mapping's resolution
        // included; Salesforce took more calls than the fault-free passes.
        var (side, kind) = ExpectedKind[storm];
        var retries = settled.ClientTotals.Of(side).Values.Sum();
        Assert.True(retries > 0, $"{storm}: nothing was retried, so the storm never hit");
        if (side == "Salesforce")
        {
            Assert.True(settled.SalesforceCalls > expected.SalesforceCalls, $"{storm}: no more Salesforce calls than the fault-free passes");
        }

        output.WriteLine($"{storm}: settled in {settled.Passes} pass(es), {retries} retries; the runs recorded {settled.Stored}");

        // Get-SyncRun's retries: the runs hold exactly what the clients counted during them, under the storm's kind.
        Assert.Equal(settled.CountedInRuns, settled.Stored);
        Assert.True(settled.Stored.Of(side).GetValueOrDefault(kind.ToString()) > 0, $"{storm}: the runs recorded {settled.Stored}, no {side} {kind}");
        if (settled.Passes == 1 && settled.Served.TryGetValue($"{side} {kind}", out var served))
        {
            // No call ran out of retries, so every fault the sandbox served was retried once, and counted as its kind.
            Assert.Equal(served, settled.ClientTotals.Of(side).GetValueOrDefault(kind.ToString()));
        }

        RecordFigure(storm, settled.Passes, retries, settled.Stored);
    }

    /// <summary>One fault's line in docs/reliability.md, with the retries by kind its runs recorded.</summary>
    private static void RecordFigure(string fault, int passes, long retries, SyncRunRetries stored) => RecordFigure(fault, passes, retries, stored.ToString());

    private static void RecordFigure(string fault, int passes, long retries, string byKind)
        => ReliabilityFigures.Append(new Dictionary<string, object>
        {
            ["kind"] = "fault", ["fault"] = fault, ["passes"] = passes, ["retries"] = retries, ["equal"] = true, ["byKind"] = byKind,
        });

    [Fact]
    public async Task A_pass_while_another_connection_holds_the_SQLite_file_locked_waits_and_ends_as_the_fault_free_pass()
    {
        var expected = (await FaultFree.Value).End;
        await using var world = await SyncWorld.StartAsync(hubSpotOptions: QuickHubSpot);
        SyncCrashTests.SeedFirstRun(world);
        await using (var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={world.StatePath};Pooling=False"))
        {
            await holder.OpenAsync();
            await using var lockIt = holder.CreateCommand();
            lockIt.CommandText = "BEGIN EXCLUSIVE";
            await lockIt.ExecuteNonQueryAsync();
            var pass = world.PassAsync(InvoiceMappings.AllRules(), new SfHsSync.Engine.Sync.SyncOptions { HubSpotSearchLag = TimeSpan.Zero });

            // Held until the pass has met the lock and waited for it once (counted StateBusy), not for a time.
            await WaitForAsync(() => world.State.Retries[RetryKind.StateBusy] >= 1 || pass.IsCompleted, "the pass never met the locked file");
            Assert.False(pass.IsCompleted, "the pass got past a state file another connection held locked");
            lockIt.CommandText = "ROLLBACK";
            await lockIt.ExecuteNonQueryAsync();
            Assert.NotEqual(SyncRunState.Failed, (await pass).State);
        }

        var actual = await EndState.ReadAsync(world, InvoiceMappings.AllRules().Name);
        Assert.True(actual.Lines.SequenceEqual(expected.Lines, StringComparer.Ordinal), actual.DifferenceFrom(expected));
        var run = Assert.Single(await world.State.GetRunsAsync(InvoiceMappings.AllRules().Name, SyncRunKind.Sync, 10, CancellationToken.None));
        Assert.True(run.Retries.State.GetValueOrDefault(nameof(RetryKind.StateBusy)) > 0, $"the run recorded {run.Retries}, no StateBusy");
        RecordFigure("SQLite locked by another connection", 1, run.Retries.Total, run.Retries);
    }

    [Fact]
    public async Task A_pass_whose_Salesforce_token_expires_mid_pass_signs_in_again_and_ends_as_the_fault_free_pass()
    {
        var expected = (await FaultFree.Value).End;
        await using var world = await SyncWorld.StartAsync(hubSpotOptions: QuickHubSpot);
        SyncCrashTests.SeedFirstRun(world);
        using var salesforce = new SalesforceClient(
            SalesforceConnection.ForClientCredentials(world.Server.SalesforceUrl, "sandbox-consumer-key", SecretText.ToSecureString("sandbox-consumer-secret")),
            new SalesforceClientOptions { RetryDelay = TimeSpan.FromMilliseconds(50) });
        var answered = 0;
        void ExpireMidPass(SfHsSync.Sandbox.Salesforce.Traffic.SalesforceRequest _)
        {
            if (Interlocked.Increment(ref answered) == ExpireAtAnswer)
            {
                world.Org.ExpireAllTokens();
            }
        }

        world.Org.Requests.Answered += ExpireMidPass;
        try
        {
            var mapping = InvoiceMappings.AllRules();
            for (var i = 0; i < 3; i++)
            {
                var runtime = await MappingRuntime.ResolveAsync(mapping, salesforce, world.HubSpot, CancellationToken.None);
                var result = await new SyncPass(salesforce, world.HubSpot, world.State, new SyncOptions { HubSpotSearchLag = TimeSpan.Zero }).RunAsync(runtime, CancellationToken.None);
                Assert.NotEqual(SyncRunState.Failed, result.State);
            }
        }
        finally
        {
            world.Org.Requests.Answered -= ExpireMidPass;
        }

        Assert.True(salesforce.TokenRequestCount >= 2, $"{salesforce.TokenRequestCount} sign-ins: the token never expired mid-pass");
        var actual = await EndState.ReadAsync(world, InvoiceMappings.AllRules().Name);
        Assert.True(actual.Lines.SequenceEqual(expected.Lines, StringComparer.Ordinal), actual.DifferenceFrom(expected));

        // The first pass met the expired token: its run counts each 401 answered by a new token, as the client did.
        var runs = await world.State.GetRunsAsync(InvoiceMappings.AllRules().Name, SyncRunKind.Sync, 10, CancellationToken.None);
        var refreshed = runs.Sum(r => r.Retries.Salesforce.GetValueOrDefault(nameof(RetryKind.TokenRefresh)));
        Assert.True(refreshed >= 1, $"the runs recorded {string.Join(" / ", runs.Select(r => r.Retries))}, no TokenRefresh");
        Assert.Equal(salesforce.Retries[RetryKind.TokenRefresh], refreshed);
        RecordFigure("Salesforce access token expired mid-pass", 3, salesforce.TokenRequestCount - 1, Sum(runs.Select(r => r.Retries)));
    }

    /// <summary>The Salesforce answer after which the token expires: past the mapping's resolution, inside the first pass's reads.</summary>
    private const int ExpireAtAnswer = 12;

    private static SyncRunRetries Sum(IEnumerable<SyncRunRetries> retries) => SyncRunRetries.FromRows(retries.SelectMany(r => r.Rows()));

    /// <summary>The fault-free pass (and the settling passes every case gets), once for all cases.</summary>
    private static readonly Lazy<Task<Settled>> FaultFree = new(() => RunUntilSettledAsync(new SandboxOptions(), competing: false));

    /// <summary>
    /// How a world ended: both sides and the state, the passes it took, HubSpot's retries and Salesforce's calls; the
    /// retries the runs recorded and those the clients and store counted while the runs ran; the clients' totals (the
    /// mapping's resolution included) and the faults the sandbox served, as "side kind".
    /// </summary>
    private sealed record Settled(EndState End, int Passes, long Retries, long SalesforceCalls)
    {
        public SyncRunRetries Stored { get; init; } = SyncRunRetries.None;

        public SyncRunRetries CountedInRuns { get; init; } = SyncRunRetries.None;

        public SyncRunRetries ClientTotals { get; init; } = SyncRunRetries.None;

        public IReadOnlyDictionary<string, long> Served { get; init; } = new Dictionary<string, long>();
    }

    /// <summary>
    /// Passes until one completes (a pass the storm stopped fails clearly; the next resumes), at most four. With
    /// <paramref name="competing"/>, another app of the account spends its rolling budget all along, as in a real 429
    /// storm (the client paces itself to the budget it learns, so alone it never meets one).
    /// </summary>
    private static async Task<Settled> RunUntilSettledAsync(SandboxOptions options, bool competing)
    {
        await using var world = await SyncWorld.StartAsync(options, QuickHubSpot);
        SyncCrashTests.SeedFirstRun(world);

        // With another app spending the budget, the mapping is resolved before it starts, so the storm meets the pass's
        // run (whose retries Get-SyncRun shows) rather than the reads of the schemas before it.
        var resolved = competing ? await MappingRuntime.ResolveAsync(InvoiceMappings.AllRules(), world.Salesforce, world.HubSpot, CancellationToken.None) : null;
        using var stopCompeting = new CancellationTokenSource();
        using var budgetSpent = new SemaphoreSlim(0);
        var competitor = competing ? CompeteAsync(world, budgetSpent, stopCompeting.Token) : Task.CompletedTask;
        try
        {
            if (competing)
            {
                // The pass starts only once the other app has met the limit, so its first calls meet the storm however
                // fast or slow this machine is.
                Assert.True(await budgetSpent.WaitAsync(TimeSpan.FromMinutes(1)), "the competing app never met the rolling limit");
            }

            return await SettleAsync(world, competing, resolved);
        }
        finally
        {
            await stopCompeting.CancelAsync();
            await competitor;
        }
    }

    /// <summary>
    /// Another app of the account spends the rolling budget: it says so once it is answered 429, and goes on until the
    /// sync's client has retried past the storm (counted, not timed), or the settling passes end.
    /// </summary>
    private static async Task CompeteAsync(SyncWorld world, SemaphoreSlim budgetSpent, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = world.Server.HubSpotUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", world.Account.DefaultAccessToken);
        var told = false;
        var retriesBefore = world.HubSpot.RetryCount;
        while (!stop.IsCancellationRequested && (!told || world.HubSpot.RetryCount < retriesBefore + 3))
        {
            try
            {
                using var answer = await http.GetAsync("crm/v3/objects/2-1234567?limit=1", stop);
                var limited = answer.StatusCode == System.Net.HttpStatusCode.TooManyRequests;
                if (limited && !told)
                {
                    told = true;
                    budgetSpent.Release();
                }

                await Task.Delay(limited ? 200 : 20, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<Settled> SettleAsync(SyncWorld world, bool competing = false, MappingRuntime? resolved = null)
    {
        var mapping = InvoiceMappings.AllRules();
        var passes = 0;
        var counted = new List<SyncRunRetries>();
        SyncRunState state;
        do
        {
            passes++;
            try
            {
                state = (await CountedPassAsync(world, mapping, counted, resolved)).State;
            }
            catch (Errors.SyncException e) when (passes < 4)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.ErrorId));
                state = SyncRunState.Failed;
            }
        }
        while (state == SyncRunState.Failed && passes < 4);

        // Records a storm failed one by one (a locked row) are retried by the next passes, as a user's next runs would;
        // the fault-free world gets the same two passes (which find nothing new).
        for (var i = 0; i < 2; i++)
        {
            await CountedPassAsync(world, mapping, counted, resolved);
        }

        var end = await EndState.ReadAsync(world, mapping.Name);

        Assert.True(world.HubSpot.RetryCount <= (world.HubSpot.ApiCallCount * QuickHubSpot.MaxRetries), "retries beyond the per-call bound");
        var runs = await world.State.GetRunsAsync(mapping.Name, SyncRunKind.Sync, int.MaxValue, CancellationToken.None);
        return new Settled(end, passes, world.HubSpot.RetryCount, world.Salesforce.ApiCallCount)
        {
            Stored = Sum(runs.Select(r => r.Retries)),
            CountedInRuns = Sum(counted),
            ClientTotals = SyncRunRetries.From(world.Salesforce.Retries.Snapshot(), world.HubSpot.Retries.Snapshot(), world.State.Retries.Snapshot()),
            Served = ServedFaults(world, competing),
        };
    }

    /// <summary>One pass (of <paramref name="resolved"/>, or the mapping resolved anew) whose run's retries (both clients' and the store's, from its start to its end) are added to <paramref name="counted"/>.</summary>
    private static async Task<SyncRunResult> CountedPassAsync(SyncWorld world, SyncMapping mapping, List<SyncRunRetries> counted, MappingRuntime? resolved = null, SyncOptions? options = null)
    {
        var runtime = resolved ?? await MappingRuntime.ResolveAsync(mapping, world.Salesforce, world.HubSpot, CancellationToken.None);
        var (sf, hs, st) = (world.Salesforce.Retries.Snapshot(), world.HubSpot.Retries.Snapshot(), world.State.Retries.Snapshot());
        try
        {
            return await new SyncPass(world.Salesforce, world.HubSpot, world.State, options ?? new SyncOptions { HubSpotSearchLag = TimeSpan.Zero }).RunAsync(runtime, CancellationToken.None);
        }
        finally
        {
            counted.Add(SyncRunRetries.From(world.Salesforce.Retries.Since(sf), world.HubSpot.Retries.Since(hs), world.State.Retries.Since(st)));
        }
    }

    /// <summary>The faults the sandbox served, by the kind a client counts their retries as.</summary>
    private static Dictionary<string, long> ServedFaults(SyncWorld world, bool competing)
    {
        var served = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["HubSpot Locked"] = world.Account.FaultsServed(HubSpotFault.Locked),
            ["HubSpot ServerError"] = world.Account.FaultsServed(HubSpotFault.BadGateway) + world.Account.FaultsServed(HubSpotFault.GatewayTimeout),
            ["HubSpot ServerUnavailable"] = world.Account.FaultsServed(HubSpotFault.ServiceUnavailable),
            ["HubSpot ConnectionReset"] = world.Account.FaultsServed(HubSpotFault.ConnectionReset),
            ["HubSpot Timeout"] = world.Account.FaultsServed(HubSpotFault.SlowAnswer),
            ["Salesforce ServerUnavailable"] = world.Org.UnavailableServed,
        };
        if (!competing)
        {
            // Another app's 429s are not the sync's; alone, every 429 the sandbox served was the sync client's.
            served["HubSpot RateLimit"] = world.Account.SecondlyRefusals + world.Account.TenSecondlyRefusals;
        }

        return served;
    }
}
