namespace SfHsSync.Engine.Validation.Rules;

/// <summary>
/// FD009: picklist values on one side that the other side's options lack, in the direction values travel (a warning;
/// a restricted Salesforce picklist receiving them is FD010).
/// </summary>
public sealed class PicklistValuesUnmatched : MappingRule
{
    public PicklistValuesUnmatched()
        : base("FD009", nameof(PicklistValuesUnmatched), DiagnosticSeverity.Warning, "Picklist values that travel to the other side are among its options.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        foreach (var field in check.Mapping.Fields)
        {
            if (check.FieldOf(field) is not { } sf || check.PropertyOf(field) is not { } hs)
            {
                continue;
            }

            var toHubSpot = PicklistValues.MissingInHubSpot(field, sf, hs);
            if (toHubSpot.Count > 0)
            {
                yield return Report(
                    check,
                    field.ToString(),
                    $"Salesforce values {PicklistValues.List(toHubSpot)} of '{sf.Name}' are not options of HubSpot's '{hs.Name}': records holding them will fail to sync to HubSpot.",
                    $"Add the options {PicklistValues.List(toHubSpot)} to '{hs.Name}' in HubSpot, or retire those values in Salesforce.",
                    check.SourceOf(field));
            }

            var toSalesforce = PicklistValues.MissingInSalesforce(field, sf, hs);
            if (toSalesforce.Count > 0 && !sf.RestrictedPicklist)
            {
                yield return Report(
                    check,
                    field.ToString(),
                    $"HubSpot options {PicklistValues.List(toSalesforce)} of '{hs.Name}' are not values of Salesforce's '{sf.Name}': Salesforce will store them as values outside its picklist.",
                    $"Add the values {PicklistValues.List(toSalesforce)} to '{sf.Name}' in Salesforce, or remove those options in HubSpot.",
                    check.SourceOf(field));
            }
        }
    }
}
