namespace SfHsSync.Engine.Validation.Rules;

/// <summary>AS007: a two-way association writes HubSpot's changes to the lookup, so Salesforce must let the lookup be updated.</summary>
public sealed class AssociationLookupReadOnly : MappingRule
{
    public AssociationLookupReadOnly()
        : base("AS007", nameof(AssociationLookupReadOnly), DiagnosticSeverity.Error, "A two-way association's lookup field can be updated in Salesforce.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.SalesforceObject is not { } sobject)
        {
            yield break;
        }

        foreach (var association in check.Mapping.Associations.Where(a => a.Direction == Mapping.SyncDirection.TwoWay))
        {
            // A missing field or one that is no lookup is AS001's or AS002's finding.
            if (sobject.FindField(association.SalesforceField) is not { IsReference: true, Updateable: false } field)
            {
                continue;
            }

            yield return Report(
                check,
                association.ToString(),
                $"'{field.Name}' cannot be updated in Salesforce, so a HubSpot association change could never reach it.",
                "Sync the association SalesforceToHubSpot (the default), or give the sync user edit access to the field.",
                check.SourceOf(association));
        }
    }
}
