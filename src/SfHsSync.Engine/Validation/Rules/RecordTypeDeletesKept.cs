namespace SfHsSync.Engine.Validation.Rules;

/// <summary>
/// SF009 (information): HubSpot's rule for RecordType, which the sync keeps: a RecordType deleted in Salesforce never
/// archives its HubSpot record, whatever the delete direction says; the link is forgotten and the HubSpot record stays.
/// </summary>
public sealed class RecordTypeDeletesKept : MappingRule
{
    public RecordTypeDeletesKept()
        : base("SF009", nameof(RecordTypeDeletesKept), DiagnosticSeverity.Information, "A RecordType deleted in Salesforce keeps its HubSpot record.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.Capabilities is not { } capabilities
            || !string.Equals(capabilities.Name, "RecordType", StringComparison.OrdinalIgnoreCase)
            || !MappingCheck.TravelsToHubSpot(check.Mapping.DeleteDirection))
        {
            yield break;
        }

        yield return Report(
            check,
            capabilities.Name,
            $"A RecordType deleted in Salesforce never archives its HubSpot record (HubSpot's rule for RecordType), although the delete direction is {check.Mapping.DeleteDirection}: the link is forgotten and the HubSpot record stays.",
            null);
    }
}
