using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Validation.Rules;

/// <summary>FD007: a field that receives values from HubSpot is createable or updateable in Salesforce (not a formula, auto-number or system field).</summary>
public sealed class SalesforceFieldReadOnly : MappingRule
{
    public SalesforceFieldReadOnly()
        : base("FD007", nameof(SalesforceFieldReadOnly), DiagnosticSeverity.Error, "A Salesforce field that receives HubSpot values can be written (createable or updateable).")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        foreach (var field in check.Mapping.Fields)
        {
            if (!MappingCheck.TravelsToSalesforce(field.Direction)
                || check.FieldOf(field) is not { IsReference: false, Createable: false, Updateable: false } sf)
            {
                continue;
            }

            yield return Report(
                check,
                field.ToString(),
                $"'{sf.Name}' is {Kind(sf)} that the API cannot write, but '{field}' ({field.Direction}) sends HubSpot values to it; every such write would fail.",
                "Set the field's direction to SalesforceToHubSpot (Salesforce computes this value), or None.",
                check.SourceOf(field));
        }
    }

    private static string Kind(SalesforceFieldDescription field)
        => field.Calculated ? "a formula field"
            : field.AutoNumber ? "an auto-number field"
            : "a read-only (system) field";
}
