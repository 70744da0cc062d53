using System.ComponentModel;
using System.Diagnostics;

namespace SfHsSync.Sandbox.Tests.HubSpot;

/// <summary>
/// HubSpot's own Node SDK (@hubspot/api-client 13.5.0, unpatched) against the sandbox: tests/contract/hubspot/contract.mjs.
/// </summary>
public sealed class HubSpotSdkContractTests
{
    private const string Setup = "Run `npm ci` in tests/contract (Node.js 18 or later on PATH) to install @hubspot/api-client.";

    [Fact]
    public async Task The_HubSpot_Node_SDK_runs_its_documented_calls_against_the_sandbox()
    {
        var contractDir = Path.Combine(RepoRoot.Path, "tests", "contract");
        var script = Path.Combine(contractDir, "hubspot", "contract.mjs");
        Assert.True(File.Exists(script), $"{script} is missing.");
        Assert.True(
            File.Exists(Path.Combine(contractDir, "node_modules", "@hubspot", "api-client", "package.json")),
            $"tests/contract/node_modules/@hubspot/api-client is missing. {Setup}");

        // HubSpot's real limits: the SDK's own limiter must keep it inside them.
        await using var hs = await HubSpotTestServer.StartAsync(configure: o =>
        {
            o.TenSecondlyLimit = 190;
            o.SearchRequestsPerSecond = 5;
        });

        var start = new ProcessStartInfo("node", [script])
        {
            WorkingDirectory = contractDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["HUBSPOT_BASE_URL"] = hs.Url.ToString();
        start.Environment["HUBSPOT_ACCESS_TOKEN"] = hs.Account.DefaultAccessToken;

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"node could not be started ({e.Message}). {Setup}");
            return;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"contract.mjs did not finish in 3 minutes.\n{await stdout}\n{await stderr}");
            }

            var output = $"exit code {process.ExitCode}\n--- stdout\n{await stdout}\n--- stderr\n{await stderr}";
            Assert.True(process.ExitCode == 0, output);
            Assert.Contains("all HubSpot SDK contract steps passed", output, StringComparison.Ordinal);
        }

        // The SDK made exactly the documented calls: no retries, nothing extra.
        Assert.Equal(1, hs.Account.CountRequests("POST", "/crm-object-schemas/v3/schemas"));
        Assert.Equal(2, hs.Account.CountRequests("GET", "/crm-object-schemas/v3/schemas/{objectType}"));
        Assert.Equal(3, hs.Account.CountRequests("POST", "/crm/v3/objects/{objectType}/batch/create"));
        Assert.Equal(3, hs.Account.CountRequests("POST", "/crm/v3/objects/{objectType}/batch/read"));
        Assert.Equal(1, hs.Account.CountRequests("POST", "/crm/v3/objects/{objectType}/batch/update"));
        Assert.Equal(1, hs.Account.CountRequests("POST", "/crm/v3/objects/{objectType}/batch/upsert"));
        Assert.Equal(1, hs.Account.CountRequests("POST", "/crm/v3/objects/{objectType}/batch/archive"));
        Assert.Equal(4, hs.Account.CountRequests("POST", "/crm/v3/objects/{objectType}/search"));
        Assert.Equal(1, hs.Account.CountRequests("POST", "/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/create"));
        Assert.Equal(1, hs.Account.CountRequests("POST", "/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/read"));
        Assert.Equal(0, hs.Account.TenSecondlyRefusals + hs.Account.SecondlyRefusals);
        Assert.Equal(246, hs.Account.CountRecords("p12345678_contract_orders"));
    }
}
