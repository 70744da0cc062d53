namespace SfHsSync.Engine.Validation.Rules;

/// <summary>MP001: no more than 10 custom object mappings per HubSpot account, counted over the set tested or run together.</summary>
public sealed class MappingLimitExceeded : MappingRule
{
    /// <summary>HubSpot's cap on custom object mappings per account.</summary>
    public const int MaxMappingsPerAccount = 10;

    public MappingLimitExceeded()
        : base("MP001", nameof(MappingLimitExceeded), DiagnosticSeverity.Error, $"No more than {MaxMappingsPerAccount} custom object mappings per HubSpot account, counted over every mapping tested or run together.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.Index < MaxMappingsPerAccount)
        {
            yield break;
        }

        yield return Report(
            check,
            check.Mapping.Name,
            $"This is custom object mapping {check.Index + 1} of {check.Set.Count} tested together; HubSpot allows at most {MaxMappingsPerAccount} per account.",
            $"Keep at most {MaxMappingsPerAccount} mappings for one HubSpot account: remove {check.Set.Count - MaxMappingsPerAccount}, or test and run the others against another account.");
    }
}
