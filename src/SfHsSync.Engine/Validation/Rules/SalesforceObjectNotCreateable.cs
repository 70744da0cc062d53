namespace SfHsSync.Engine.Validation.Rules;

/// <summary>
/// SF007 (warning): the mapping creates records in Salesforce, but the object cannot be created through the API. Creates
/// toward Salesforce are refused up front: the create direction acts as SalesforceToHubSpot (or None), and a HubSpot
/// record with no Salesforce twin stays unlinked.
/// </summary>
public sealed class SalesforceObjectNotCreateable : MappingRule
{
    public SalesforceObjectNotCreateable()
        : base("SF007", nameof(SalesforceObjectNotCreateable), DiagnosticSeverity.Warning, "A mapping that creates records in Salesforce maps an object the API can create.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.Capabilities is not { Createable: false } capabilities || !MappingCheck.TravelsToSalesforce(check.Mapping.CreateDirection))
        {
            yield break;
        }

        var acts = check.CreatesInHubSpot ? "SalesforceToHubSpot" : "None";
        yield return Report(
            check,
            capabilities.Name,
            $"The Salesforce object '{capabilities.Name}' cannot be created through the API, but the create direction {check.Mapping.CreateDirection} creates records in Salesforce. "
            + $"The sync creates nothing there: the create direction acts as {acts}, and a HubSpot record with no Salesforce twin stays unlinked.",
            $"Set the create direction to {acts}.");
    }
}
