namespace SfHsSync.Engine.Validation.Rules;

/// <summary>FD002: every mapped HubSpot property exists on the HubSpot object.</summary>
public sealed class HubSpotPropertyMissing : MappingRule
{
    public HubSpotPropertyMissing()
        : base("FD002", nameof(HubSpotPropertyMissing), DiagnosticSeverity.Error, "Every mapped HubSpot property exists on the HubSpot object.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.HubSpotObject is not { } schema)
        {
            yield break;
        }

        foreach (var field in check.Mapping.Fields.Where(f => check.PropertyOf(f) is null))
        {
            yield return Report(
                check,
                field.ToString(),
                $"The HubSpot object '{schema.Name}' has no property '{field.HubSpotProperty}'.",
                NearestNames.DidYouMean(field.HubSpotProperty, schema.Properties.Select(p => p.Name))
                ?? $"Create the property on {schema.Name} in HubSpot first, or map one of its existing properties.",
                check.SourceOf(field));
        }
    }
}
