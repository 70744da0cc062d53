namespace SfHsSync.Engine.Validation.Rules;

/// <summary>
/// FD003: every required property of the HubSpot object is mapped, and, when the mapping creates records in HubSpot,
/// with a direction that fills it from Salesforce (HubSpot refuses a record created without it).
/// </summary>
public sealed class RequiredPropertyUnmapped : MappingRule
{
    public RequiredPropertyUnmapped()
        : base("FD003", nameof(RequiredPropertyUnmapped), DiagnosticSeverity.Error, "Every required HubSpot property is mapped, with a direction that fills it when a record is created in HubSpot.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.HubSpotObject is not { } schema)
        {
            yield break;
        }

        var mapping = check.Mapping;
        foreach (var required in schema.RequiredProperties)
        {
            // The link key is written on every create, so a required link key is filled without a field mapping.
            if (check.CreatesInHubSpot && string.Equals(mapping.SalesforceIdProperty, required, StringComparison.Ordinal))
            {
                continue;
            }

            var field = mapping.Fields.FirstOrDefault(f => string.Equals(f.HubSpotProperty, required, StringComparison.Ordinal));
            if (field is null)
            {
                var example = check.SalesforceObject?.FindField("Name") is not null ? "Name" : "<SalesforceField>";
                yield return Report(
                    check,
                    required,
                    $"HubSpot requires '{required}' on every {schema.Name} record, and no field mapping fills it.",
                    $"Map a Salesforce field to it: Add-FieldMapping -SalesforceField {example} -HubSpotProperty {required}.");
            }
            else if (check.CreatesInHubSpot && !MappingCheck.TravelsToHubSpot(field.Direction))
            {
                yield return Report(
                    check,
                    field.ToString(),
                    $"HubSpot requires '{required}' on every {schema.Name} record, but '{field}' ({field.Direction}) carries no Salesforce value to HubSpot, so records this mapping creates in HubSpot would be refused.",
                    "Set the field's direction to TwoWay or SalesforceToHubSpot, or stop creating records in HubSpot (-CreateDirection HubSpotToSalesforce).",
                    check.SourceOf(field));
            }
        }
    }
}
