using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Validation.Rules;

/// <summary>AS005: an association type (the label or type id given, or any type when neither is) exists between the two HubSpot objects.</summary>
public sealed class AssociationTypeMissing : MappingRule
{
    public AssociationTypeMissing()
        : base("AS005", nameof(AssociationTypeMissing), DiagnosticSeverity.Error, "The association type, by label or id when one is given, is defined between the two HubSpot objects.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.HubSpotObject is not { } from)
        {
            yield break;
        }

        foreach (var association in check.Mapping.Associations)
        {
            if (check.Snapshot.FindHubSpotObject(association.HubSpotObject) is not { } to
                || check.Snapshot.AssociationTypes(from.ObjectTypeId, to.ObjectTypeId) is not { } types)
            {
                continue;
            }

            var problem = Problem(association, types, from.Name, to.Name);
            if (problem is not null)
            {
                yield return Report(check, association.ToString(), problem.Value.Message, problem.Value.Suggestion, check.SourceOf(association));
            }
        }
    }

    private static (string Message, string Suggestion)? Problem(AssociationMapping association, IReadOnlyList<HubSpotAssociationType> types, string from, string to)
    {
        if (types.Count == 0)
        {
            return ($"No association type is defined from HubSpot {from} to {to}.",
                $"Define an association between {from} and {to} in HubSpot (the custom object's associated objects), then test again.");
        }

        var labels = types.Where(t => t.Label is not null).Select(t => t.Label!).Distinct(StringComparer.Ordinal).ToArray();
        var known = $"Defined from {from} to {to}: type ids {string.Join(", ", types.Select(t => t.TypeId).Distinct())}"
                    + (labels.Length == 0 ? " (no labels)." : $", labels {string.Join(", ", labels.Select(l => $"'{l}'"))}.");
        if (association.AssociationLabel is { } label && !labels.Contains(label, StringComparer.OrdinalIgnoreCase))
        {
            return ($"No association from {from} to {to} has the label '{label}'.", known);
        }

        if (association.AssociationTypeId is { } typeId && types.All(t => t.TypeId != typeId))
        {
            return ($"No association type {typeId} is defined from {from} to {to}.", known);
        }

        return null;
    }
}
