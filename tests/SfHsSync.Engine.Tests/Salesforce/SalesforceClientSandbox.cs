using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Sandbox;
using SfHsSync.Sandbox.Salesforce;

namespace SfHsSync.Engine.Tests.Salesforce;

/// <summary>Starts the sandbox in-process for one test and builds clients against its Salesforce half.</summary>
internal static class SalesforceClientSandbox
{
    /// <summary>No waiting in tests: retries and polls go at once (backoff and jitter are Polly's, tested there).</summary>
    public static readonly SalesforceClientOptions Fast = new()
    {
        RetryDelay = TimeSpan.Zero,
        BulkPollInterval = TimeSpan.Zero,
    };

    public static Task<SandboxServer> StartAsync(Action<SalesforceSandboxOptions>? configure = null, string seed = "Demo")
    {
        var options = new SandboxOptions { Seed = seed };
        configure?.Invoke(options.Salesforce);
        return SandboxServer.StartAsync(options);
    }

    public static SalesforceConnection TokenConnection(SandboxServer server)
        => new(server.SalesforceUrl, SecretText.ToSecureString(server.Salesforce.DefaultAccessToken));

    public static SalesforceClient Client(SandboxServer server, SalesforceClientOptions? options = null)
        => new(TokenConnection(server), options ?? Fast);

    /// <summary>Inserts <paramref name="count"/> invoices straight into the org (no API calls); names INV-B00001 on.</summary>
    public static IReadOnlyList<string> SeedInvoices(SandboxServer server, int count, string prefix = "INV-B")
        => server.Salesforce.InsertMany("Invoice__c", Enumerable.Range(1, count).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Name"] = $"{prefix}{i:D5}",
            ["Amount__c"] = 100m + i + 0.5m,
            ["Paid__c"] = i % 2 == 0,
            ["Status__c"] = "Sent",
            ["Due_Date__c"] = new DateOnly(2025, 3, 1).AddDays(i % 28),
        }));

    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
