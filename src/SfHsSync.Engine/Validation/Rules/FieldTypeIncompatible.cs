using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Validation.Rules;

/// <summary>FD005: the Salesforce field's type and the HubSpot property's type fit (<see cref="FieldTypeCompatibility"/>).</summary>
public sealed class FieldTypeIncompatible : MappingRule
{
    public FieldTypeIncompatible()
        : base("FD005", nameof(FieldTypeIncompatible), DiagnosticSeverity.Error, "The Salesforce field type and the HubSpot property type are a pair the type table accepts.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        foreach (var field in check.Mapping.Fields)
        {
            // Lookups have their own rule (FD004), which says what to do instead.
            if (check.FieldOf(field) is not { IsReference: false } sf || check.PropertyOf(field) is not { } hs)
            {
                continue;
            }

            var verdict = FieldTypeCompatibility.Check(sf, hs);
            if (verdict.Fit != TypeFit.Refused)
            {
                continue;
            }

            var fitting = FieldTypeCompatibility.FittingHubSpotTypes(sf.Type);
            yield return Report(
                check,
                field.ToString(),
                $"'{sf.Name}' is a Salesforce {sf.Type} field and '{hs.Name}' a HubSpot {hs.Type} ({hs.FieldType}) property: {verdict.Reason}.",
                fitting.Count == 0
                    ? $"A Salesforce {sf.Type} field has no HubSpot property type it can sync with; remove this field mapping."
                    : $"Map '{sf.Name}' to a HubSpot property of type {string.Join(" or ", fitting)}.",
                check.SourceOf(field));
        }
    }
}
