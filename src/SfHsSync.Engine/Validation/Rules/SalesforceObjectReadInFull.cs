using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Validation.Rules;

/// <summary>
/// SF004 (warning): the Salesforce object has no usable change stamp (no SystemModstamp, no LastModifiedDate), so its
/// changes cannot be read incrementally: every pass reads it by a full comparison, and the warning states its cost.
/// </summary>
public sealed class SalesforceObjectReadInFull : MappingRule
{
    public SalesforceObjectReadInFull()
        : base("SF004", nameof(SalesforceObjectReadInFull), DiagnosticSeverity.Warning, "The Salesforce object can be read incrementally (it has SystemModstamp or LastModifiedDate); else it is read by a full comparison every pass.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.Capabilities is not { Queryable: true, ReadKind: SalesforceReadKind.FullComparison } capabilities)
        {
            yield break;
        }

        yield return Report(
            check,
            capabilities.Name,
            capabilities.DescribeReading(check.Snapshot.SalesforceRecordCount(capabilities.Name)),
            "Nothing is missed, but each pass costs a call per 2,000 records: run it less often (Start-Sync -Interval) if the object is large.");
    }
}
