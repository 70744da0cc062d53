namespace SfHsSync.Engine.Validation.Rules;

/// <summary>MP002: each mapping in a set has its own name (associations find other mappings by name, and state is kept by name).</summary>
public sealed class MappingNameDuplicate : MappingRule
{
    public MappingNameDuplicate()
        : base("MP002", nameof(MappingNameDuplicate), DiagnosticSeverity.Error, "Every mapping tested or run together has its own name.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        var first = check.Set.Take(check.Index).FirstOrDefault(m => string.Equals(m.Name, check.Mapping.Name, StringComparison.OrdinalIgnoreCase));
        if (first is null)
        {
            yield break;
        }

        yield return Report(
            check,
            check.Mapping.Name,
            $"Another mapping in the set is also named '{first.Name}'" + (first.Source is null ? "." : $" ({first.Source}).") + " Associations find mappings by name, and the sync keeps its state per name.",
            "Rename one of the two mappings, or drop the copy.");
    }
}
