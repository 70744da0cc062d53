using System.Xml.Linq;
using SfHsSync.Engine.Pipelines;

namespace SfHsSync.Engine.Tests.Pipelines;

public sealed class PipelineResultFilesTests
{
    [Fact]
    public void JUnit_has_a_failed_case_per_failed_record_with_its_code_and_message_and_a_passing_case_for_a_clean_run()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sfhssync-junit-{Guid.NewGuid():N}.xml");
        try
        {
            JUnitRunResults.Write(path, "Start-Sync", new[] { PipelineRuns.Outcome(3, message: "too <big> & \"wrong\""), PipelineRuns.Outcome(0) });
            var xml = XDocument.Load(path).Root!;

            Assert.Equal("testsuites", xml.Name.LocalName);
            Assert.Equal(("4", "3"), ((string)xml.Attribute("tests")!, (string)xml.Attribute("failures")!));
            var suites = xml.Elements("testsuite").ToList();
            Assert.Equal(2, suites.Count);
            var failed = suites[0].Elements("testcase").ToList();
            Assert.Equal(new[] { "hs-001 Update", "hs-002 Update", "hs-003 Update" }, failed.Select(c => (string)c.Attribute("name")!));
            Assert.All(failed, c => Assert.Equal("Invoices.Salesforce", (string)c.Attribute("classname")!));
            Assert.Equal(new[] { "NUMBER_OUTSIDE_VALID_RANGE", "NUMBER_OUTSIDE_VALID_RANGE", "STRING_TOO_LONG" }, failed.Select(c => (string)c.Element("failure")!.Attribute("type")!));
            Assert.Equal("STRING_TOO_LONG: too <big> & \"wrong\"", (string)failed[2].Element("failure")!.Attribute("message")!);
            Assert.Equal("12.5", (string)suites[0].Attribute("time")!);
            var clean = Assert.Single(suites[1].Elements("testcase"));
            Assert.Null(clean.Element("failure"));
            Assert.Equal("Sync run 7: Succeeded", (string)clean.Attribute("name")!);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_summary_has_the_counts_each_way_the_failures_by_kind_with_the_first_few_the_conflicts_and_the_API_use()
    {
        var md = RunSummaryMarkdown.Write("SfHsSync Start-Sync", new[] { PipelineRuns.Outcome(8, message: "a | b\nc") });

        Assert.StartsWith("## SfHsSync Start-Sync\n", md, StringComparison.Ordinal);
        Assert.Contains("| Invoices | 7 | CompletedWithErrors | 3 / 0 / 0 | 0 / 2 / 0 | 1 | 8 | 5 (4) | 6 (6) | 12.5 s |", md, StringComparison.Ordinal);
        Assert.Contains("| PropertyValue | 8 | Salesforce hs-001 (Update) NUMBER_OUTSIDE_VALID_RANGE: a \\| b c<br>Salesforce hs-002 (Update) NUMBER_OUTSIDE_VALID_RANGE: a \\| b c<br>Salesforce hs-003 (Update) STRING_TOO_LONG: a \\| b c<br>", md, StringComparison.Ordinal);
        Assert.Contains("<br>and 3 more |", md, StringComparison.Ordinal);
        Assert.Contains("| a01 | Amount__c | 1\\|2 | 3 | Salesforce |", md, StringComparison.Ordinal);
        Assert.Contains("5 of the org's 100,000 daily calls (0.005%), 2,000 used in the last 24 hours; HubSpot's limit 190 calls per 10 s.", md, StringComparison.Ordinal);
        Assert.Contains("Retries of Invoices (run 7): 6 (Salesforce RowLock 2; HubSpot RateLimit 3, ServerError 1).", md, StringComparison.Ordinal);
    }
}
