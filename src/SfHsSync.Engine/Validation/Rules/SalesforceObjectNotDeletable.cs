namespace SfHsSync.Engine.Validation.Rules;

/// <summary>
/// SF008 (warning): the mapping deletes records in Salesforce, but the object cannot be deleted through the API. Deletes
/// toward Salesforce are refused up front: the delete direction acts as SalesforceToHubSpot (or None), so archiving a
/// HubSpot record only forgets its link and the Salesforce record stays.
/// </summary>
public sealed class SalesforceObjectNotDeletable : MappingRule
{
    public SalesforceObjectNotDeletable()
        : base("SF008", nameof(SalesforceObjectNotDeletable), DiagnosticSeverity.Warning, "A mapping that deletes records in Salesforce maps an object the API can delete.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.Capabilities is not { Deletable: false } capabilities || !MappingCheck.TravelsToSalesforce(check.Mapping.DeleteDirection))
        {
            yield break;
        }

        var acts = MappingCheck.TravelsToHubSpot(check.Mapping.DeleteDirection) ? "SalesforceToHubSpot" : "None";
        yield return Report(
            check,
            capabilities.Name,
            $"The Salesforce object '{capabilities.Name}' cannot be deleted through the API, but the delete direction {check.Mapping.DeleteDirection} deletes records in Salesforce. "
            + $"The sync deletes nothing there: the delete direction acts as {acts}, and archiving a HubSpot record only forgets its link; the Salesforce record stays.",
            $"Set the delete direction to {acts}.");
    }
}
