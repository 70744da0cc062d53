using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Validation.Rules;

/// <summary>MP004: a mapping saved for later is checked like any other, but will not sync until it is activated.</summary>
public sealed class MappingSavedForLater : MappingRule
{
    public MappingSavedForLater()
        : base("MP004", nameof(MappingSavedForLater), DiagnosticSeverity.Information, "A mapping saved for later does not sync until it is activated.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.Mapping.Status != MappingStatus.SavedForLater)
        {
            yield break;
        }

        yield return Report(
            check,
            check.Mapping.Name,
            $"'{check.Mapping.Name}' is saved for later: Start-Sync passes over it until it is activated.",
            "Activate it (status: Active in the YAML file) when it should start syncing.");
    }
}
