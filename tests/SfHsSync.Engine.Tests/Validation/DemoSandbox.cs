using SfHsSync.Engine.Connections;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.Validation;
using SfHsSync.Sandbox;

namespace SfHsSync.Engine.Tests.Validation;

/// <summary>
/// The sandbox with the Demo seed, hosted in-process once for every validation test (validation only reads), and a
/// fresh pair of clients per run so each test can count its own API calls.
/// </summary>
public sealed class DemoSandbox : IAsyncLifetime
{
    public SandboxServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SandboxServer.StartAsync(new SandboxOptions());

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Validates <paramref name="mappings"/> together through fresh clients.</summary>
    public async Task<ValidationRun> ValidateAsync(params SyncMapping[] mappings)
    {
        using var salesforce = new SalesforceClient(
            new SalesforceConnection(Server.SalesforceUrl, SecretText.ToSecureString(Server.Salesforce.DefaultAccessToken)),
            new SalesforceClientOptions { RetryDelay = TimeSpan.Zero });
        using var hubSpot = new HubSpotClient(new HubSpotConnection(Server.HubSpotUrl, SecretText.ToSecureString(Server.HubSpot.DefaultAccessToken)));
        var diagnostics = await MappingValidator.Default.ValidateAsync(mappings, new ConnectedSchemaSource(salesforce, hubSpot));
        return new ValidationRun(diagnostics, salesforce.ApiCallCount, hubSpot.ApiCallCount);
    }
}

[CollectionDefinition(Name)]
public sealed class DemoSandboxCollection : ICollectionFixture<DemoSandbox>
{
    public const string Name = "Validation against the Demo sandbox";
}

/// <summary>What one validation run found and what it cost.</summary>
public sealed record ValidationRun(IReadOnlyList<SyncDiagnostic> Diagnostics, long SalesforceCalls, long HubSpotCalls)
{
    public IReadOnlyList<SyncDiagnostic> Of(string ruleId) => Diagnostics.Where(d => d.RuleId == ruleId).ToArray();

    public SyncDiagnostic Single(string ruleId) => Assert.Single(Of(ruleId));

    public void None(string ruleId) => Assert.True(Of(ruleId).Count == 0, $"Expected no {ruleId}, got: {string.Join(" | ", Of(ruleId))}");

    public IReadOnlyList<SyncDiagnostic> Errors => Diagnostics.Where(d => d.IsError).ToArray();
}
