using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Validation.Rules;

/// <summary>FD004: a Salesforce lookup/reference field is not field-mapped; it syncs through an association mapping.</summary>
public sealed class LookupFieldMapped : MappingRule
{
    public LookupFieldMapped()
        : base("FD004", nameof(LookupFieldMapped), DiagnosticSeverity.Error, "A Salesforce lookup (reference) field is not field-mapped: it syncs through an association mapping.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        foreach (var field in check.Mapping.Fields)
        {
            if (check.FieldOf(field) is not { IsReference: true } lookup)
            {
                continue;
            }

            var targets = lookup.ReferenceTo.Count == 0 ? "another object" : string.Join(", ", lookup.ReferenceTo);
            yield return Report(
                check,
                field.ToString(),
                $"'{lookup.Name}' is a lookup to {targets}: its value is a Salesforce record Id, which means nothing in HubSpot. A lookup cannot be field-mapped; it syncs as an association.",
                $"Remove this field mapping and add an association instead: {AssociationExample(check, lookup)}.",
                check.SourceOf(field));
        }
    }

    private static string AssociationExample(MappingCheck check, SalesforceFieldDescription lookup)
    {
        var via = check.Set.FirstOrDefault(m => lookup.ReferenceTo.Contains(m.SalesforceObject, StringComparer.OrdinalIgnoreCase));
        if (via is not null)
        {
            return $"Add-AssociationMapping -SalesforceField {lookup.Name} -HubSpotObject {via.HubSpotObject} -Via {via.Name}";
        }

        var native = lookup.ReferenceTo.Select(r => SupportedObjects.NativelySynced.GetValueOrDefault(r)).FirstOrDefault(n => n is not null);
        return native is not null
            ? $"Add-AssociationMapping -SalesforceField {lookup.Name} -HubSpotObject {native} -TargetIdProperty <property holding the Salesforce Id>"
            : $"Add-AssociationMapping -SalesforceField {lookup.Name} -HubSpotObject <target object> -Via <mapping of {string.Join(" or ", lookup.ReferenceTo)}>";
    }
}
