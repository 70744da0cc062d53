using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Validation.Rules;

/// <summary>FD006: a field pair whose types fit only with a loss (datetime to date, picklist to text...).</summary>
public sealed class FieldTypeLossy : MappingRule
{
    public FieldTypeLossy()
        : base("FD006", nameof(FieldTypeLossy), DiagnosticSeverity.Warning, "The Salesforce field type and the HubSpot property type fit, but values lose something on the way.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        foreach (var field in check.Mapping.Fields)
        {
            if (check.FieldOf(field) is not { IsReference: false } sf || check.PropertyOf(field) is not { } hs)
            {
                continue;
            }

            var verdict = FieldTypeCompatibility.Check(sf, hs);
            if (verdict.Fit != TypeFit.Lossy)
            {
                continue;
            }

            var fitting = FieldTypeCompatibility.FittingHubSpotTypes(sf.Type);
            yield return Report(
                check,
                field.ToString(),
                $"'{sf.Name}' ({sf.Type}) and '{hs.Name}' ({hs.Type}/{hs.FieldType}) fit with a loss: {verdict.Reason}.",
                fitting.Count == 0
                    ? "Keep the mapping if the loss is acceptable."
                    : $"Keep it if the loss is acceptable, or map '{sf.Name}' to a HubSpot property of type {string.Join(" or ", fitting)}.",
                check.SourceOf(field));
        }
    }
}
