namespace SfHsSync.Engine.Validation.Rules;

/// <summary>
/// FD012: the connected Salesforce user may write each field that receives HubSpot values as the mapping writes it:
/// createable where records are created in Salesforce, updateable where HubSpot changes travel (describe answers as
/// that user sees the field, so field-level security shows here). A field neither createable nor updateable is FD007's;
/// one createable but not updateable is create-only, FD013's (the sync sends it on create only).
/// </summary>
public sealed class SalesforceFieldAccessMissing : MappingRule
{
    public SalesforceFieldAccessMissing()
        : base("FD012", nameof(SalesforceFieldAccessMissing), DiagnosticSeverity.Error, "The connected Salesforce user can create and update every field HubSpot values are written to.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        foreach (var field in check.Mapping.Fields)
        {
            if (!MappingCheck.TravelsToSalesforce(field.Direction) || check.FieldOf(field) is not { IsReference: false } sf || (!sf.Createable && !sf.Updateable))
            {
                continue;
            }

            // Createable but not updateable is a create-only field (FD013): the sync never sends it in an update, so nothing fails.
            var missing = sf.Createable && !sf.Updateable ? null
                : !sf.Updateable ? "edit (updateable)"
                : check.CreatesInSalesforce && !sf.Createable ? "create (createable)" : null;
            if (missing is null)
            {
                continue;
            }

            yield return Report(
                check,
                field.ToString(),
                $"The connected Salesforce user may not {missing} '{sf.Name}', but '{field}' ({field.Direction}) writes HubSpot values to it; those writes would fail with INVALID_FIELD_FOR_INSERT_UPDATE.",
                $"Grant the user Edit access to {check.Mapping.SalesforceObject}.{sf.Name} (field-level security in its profile or a permission set), or set the field's direction to SalesforceToHubSpot.",
                check.SourceOf(field));
        }
    }
}
