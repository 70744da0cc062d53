namespace SfHsSync.Engine.Validation.Rules;

/// <summary>HS001: the HubSpot object exists; a custom object must be created before it is mapped.</summary>
public sealed class HubSpotObjectMissing : MappingRule
{
    public HubSpotObjectMissing()
        : base("HS001", nameof(HubSpotObjectMissing), DiagnosticSeverity.Error, "The HubSpot custom object exists (it must be created before the mapping).")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.HubSpotObject is not null)
        {
            yield break;
        }

        var name = check.Mapping.HubSpotObject;
        var custom = check.Snapshot.HubSpotCustomObjects;
        var names = custom.SelectMany(s => new[] { s.Name, s.FullyQualifiedName ?? s.Name, s.ObjectTypeId });
        yield return Report(
            check,
            name,
            $"The HubSpot account has no object '{name}'. HubSpot's custom object must exist before a mapping can use it.",
            NearestNames.DidYouMean(name, names)
            ?? (custom.Count == 0
                ? "Create the custom object in HubSpot first (Settings > Data Management > Objects, or the schemas API)."
                : $"Create the custom object in HubSpot first, or use one that exists: {string.Join(", ", custom.Select(s => s.FullyQualifiedName ?? s.Name))}."));
    }
}
