using System.Globalization;
using SfHsSync.Bench.Protocol;
using SfHsSync.Sandbox;
using SfHsSync.Sandbox.HubSpot;
using SfHsSync.Sandbox.Salesforce;

namespace SfHsSync.Bench.SandboxRole;

/// <summary>
/// The sandbox process: the Demo seed on loopback, grown and changed on the harness's command without API calls, and
/// its request logs read back as counts. Kept apart from the syncing process so that process's memory is its own.
/// </summary>
internal sealed class BenchSandbox
{
    private const int SeedChunk = 20_000;

    private readonly SandboxServer _server;
    private readonly HubSpotTrafficSampler _sampler;
    private TimeSpan _cpuAtReset;

    private BenchSandbox(SandboxServer server)
    {
        _server = server;
        _sampler = new HubSpotTrafficSampler(server.HubSpot);
    }

    private SalesforceOrg Org => _server.Salesforce;

    private HubSpotAccount Account => _server.HubSpot;

    /// <summary>Serves until stdin closes: one command a line in, one answer a line out.</summary>
    public static async Task<int> RunAsync(TextReader input, TextWriter output)
    {
        var options = new SandboxOptions { Seed = "Demo" };
        options.Salesforce.DailyApiRequests = 10_000_000;
        options.HubSpot.DailyLimit = null;
        await using var server = await SandboxServer.StartAsync(options).ConfigureAwait(false);
        var sandbox = new BenchSandbox(server);
        await using var sampler = sandbox._sampler;
        sandbox.MakeDemoInvoicesSyncable();

        await output.WriteLineAsync(BenchJson.Line(new SandboxReady(server.SalesforceUrl, server.HubSpotUrl,
            server.Salesforce.DefaultAccessToken, server.HubSpot.DefaultAccessToken, Environment.ProcessId))).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);

        while (await input.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            SandboxAnswer answer;
            try
            {
                answer = sandbox.Execute(BenchJson.Read<SandboxCommand>(line, "A sandbox command"));
            }
            catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException or ArgumentException or InvalidOperationException
                                           or SalesforceWriteException or HubSpotApiException)
            {
                answer = new SandboxAnswer { Ok = false, Error = $"{ex.GetType().Name}: {ex.Message}" };
            }

            await output.WriteLineAsync(BenchJson.Line(answer)).ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
        }

        return 0;
    }

    private SandboxAnswer Execute(SandboxCommand command) => command.Verb switch
    {
        SandboxVerb.SeedInvoices => Seed(command),
        SandboxVerb.ChangeSalesforce => Change(command, (id, value) => Org.Update(InvoiceFactory.Invoice, id, new Dictionary<string, object?> { ["Amount__c"] = value })),
        SandboxVerb.ChangeHubSpot => Change(command, (id, value) => Account.UpdateRecord(InvoiceFactory.HubSpotType, HubSpotIdOf(id), new Dictionary<string, string> { ["units"] = Text(value) })),
        SandboxVerb.Conflict => Change(command, (id, value) =>
        {
            Org.Update(InvoiceFactory.Invoice, id, new Dictionary<string, object?> { ["Amount__c"] = value });
            Account.UpdateRecord(InvoiceFactory.HubSpotType, HubSpotIdOf(id), new Dictionary<string, string> { ["amount"] = Text(value + 0.5m) });
        }),
        SandboxVerb.Limits => SetLimits(command),
        SandboxVerb.DailyAllowances => SetDailyAllowances(command),
        SandboxVerb.Reset => Reset(),
        SandboxVerb.Traffic => new SandboxAnswer { Traffic = Traffic() },
        SandboxVerb.Counts => new SandboxAnswer
        {
            SalesforceInvoices = Org.Count(InvoiceFactory.Invoice),
            HubSpotInvoices = Account.CountRecords(InvoiceFactory.HubSpotType),
        },
        _ => throw new ArgumentException($"Unknown sandbox verb {command.Verb}."),
    };

    /// <summary>The Demo's Void invoices have no HubSpot status to go to; Draft lets every record travel, so counts stay exact.</summary>
    private void MakeDemoInvoicesSyncable()
    {
        foreach (var invoice in Org.Records(InvoiceFactory.Invoice).Where(r => (string?)r["Status__c"] == "Void"))
        {
            Org.Update(InvoiceFactory.Invoice, invoice.Id, new Dictionary<string, object?> { ["Status__c"] = "Draft" });
        }
    }

    private SandboxAnswer Seed(SandboxCommand command)
    {
        var first = Org.Count(InvoiceFactory.Invoice);
        for (var done = 0; done < command.Count; done += SeedChunk)
        {
            Org.InsertMany(InvoiceFactory.Invoice, InvoiceFactory.Make(command.Prefix, first + done, Math.Min(SeedChunk, command.Count - done)));
        }

        return new SandboxAnswer { Changed = command.Count, SalesforceInvoices = Org.Count(InvoiceFactory.Invoice) };
    }

    /// <summary>Changes every Stride-th invoice from Offset, Count of them, each to a value no record had before.</summary>
    private SandboxAnswer Change(SandboxCommand command, Action<string, decimal> change)
    {
        var invoices = Org.Records(InvoiceFactory.Invoice);
        if (command.Count > invoices.Count || command.Stride < 1)
        {
            throw new ArgumentException($"Cannot change {command.Count} of {invoices.Count} invoices with stride {command.Stride}.");
        }

        for (var j = 0; j < command.Count; j++)
        {
            var index = (int)((command.Offset + (long)j * command.Stride) % invoices.Count);
            change(invoices[index].Id, 100_000m + (command.Offset * 7) + j);
        }

        return new SandboxAnswer { Changed = command.Count };
    }

    private string HubSpotIdOf(string salesforceId)
        => Account.FindRecordByUniqueValue(InvoiceFactory.HubSpotType, InvoiceFactory.SalesforceIdProperty, salesforceId)?.Id
           ?? throw new InvalidOperationException($"Invoice {salesforceId} has no HubSpot record yet: import before changing HubSpot.");

    private SandboxAnswer SetLimits(SandboxCommand command)
    {
        Account.Options.TenSecondlyLimit = command.TenSecondlyLimit;
        Account.Options.SearchRequestsPerSecond = command.SearchRequestsPerSecond;
        return new SandboxAnswer();
    }

    private SandboxAnswer SetDailyAllowances(SandboxCommand command)
    {
        Org.Options.DailyApiRequests = command.SalesforceDailyApiRequests ?? new SalesforceSandboxOptions().DailyApiRequests;
        Account.Options.DailyLimit = command.HubSpotDailyLimit ?? new HubSpotSandboxOptions().DailyLimit;
        return new SandboxAnswer();
    }

    private SandboxAnswer Reset()
    {
        Org.ResetRequests();
        Account.ResetRequestLog();
        Account.ResetRateLimits();
        _sampler.Restart();
        _cpuAtReset = CpuTime();
        return new SandboxAnswer();
    }

    private SandboxTraffic Traffic()
    {
        int sfQuery = 0, sfBulk = 0, sfWrites = 0, sfRetrieves = 0, sfOther = 0;
        var salesforce = Org.Requests.Entries;
        foreach (var r in salesforce)
        {
            var collection = r.Path.Contains("/composite/sobjects", StringComparison.Ordinal);
            if (r.Path.Contains("/jobs/", StringComparison.Ordinal))
            {
                sfBulk++;
            }
            else if (collection && (r.Method is "PATCH" or "DELETE" || (r.Method == "POST" && r.Path.EndsWith("/composite/sobjects", StringComparison.Ordinal))))
            {
                sfWrites++;
            }
            else if (collection)
            {
                sfRetrieves++;
            }
            else if (r.Path.Contains("/query", StringComparison.Ordinal))
            {
                sfQuery++;
            }
            else
            {
                sfOther++;
            }
        }

        int hsWrites = 0, hsSearches = 0, hsReads = 0, hsOther = 0;
        var hubSpot = Account.Requests;
        foreach (var r in hubSpot)
        {
            if (r.PathTemplate.EndsWith("/search", StringComparison.Ordinal))
            {
                hsSearches++;
            }
            else if (r.PathTemplate.EndsWith("/batch/read", StringComparison.Ordinal))
            {
                hsReads++;
            }
            else if (r.PathTemplate.Contains("/batch/", StringComparison.Ordinal))
            {
                hsWrites++;
            }
            else
            {
                hsOther++;
            }
        }

        var (active, busiest) = _sampler.Measure();
        return new SandboxTraffic
        {
            SalesforceCalls = salesforce.Count,
            SalesforceQueryCalls = sfQuery,
            SalesforceBulkCalls = sfBulk,
            SalesforceCollectionWrites = sfWrites,
            SalesforceRetrieves = sfRetrieves,
            SalesforceOtherCalls = sfOther,
            HubSpotCalls = hubSpot.Count,
            HubSpotBatchWrites = hsWrites,
            HubSpotSearches = hsSearches,
            HubSpotBatchReads = hsReads,
            HubSpotOtherCalls = hsOther,
            HubSpot429s = Account.TenSecondlyRefusals + Account.SecondlyRefusals + Account.DailyRefusals,
            HubSpotActiveSeconds = active,
            HubSpotBusiestTenSeconds = busiest,
            HubSpotTenSecondlyLimit = Account.Options.TenSecondlyLimit,
            SandboxCpuSeconds = (CpuTime() - _cpuAtReset).TotalSeconds,
        };
    }

    private static TimeSpan CpuTime()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
