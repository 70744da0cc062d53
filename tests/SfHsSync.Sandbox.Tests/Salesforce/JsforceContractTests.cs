using System.Diagnostics;

namespace SfHsSync.Sandbox.Tests.Salesforce;

/// <summary>
/// Runs tests/contract/jsforce/contract.mjs: jsforce 3.10.16, unpatched, against the sandbox: describe, query and queryMore
/// over three pages and more, collections with arrays, retrieve, Bulk 2.0 query to the null locator and a Bulk 2.0 load.
/// </summary>
public sealed class JsforceContractTests
{
    private const int SeededInvoices = 4500;

    private const int BulkPageSize = 1000;

    [Fact]
    public async Task Jsforce_works_against_the_sandbox()
    {
        var contract = Path.Combine(SalesforceContracts.RepoRoot, "tests", "contract");
        Assert.True(File.Exists(Path.Combine(contract, "node_modules", "jsforce", "package.json")),
            $"jsforce is not installed in {contract}/node_modules: run `npm ci` in tests/contract (build.ps1 Test does).");

        await using var sf = await SalesforceTestOrg.StartAsync(o => o.BulkQueryPageSize = BulkPageSize);
        sf.Org.InsertMany("Invoice__c", Enumerable.Range(1, SeededInvoices).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Name"] = $"INV-C{i:D5}",
            ["Amount__c"] = 10m + i,
            ["Status__c"] = i % 3 == 0 ? "Paid" : "Sent",
        }));

        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = contract,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine("jsforce", "contract.mjs"));
        info.Environment["SF_INSTANCE_URL"] = sf.Server.SalesforceUrl.ToString();
        info.Environment["SF_ACCESS_TOKEN"] = sf.Org.DefaultAccessToken;
        info.Environment["SF_EXPECTED_INVOICES"] = (SeededInvoices + 40).ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["SF_BULK_PAGE_SIZE"] = BulkPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"node could not be started ({e.Message}): install Node.js 18 or later and run `npm ci` in tests/contract.");
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

            Assert.True(process.ExitCode == 0, $"contract.mjs exited with {process.ExitCode}.\nstdout:\n{await stdout}\nstderr:\n{await stderr}");
            Assert.Contains("ok - bulk2 loadAndWaitForResults", await stdout, StringComparison.Ordinal);
        }

        // Bulk pages of 1,000: the 4,500 seeded rows took five result calls.
        Assert.Equal(5, sf.Org.Requests.Count("GET", "/results"));
        Assert.Equal(2, sf.Org.Count("Invoice__c", includeDeleted: false) - SeededInvoices - 40);
    }
}
