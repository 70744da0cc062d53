using SfHsSync.Bench.Protocol;

namespace SfHsSync.Bench.Harness;

/// <summary>The harness's handle on the sandbox process: its URLs and tokens, and commands sent to it.</summary>
internal sealed class SandboxProcess : IAsyncDisposable
{
    private readonly RoleProcess _process;

    private SandboxProcess(RoleProcess process, SandboxReady ready)
    {
        _process = process;
        Ready = ready;
    }

    public SandboxReady Ready { get; }

    public static async Task<SandboxProcess> StartAsync()
    {
        var process = RoleProcess.Start("sandbox");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var ready = BenchJson.Read<SandboxReady>(await process.ReadLineAsync(timeout.Token).ConfigureAwait(false), "The sandbox's ready line");
            return new SandboxProcess(process, ready);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<SandboxAnswer> AskAsync(SandboxCommand command)
    {
        await _process.SendAsync(BenchJson.Line(command)).ConfigureAwait(false);
        var answer = BenchJson.Read<SandboxAnswer>(await _process.ReadLineAsync().ConfigureAwait(false), $"The sandbox's answer to {command.Verb}");
        return answer.Ok ? answer : throw new InvalidOperationException($"The sandbox refused {command.Verb}: {answer.Error}");
    }

    public Task<SandboxAnswer> SeedAsync(int count) => AskAsync(new SandboxCommand(SandboxVerb.SeedInvoices) { Count = count });

    public Task<SandboxAnswer> LimitsAsync(int? tenSecondly, int? searchesPerSecond)
        => AskAsync(new SandboxCommand(SandboxVerb.Limits) { TenSecondlyLimit = tenSecondly, SearchRequestsPerSecond = searchesPerSecond });

    public Task<SandboxAnswer> ResetAsync() => AskAsync(new SandboxCommand(SandboxVerb.Reset));

    public async Task<SandboxTraffic> TrafficAsync() => (await AskAsync(new SandboxCommand(SandboxVerb.Traffic)).ConfigureAwait(false)).Traffic!;

    public async Task<int> SalesforceInvoicesAsync() => (await AskAsync(new SandboxCommand(SandboxVerb.Counts)).ConfigureAwait(false)).SalesforceInvoices;

    public SyncJob Job(SyncJobKind kind, string statePath) => new(kind, Ready.SalesforceUrl, Ready.HubSpotUrl, Ready.SalesforceAccessToken, Ready.HubSpotAccessToken, statePath);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
