using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Validation.Rules;

/// <summary>MP003: a Salesforce object, and a HubSpot object, is mapped once in a set; two mappings of one object would fight over its records.</summary>
public sealed class MappingObjectDuplicate : MappingRule
{
    public MappingObjectDuplicate()
        : base("MP003", nameof(MappingObjectDuplicate), DiagnosticSeverity.Error, "Each Salesforce object and each HubSpot object is mapped by one mapping of the set.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        var mapping = check.Mapping;
        var earlier = check.Set.Take(check.Index).ToArray();
        var sameSalesforce = earlier.FirstOrDefault(m => string.Equals(m.SalesforceObject, mapping.SalesforceObject, StringComparison.OrdinalIgnoreCase));
        if (sameSalesforce is not null)
        {
            yield return Duplicate(check, mapping.SalesforceObject, "Salesforce object", sameSalesforce);
        }

        var sameHubSpot = earlier.FirstOrDefault(m => SameHubSpotObject(check, m, mapping));
        if (sameHubSpot is not null)
        {
            yield return Duplicate(check, mapping.HubSpotObject, "HubSpot object", sameHubSpot);
        }
    }

    private SyncDiagnostic Duplicate(MappingCheck check, string target, string what, SyncMapping first)
        => Report(
            check,
            target,
            $"The {what} '{target}' is already mapped by '{first.Name}'; two mappings of one object would overwrite each other's changes to the same records.",
            $"Merge the field mappings into '{first.Name}', or map another object.");

    private static bool SameHubSpotObject(MappingCheck check, SyncMapping a, SyncMapping b)
    {
        // The same object can be named three ways (name, objectTypeId, fully qualified name): compare what they resolve to.
        var left = check.Snapshot.FindHubSpotObject(a.HubSpotObject);
        var right = check.Snapshot.FindHubSpotObject(b.HubSpotObject);
        return left is not null && right is not null
            ? string.Equals(left.ObjectTypeId, right.ObjectTypeId, StringComparison.Ordinal)
            : string.Equals(a.HubSpotObject, b.HubSpotObject, StringComparison.OrdinalIgnoreCase);
    }
}
