using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.Sync;
using SfHsSync.Sandbox;

namespace SfHsSync.Microbench;

/// <summary>
/// What the benchmarks work on, taken from a real sandbox rather than made up: the invoice mapping resolved against
/// both live schemas, and the answers Salesforce and HubSpot give for a page of invoices, as bytes.
/// </summary>
internal sealed class InvoiceWorld : IAsyncDisposable
{
    public const int Records = 2_000;

    private InvoiceWorld(SandboxServer server, MappingRuntime runtime)
    {
        Server = server;
        Runtime = runtime;
    }

    public SandboxServer Server { get; }

    public MappingRuntime Runtime { get; }

    /// <summary>A REST query page of 2,000 invoices, as Salesforce answers it.</summary>
    public byte[] QueryPage { get; private set; } = [];

    /// <summary>A Bulk API 2.0 results page of the same invoices (CSV).</summary>
    public string BulkPage { get; private set; } = string.Empty;

    /// <summary>HubSpot's answer to a batch upsert of 100 invoices.</summary>
    public byte[] UpsertAnswer { get; private set; } = [];

    /// <summary>The import's query; built once, as the engine builds it once per read (it caches its field lookup).</summary>
    public SoqlQuery Query { get; private set; } = null!;

    public static SyncMapping Mapping()
        => new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices", ConflictWinner.Salesforce, SyncDirection.SalesforceToHubSpot, SyncDirection.None, "salesforce_id", "HubSpot_Id__c")
            .AddField("Name", "invoice_number")
            .AddField("Amount__c", "amount")
            .AddField("Tax_Rate__c", "tax_rate")
            .AddField("Units__c", "units")
            .AddField("Due_Date__c", "due_date")
            .AddField("Sent_At__c", "sent_at")
            .AddField("Paid__c", "paid")
            .AddField("Status__c", "status")
            .AddField("Channels__c", "channels", SyncDirection.SalesforceToHubSpot)
            .AddField("Billing_Email__c", "billing_email");

    public static async Task<InvoiceWorld> StartAsync()
    {
        var options = new SandboxOptions { Seed = "Demo" };
        options.HubSpot.TenSecondlyLimit = null;
        var server = await SandboxServer.StartAsync(options);
        foreach (var invoice in server.Salesforce.Records("Invoice__c").Where(r => (string?)r["Status__c"] == "Void"))
        {
            server.Salesforce.Update("Invoice__c", invoice.Id, new Dictionary<string, object?> { ["Status__c"] = "Draft" });
        }

        server.Salesforce.InsertMany("Invoice__c", Enumerable.Range(1, Records - 40).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Name"] = $"INV-M{i:D7}",
            ["Amount__c"] = 100m + (i % 5000) + 0.25m,
            ["Tax_Rate__c"] = (i % 20) + 0.5m,
            ["Units__c"] = (decimal)(i % 50),
            ["Due_Date__c"] = new DateOnly(2025, 3, 1).AddDays(i % 90),
            ["Sent_At__c"] = new DateTime(2025, 1, 6, 9, 30, 0, DateTimeKind.Utc).AddMinutes(i),
            ["Paid__c"] = i % 2 == 0,
            ["Status__c"] = (i % 3) switch { 0 => "Draft", 1 => "Sent", _ => "Paid" },
            ["Channels__c"] = i % 2 == 0 ? "Email;Portal" : "Mail",
            ["Billing_Email__c"] = $"billing{i}@example.com",
        }));

        using var salesforce = new SalesforceClient(new SalesforceConnection(server.SalesforceUrl, SecretText.ToSecureString(server.Salesforce.DefaultAccessToken)));
        using var hubSpot = new HubSpotClient(new HubSpotConnection(server.HubSpotUrl, SecretText.ToSecureString(server.HubSpot.DefaultAccessToken)));
        var world = new InvoiceWorld(server, await MappingRuntime.ResolveAsync(Mapping(), salesforce, hubSpot, CancellationToken.None));
        world.Query = SoqlQuery.Select(world.Runtime.Salesforce, world.Runtime.SalesforceFields).OrderBy("Id");
        await world.CaptureAnswersAsync();
        return world;
    }

    /// <summary>The invoices as the engine reads them from a REST page.</summary>
    public IReadOnlyList<SalesforceRecord> ReadQueryPage()
    {
        using var document = JsonDocument.Parse(QueryPage);
        return document.RootElement.GetProperty("records").EnumerateArray().Select(item => SalesforceClient.ReadRecord(item, Query)).ToList();
    }

    private async Task CaptureAnswersAsync()
    {
        using var sf = new HttpClient { BaseAddress = Server.SalesforceUrl };
        sf.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Server.Salesforce.DefaultAccessToken);
        var soql = Uri.EscapeDataString(Query.ToSoql());
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"services/data/v62.0/query?q={soql}"))
        {
            request.Headers.Add("Sforce-Query-Options", "batchSize=2000");
            using var answer = (await sf.SendAsync(request)).EnsureSuccessStatusCode();
            QueryPage = await answer.Content.ReadAsByteArrayAsync();
        }

        var job = JsonSerializer.Serialize(new { operation = "query", query = Query.ToSoql() });
        using (var created = (await sf.PostAsync("services/data/v62.0/jobs/query", new StringContent(job, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode())
        {
            using var doc = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
            var id = doc.RootElement.GetProperty("id").GetString();
            while (true)
            {
                using var state = JsonDocument.Parse(await sf.GetStringAsync($"services/data/v62.0/jobs/query/{id}"));
                if (state.RootElement.GetProperty("state").GetString() == "JobComplete")
                {
                    break;
                }

                await Task.Delay(50);
            }

            BulkPage = await sf.GetStringAsync($"services/data/v62.0/jobs/query/{id}/results");
        }

        using var hs = new HttpClient { BaseAddress = Server.HubSpotUrl };
        hs.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Server.HubSpot.DefaultAccessToken);
        var inputs = ReadQueryPage().Take(100).Select(record => new
        {
            id = record.Id,
            idProperty = "salesforce_id",
            properties = Runtime.Converters.ToDictionary(c => c.HubSpot.Name, c => c.ToHubSpot(c.FromSalesforce(record[c.Salesforce.Name])).Value ?? string.Empty),
        });
        var body = JsonSerializer.Serialize(new { inputs });
        using var upsert = (await hs.PostAsync("crm/v3/objects/p12345678_invoices/batch/upsert", new StringContent(body, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        UpsertAnswer = await upsert.Content.ReadAsByteArrayAsync();
    }

    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
