namespace SfHsSync.Engine.Validation.Rules;

/// <summary>FD010: a restricted Salesforce picklist that receives HubSpot values has every HubSpot option (Salesforce refuses others).</summary>
public sealed class RestrictedPicklistValuesUnmatched : MappingRule
{
    public RestrictedPicklistValuesUnmatched()
        : base("FD010", nameof(RestrictedPicklistValuesUnmatched), DiagnosticSeverity.Error, "A restricted Salesforce picklist that receives HubSpot values has every HubSpot option among its values.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        foreach (var field in check.Mapping.Fields)
        {
            if (check.FieldOf(field) is not { RestrictedPicklist: true } sf || check.PropertyOf(field) is not { } hs)
            {
                continue;
            }

            var missing = PicklistValues.MissingInSalesforce(field, sf, hs);
            if (missing.Count > 0)
            {
                yield return Report(
                    check,
                    field.ToString(),
                    $"'{sf.Name}' is a restricted picklist without the HubSpot options {PicklistValues.List(missing)} of '{hs.Name}': Salesforce refuses those values (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST).",
                    $"Add the values {PicklistValues.List(missing)} to '{sf.Name}' in Salesforce, remove those options in HubSpot, or set the direction to SalesforceToHubSpot.",
                    check.SourceOf(field));
            }
        }
    }
}
