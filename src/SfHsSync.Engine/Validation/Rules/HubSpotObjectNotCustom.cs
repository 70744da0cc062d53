namespace SfHsSync.Engine.Validation.Rules;

/// <summary>HS002: the HubSpot object is a custom object, not a standard one (contacts, companies...).</summary>
public sealed class HubSpotObjectNotCustom : MappingRule
{
    public HubSpotObjectNotCustom()
        : base("HS002", nameof(HubSpotObjectNotCustom), DiagnosticSeverity.Error, "The HubSpot object is a custom object; standard objects sync through HubSpot's own integration.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.HubSpotObject is not { IsCustom: false } standard)
        {
            yield break;
        }

        yield return Report(
            check,
            check.Mapping.HubSpotObject,
            $"'{check.Mapping.HubSpotObject}' is HubSpot's standard object {standard.Name} ({standard.ObjectTypeId}), not a custom object; standard objects sync through HubSpot's own Salesforce integration.",
            "Create a HubSpot custom object for these records and map to it, or associate with the standard object through Add-AssociationMapping.");
    }
}
