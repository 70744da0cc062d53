using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Validation.Rules;

/// <summary>
/// SF006 (warning): the Salesforce object cannot be updated (a junction whose records are only created and deleted), yet
/// fields send HubSpot values to it. The sync never sends it an update: such fields fill the record when it is created,
/// and afterwards a two-way field travels Salesforce to HubSpot only (a HubSpot edit is put back from Salesforce), a
/// HubSpot-to-Salesforce one is not synced. Nothing fails record by record.
/// </summary>
public sealed class SalesforceObjectNotUpdateable : MappingRule
{
    public SalesforceObjectNotUpdateable()
        : base("SF006", nameof(SalesforceObjectNotUpdateable), DiagnosticSeverity.Warning, "A Salesforce object that receives HubSpot values can be updated; else they are sent on create only.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.Capabilities is not { Updateable: false } capabilities)
        {
            yield break;
        }

        var toSalesforce = check.Mapping.Fields
            .Where(f => MappingCheck.TravelsToSalesforce(f.Direction) && check.FieldOf(f) is { Createable: true })
            .ToList();
        if (toSalesforce.Count == 0)
        {
            yield break;
        }

        yield return Report(
            check,
            capabilities.Name,
            $"The Salesforce object '{capabilities.Name}' cannot be updated (its records are only created and deleted), but {string.Join(", ", toSalesforce.Select(f => $"'{f}'"))} send HubSpot values to it. "
            + "The sync never sends it an update: these fields are written when a record is created in Salesforce; after that a two-way field travels Salesforce to HubSpot only "
            + "(a HubSpot edit is put back from Salesforce) and a HubSpot-to-Salesforce field is not synced.",
            "Set these fields to SalesforceToHubSpot to say so in the mapping, or change the record in Salesforce by deleting and re-creating it.",
            check.SourceOf(toSalesforce[0]));
    }
}
