namespace SfHsSync.Engine.Validation.Rules;

/// <summary>AS002: an association's Salesforce field is a lookup (reference) field.</summary>
public sealed class AssociationFieldNotLookup : MappingRule
{
    public AssociationFieldNotLookup()
        : base("AS002", nameof(AssociationFieldNotLookup), DiagnosticSeverity.Error, "An association's Salesforce field is a lookup (reference) field.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.SalesforceObject is not { } sobject)
        {
            yield break;
        }

        foreach (var association in check.Mapping.Associations)
        {
            if (sobject.FindField(association.SalesforceField) is not { IsReference: false } field)
            {
                continue;
            }

            yield return Report(
                check,
                association.ToString(),
                $"'{field.Name}' is a field of type {field.Type}, not a lookup: an association needs a field that holds another record's Id.",
                $"Use a lookup field of '{sobject.Name}' for the association, or sync '{field.Name}' as a field mapping (Add-FieldMapping).",
                check.SourceOf(association));
        }
    }
}
