using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Validation.Rules;

/// <summary>
/// SF005 (warning): the Salesforce object's deletes cannot be read through getDeleted or queryAll (it is not
/// replicateable, or keeps no recycle bin), so each pass finds them by querying its Ids; the warning states the cost.
/// </summary>
public sealed class SalesforceDeletesReadByIds : MappingRule
{
    public SalesforceDeletesReadByIds()
        : base("SF005", nameof(SalesforceDeletesReadByIds), DiagnosticSeverity.Warning, "The Salesforce object's deletes can be read (it is replicateable and has a recycle bin); else each pass compares its Ids.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.Capabilities is not { Queryable: true, ReadKind: SalesforceReadKind.IncrementalIdSetDeletes } capabilities)
        {
            yield break;
        }

        yield return Report(
            check,
            capabilities.Name,
            capabilities.DescribeReading(check.Snapshot.SalesforceRecordCount(capabilities.Name)),
            "Nothing is missed; the Id query is made only once records are linked.");
    }
}
