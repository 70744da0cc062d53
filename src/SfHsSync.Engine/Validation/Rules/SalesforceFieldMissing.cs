namespace SfHsSync.Engine.Validation.Rules;

/// <summary>FD001: every mapped Salesforce field exists on the Salesforce object.</summary>
public sealed class SalesforceFieldMissing : MappingRule
{
    public SalesforceFieldMissing()
        : base("FD001", nameof(SalesforceFieldMissing), DiagnosticSeverity.Error, "Every mapped Salesforce field exists on the Salesforce object.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.SalesforceObject is not { } sobject)
        {
            yield break;
        }

        foreach (var field in check.Mapping.Fields.Where(f => check.FieldOf(f) is null))
        {
            yield return Report(
                check,
                field.ToString(),
                $"The Salesforce object '{sobject.Name}' has no field '{field.SalesforceField}', or the integration user cannot see it.",
                NearestNames.DidYouMean(field.SalesforceField, sobject.Fields.Select(f => f.Name))
                ?? "Check the field's API name (custom fields end in __c) and the integration user's field-level security.",
                check.SourceOf(field));
        }
    }
}
