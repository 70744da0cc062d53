namespace SfHsSync.Engine.Validation.Rules;

/// <summary>SF001: the Salesforce object exists in the org (and the integration user can see it).</summary>
public sealed class SalesforceObjectMissing : MappingRule
{
    public SalesforceObjectMissing()
        : base("SF001", nameof(SalesforceObjectMissing), DiagnosticSeverity.Error, "The Salesforce object exists in the org and the integration user can see it.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.SalesforceSummary is not null)
        {
            yield break;
        }

        var name = check.Mapping.SalesforceObject;
        yield return Report(
            check,
            name,
            $"The Salesforce object '{name}' does not exist in the org, or the integration user cannot see it.",
            NearestNames.DidYouMean(name, check.Snapshot.SalesforceObjects.Select(o => o.Name))
            ?? "Check the object's API name (custom objects end in __c) and the integration user's object permissions.");
    }
}
