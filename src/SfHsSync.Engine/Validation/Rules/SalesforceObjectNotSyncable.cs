namespace SfHsSync.Engine.Validation.Rules;

/// <summary>
/// SF002: the Salesforce object can be queried and retrieved (describe's queryable, retrieveable): without them nothing
/// of it can be read. An object that is not replicateable still syncs, its deletes found by its Ids (SF005).
/// </summary>
public sealed class SalesforceObjectNotSyncable : MappingRule
{
    public SalesforceObjectNotSyncable()
        : base("SF002", nameof(SalesforceObjectNotSyncable), DiagnosticSeverity.Error, "The Salesforce object can be queried and retrieved through the API.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.SalesforceSummary is not { } summary)
        {
            yield break;
        }

        var lacking = new List<string>();
        if (!summary.Queryable)
        {
            lacking.Add("queried");
        }

        if (!summary.Retrieveable)
        {
            lacking.Add("retrieved");
        }

        if (lacking.Count > 0)
        {
            yield return Report(
                check,
                summary.Name,
                $"The Salesforce object '{summary.Name}' cannot be {string.Join(" or ", lacking)} through the API, so none of its records can be read and the sync cannot run.",
                "Choose an object whose describe says queryable and retrieveable, or ask the Salesforce admin to give the integration user read access to it.");
        }
    }
}
