using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Validation.Rules;

/// <summary>
/// AS003: an association points at records that already sync: through a mapping of the same set (Via) that maps the
/// lookup's target object to the association's HubSpot object, or through a HubSpot property on the target object that
/// holds the Salesforce Id (TargetIdProperty), which must exist.
/// </summary>
public sealed class AssociationTargetNotSynced : MappingRule
{
    public AssociationTargetNotSynced()
        : base("AS003", nameof(AssociationTargetNotSynced), DiagnosticSeverity.Error, "An association's target records already sync: by a mapping of the set (Via) or by a property holding the Salesforce Id (TargetIdProperty).")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        foreach (var association in check.Mapping.Associations)
        {
            var problem = association.Via is not null ? ViaProblem(check, association) : TargetIdProblem(check, association);
            if (problem is not null)
            {
                yield return Report(check, association.ToString(), problem.Value.Message, problem.Value.Suggestion, check.SourceOf(association));
            }
        }
    }

    private static (string Message, string Suggestion)? ViaProblem(MappingCheck check, AssociationMapping association)
    {
        var via = check.Set.FirstOrDefault(m => string.Equals(m.Name, association.Via, StringComparison.OrdinalIgnoreCase));
        if (via is null)
        {
            return ($"The association goes via the mapping '{association.Via}', which is not among the mappings tested together; associations reach only records that already sync.",
                $"Test and run '{association.Via}' together with '{check.Mapping.Name}' (same files or pipeline), or find the targets with -TargetIdProperty.");
        }

        var lookup = check.SalesforceObject?.FindField(association.SalesforceField);
        if (lookup is { IsReference: true } && !lookup.ReferenceTo.Contains(via.SalesforceObject, StringComparer.OrdinalIgnoreCase))
        {
            return ($"'{lookup.Name}' looks up {string.Join(", ", lookup.ReferenceTo)}, but the mapping '{via.Name}' syncs {via.SalesforceObject}: its links cannot find the target records.",
                $"Go via a mapping of {string.Join(" or ", lookup.ReferenceTo)}.");
        }

        var viaObject = check.Snapshot.FindHubSpotObject(via.HubSpotObject);
        var target = check.Snapshot.FindHubSpotObject(association.HubSpotObject);
        var sameObject = viaObject is not null && target is not null
            ? string.Equals(viaObject.ObjectTypeId, target.ObjectTypeId, StringComparison.Ordinal)
            : string.Equals(via.HubSpotObject, association.HubSpotObject, StringComparison.OrdinalIgnoreCase);
        return sameObject
            ? null
            : ($"The association targets HubSpot '{association.HubSpotObject}', but the mapping '{via.Name}' syncs to '{via.HubSpotObject}'.",
                $"Set the association's HubSpot object to '{via.HubSpotObject}', or go via the mapping of '{association.HubSpotObject}'.");
    }

    private static (string Message, string Suggestion)? TargetIdProblem(MappingCheck check, AssociationMapping association)
    {
        // A missing target object is AS004's finding.
        if (check.Snapshot.FindHubSpotObject(association.HubSpotObject) is not { } target || target.FindProperty(association.TargetIdProperty!) is not null)
        {
            return null;
        }

        return ($"The HubSpot object '{target.Name}' has no property '{association.TargetIdProperty}' to find target records by their Salesforce Id.",
            NearestNames.DidYouMean(association.TargetIdProperty!, target.Properties.Select(p => p.Name))
            ?? $"Name the property of {target.Name} that holds the Salesforce Id (HubSpot's company sync keeps it in salesforceaccountid), or go via a mapping.");
    }
}
