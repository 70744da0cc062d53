using System.Globalization;
using System.Xml;

namespace SfHsSync.Engine.Pipelines;

/// <summary>
/// A run as JUnit XML (-TestResultsPath), so PublishTestResults@2 shows failed records in the pipeline's Tests tab: a
/// test suite per run, a failed test case per failed record (its code as the failure type, its message as the text),
/// and one passing case for a run without failures so the run itself shows.
/// </summary>
public static class JUnitRunResults
{
    public static void Write(string path, string command, IReadOnlyList<RunOutcome> outcomes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(outcomes);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        using var xml = XmlWriter.Create(path, settings);
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", command);
        xml.WriteAttributeString("tests", Number(outcomes.Sum(Cases)));
        xml.WriteAttributeString("failures", Number(outcomes.Sum(o => o.Failures.Count)));
        foreach (var outcome in outcomes)
        {
            Suite(xml, outcome);
        }

        xml.WriteEndElement();
    }

    private static void Suite(XmlWriter xml, RunOutcome outcome)
    {
        var run = outcome.Run;
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", Invariant($"{run.Mapping} {run.Kind} run {run.Id}"));
        xml.WriteAttributeString("tests", Number(Cases(outcome)));
        xml.WriteAttributeString("failures", Number(outcome.Failures.Count));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("timestamp", run.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        xml.WriteAttributeString("time", Seconds(run));
        if (outcome.Failures.Count == 0)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", run.Mapping);
            xml.WriteAttributeString("name", Invariant($"{run.Kind} run {run.Id}: {run.State}"));
            xml.WriteAttributeString("time", Seconds(run));
            xml.WriteEndElement();
        }

        foreach (var failure in outcome.Failures)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", Invariant($"{run.Mapping}.{failure.Side}"));
            xml.WriteAttributeString("name", Invariant($"{failure.RecordId} {failure.Operation}"));
            xml.WriteAttributeString("time", "0");
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("type", failure.ErrorCode);
            xml.WriteAttributeString("message", Invariant($"{failure.ErrorCode}: {failure.Message}"));
            xml.WriteString(Invariant($"{failure.ErrorCode}: {failure.Message}\nSide {failure.Side}, record {failure.RecordId}, {failure.Operation}, attempt {failure.Attempts}."));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static int Cases(RunOutcome outcome) => Math.Max(1, outcome.Failures.Count);

    private static string Seconds(State.SyncRunRecord run)
        => ((run.FinishedAt ?? run.StartedAt) - run.StartedAt).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
