namespace SfHsSync.Engine.Validation.Rules;

/// <summary>AS004: an association's HubSpot object exists.</summary>
public sealed class AssociationObjectMissing : MappingRule
{
    public AssociationObjectMissing()
        : base("AS004", nameof(AssociationObjectMissing), DiagnosticSeverity.Error, "An association's HubSpot object exists.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        foreach (var association in check.Mapping.Associations.Where(a => check.Snapshot.FindHubSpotObject(a.HubSpotObject) is null))
        {
            var names = check.Snapshot.HubSpotCustomObjects.SelectMany(s => new[] { s.Name, s.FullyQualifiedName ?? s.Name })
                .Concat(["contacts", "companies", "deals", "tickets", "products", "line_items", "quotes", "leads"]);
            yield return Report(
                check,
                association.ToString(),
                $"The HubSpot account has no object '{association.HubSpotObject}' to associate with.",
                NearestNames.DidYouMean(association.HubSpotObject, names) ?? "Name an existing HubSpot object: a standard one (companies, contacts...) or a custom object.",
                check.SourceOf(association));
        }
    }
}
