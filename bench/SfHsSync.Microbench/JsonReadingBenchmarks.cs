using System.Text.Json;
using BenchmarkDotNet.Attributes;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Microbench;

/// <summary>
/// Reading the services' answers into records: a Salesforce REST page of 2,000 invoices (JSON), the same invoices as a
/// Bulk 2.0 results page (CSV), and HubSpot's answer to a batch upsert of 100 (JSON).
/// </summary>
public class JsonReadingBenchmarks
{
    private InvoiceWorld _world = null!;

    [GlobalSetup]
    public void Setup() => _world = InvoiceWorld.StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _world.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public int SalesforceQueryPage() => _world.ReadQueryPage().Count;

    [Benchmark]
    public int SalesforceBulkCsvPage() => SalesforceBulkCsv.ReadQueryPage(_world.BulkPage, _world.Query).Count();

    [Benchmark]
    public int HubSpotBatchAnswer()
    {
        var answer = JsonSerializer.Deserialize<WireBatchObjects>(_world.UpsertAnswer, HubSpotJson.Options)!;
        return answer.Results.Select(r => r.ToRecord()).Count();
    }
}
