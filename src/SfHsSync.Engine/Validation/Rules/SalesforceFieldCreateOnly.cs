namespace SfHsSync.Engine.Validation.Rules;

/// <summary>
/// FD013 (warning): a field Salesforce lets a create fill but no update change (createable, not updateable, such as a
/// junction's parent lookup or an external key) is mapped toward Salesforce. It is sent when the record is created in
/// Salesforce and never in an update: afterwards a two-way field travels Salesforce to HubSpot only (a HubSpot edit is
/// put back from Salesforce), a HubSpot-to-Salesforce one is not synced. Objects that cannot be updated at all are SF006.
/// </summary>
public sealed class SalesforceFieldCreateOnly : MappingRule
{
    public SalesforceFieldCreateOnly()
        : base("FD013", nameof(SalesforceFieldCreateOnly), DiagnosticSeverity.Warning, "A field that receives HubSpot values can be updated in Salesforce; else it is sent on create only.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.Capabilities is not { Updateable: true })
        {
            yield break;
        }

        foreach (var field in check.Mapping.Fields)
        {
            if (!MappingCheck.TravelsToSalesforce(field.Direction) || check.FieldOf(field) is not { Createable: true, Updateable: false, Calculated: false } sf)
            {
                continue;
            }

            var after = field.Direction == Mapping.SyncDirection.TwoWay
                ? "after that it travels Salesforce to HubSpot only, and a HubSpot edit is put back from Salesforce"
                : "after that HubSpot edits to it are not synced";
            yield return Report(
                check,
                field.ToString(),
                $"'{sf.Name}' can be set when a record is created but never updated in Salesforce, and '{field}' ({field.Direction}) sends HubSpot values to it. "
                + $"The sync sends it only when it creates the record in Salesforce; {after}.",
                "Set the field's direction to SalesforceToHubSpot, unless HubSpot fills it on create.",
                check.SourceOf(field));
        }
    }
}
