namespace SfHsSync.Engine.Validation.Rules;

/// <summary>AS001: an association's lookup field exists on the Salesforce object.</summary>
public sealed class AssociationFieldMissing : MappingRule
{
    public AssociationFieldMissing()
        : base("AS001", nameof(AssociationFieldMissing), DiagnosticSeverity.Error, "An association's lookup field exists on the Salesforce object.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.SalesforceObject is not { } sobject)
        {
            yield break;
        }

        foreach (var association in check.Mapping.Associations.Where(a => sobject.FindField(a.SalesforceField) is null))
        {
            var lookups = sobject.Fields.Where(f => f.IsReference).Select(f => f.Name).ToArray();
            yield return Report(
                check,
                association.ToString(),
                $"The Salesforce object '{sobject.Name}' has no field '{association.SalesforceField}' for this association.",
                NearestNames.DidYouMean(association.SalesforceField, lookups)
                ?? (lookups.Length == 0 ? $"'{sobject.Name}' has no lookup fields to associate through." : $"Its lookup fields are {string.Join(", ", lookups)}."),
                check.SourceOf(association));
        }
    }
}
