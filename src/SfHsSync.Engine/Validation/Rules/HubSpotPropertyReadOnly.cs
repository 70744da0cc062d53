using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Validation.Rules;

/// <summary>FD008: a property that receives values from Salesforce is not read-only or calculated in HubSpot.</summary>
public sealed class HubSpotPropertyReadOnly : MappingRule
{
    public HubSpotPropertyReadOnly()
        : base("FD008", nameof(HubSpotPropertyReadOnly), DiagnosticSeverity.Error, "A HubSpot property that receives Salesforce values is neither read-only nor calculated.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        foreach (var field in check.Mapping.Fields)
        {
            if (!MappingCheck.TravelsToHubSpot(field.Direction) || check.PropertyOf(field) is not { } hs || !IsReadOnly(hs))
            {
                continue;
            }

            var kind = hs.Calculated || hs.FieldType == "calculation_equation" ? "a calculated property" : "a read-only property";
            yield return Report(
                check,
                field.ToString(),
                $"'{hs.Name}' is {kind} that HubSpot computes or protects, but '{field}' ({field.Direction}) sends Salesforce values to it; HubSpot refuses such writes.",
                "Set the field's direction to HubSpotToSalesforce, or None, or remove the mapping if both sides compute the value.",
                check.SourceOf(field));
        }
    }

    private static bool IsReadOnly(HubSpotPropertyDescription property)
        => property.Calculated || property.ReadOnlyValue || string.Equals(property.FieldType, "calculation_equation", StringComparison.Ordinal);
}
