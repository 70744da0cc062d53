using BenchmarkDotNet.Attributes;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.Sync;

namespace SfHsSync.Microbench;

/// <summary>
/// Value conversion on 2,000 invoices of ten fields (text, currency, percent, number, date, datetime, boolean,
/// picklist, multi-select, email): Salesforce wire values to canonical ones, and canonical ones to HubSpot's text.
/// </summary>
public class ValueConversionBenchmarks
{
    private InvoiceWorld _world = null!;
    private MappingRuntime _runtime = null!;
    private IReadOnlyList<SalesforceRecord> _records = [];
    private List<Dictionary<string, string?>> _canonical = [];

    [GlobalSetup]
    public void Setup()
    {
        _world = InvoiceWorld.StartAsync().GetAwaiter().GetResult();
        _runtime = _world.Runtime;
        _records = _world.ReadQueryPage();
        _canonical = _records.Select(r => _runtime.CanonicalOf(r)).ToList();
    }

    [GlobalCleanup]
    public void Cleanup() => _world.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public int SalesforceToCanonical()
    {
        var fields = 0;
        foreach (var record in _records)
        {
            fields += _runtime.CanonicalOf(record).Count;
        }

        return fields;
    }

    [Benchmark]
    public int CanonicalToHubSpot()
    {
        var length = 0;
        foreach (var values in _canonical)
        {
            foreach (var converter in _runtime.Converters)
            {
                length += converter.ToHubSpot(values[converter.Key]).Value?.Length ?? 0;
            }
        }

        return length;
    }
}
