using BenchmarkDotNet.Attributes;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;

namespace SfHsSync.Microbench;

/// <summary>
/// The reconciler on 2,000 invoices: an echo (a linked record whose values came back unchanged, the commonest case
/// of a pass), a change on one field, and a create (no link yet). Per call of the benchmark: 2,000 decisions.
/// </summary>
public class ReconcilerBenchmarks
{
    private InvoiceWorld _world = null!;
    private ReconcilePolicy _policy = null!;
    private ReconcileInput[] _echoes = [];
    private ReconcileInput[] _changes = [];
    private ReconcileInput[] _creates = [];

    [GlobalSetup]
    public void Setup()
    {
        _world = InvoiceWorld.StartAsync().GetAwaiter().GetResult();
        var runtime = _world.Runtime;
        _policy = runtime.Policy;
        var records = _world.ReadQueryPage();
        var canonical = records.Select(r => runtime.CanonicalOf(r)).ToList();
        _echoes = records.Select((r, i) => new ReconcileInput(new RecordLink(r.Id!, "h" + i, canonical[i]), SideSnapshot.Present(r.Id!, canonical[i]), new SideSnapshot(SideState.Unchanged, "h" + i, null))).ToArray();
        _changes = records.Select((r, i) =>
        {
            var changed = new Dictionary<string, string?>(canonical[i]) { ["Amount__c"] = InvoiceWorld.Text(90_000m + i) };
            return new ReconcileInput(new RecordLink(r.Id!, "h" + i, canonical[i]), SideSnapshot.Present(r.Id!, changed), new SideSnapshot(SideState.Unchanged, "h" + i, null));
        }).ToArray();
        _creates = records.Select((r, i) => new ReconcileInput(null, SideSnapshot.Present(r.Id!, canonical[i]), SideSnapshot.Absent)).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _world.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public int Echoes() => Decide(_echoes);

    [Benchmark]
    public int OneFieldChanged() => Decide(_changes);

    [Benchmark]
    public int Creates() => Decide(_creates);

    private int Decide(ReconcileInput[] inputs)
    {
        var writes = 0;
        foreach (var input in inputs)
        {
            writes += Reconciler.Decide(_policy, input).Changes.Count;
        }

        return writes;
    }
}
