namespace SfHsSync.Engine.Validation.Rules;

/// <summary>SF002: the Salesforce object can be queried and replicated (describe's queryable, replicateable, retrieveable).</summary>
public sealed class SalesforceObjectNotSyncable : MappingRule
{
    public SalesforceObjectNotSyncable()
        : base("SF002", nameof(SalesforceObjectNotSyncable), DiagnosticSeverity.Error, "The Salesforce object can be queried, retrieved and replicated through the API.")
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

        if (!summary.Replicateable)
        {
            lacking.Add("replicated (no updated/deleted reads)");
        }

        if (lacking.Count > 0)
        {
            yield return Report(
                check,
                summary.Name,
                $"The Salesforce object '{summary.Name}' cannot be {string.Join(" or ", lacking)} through the API, so changes to it cannot be read.",
                "Choose an object whose describe says queryable, retrieveable and replicateable, or ask the Salesforce admin to give the integration user read access to it.");
        }
    }
}
