namespace SfHsSync.Engine.Validation.Rules;

/// <summary>
/// HS003: the HubSpot private app token has the scopes the mapping needs: reading (and, where anything travels to
/// HubSpot, writing) its custom object, reading schemas, and writing associations to their target objects.
/// </summary>
public sealed class HubSpotScopeMissing : MappingRule
{
    public HubSpotScopeMissing()
        : base("HS003", nameof(HubSpotScopeMissing), DiagnosticSeverity.Error, "The HubSpot token has every scope the mapping's reads and writes need.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        if (check.Snapshot.HubSpotTokenScopes is not { } granted)
        {
            yield break;
        }

        foreach (var (scope, why) in Needed(check).Where(n => !granted.Contains(n.Scope, StringComparer.Ordinal)).DistinctBy(n => n.Scope))
        {
            yield return Report(
                check,
                check.Mapping.HubSpotObject,
                $"The HubSpot private app's token lacks the scope '{scope}', which {why}; HubSpot answers such calls 403 MISSING_SCOPES.",
                $"Add '{scope}' to the private app's scopes (Settings > Integrations > Private Apps > Scopes), then use the token it shows.",
                check.Mapping.Source);
        }
    }

    private static IEnumerable<(string Scope, string Why)> Needed(MappingCheck check)
    {
        var mapping = check.Mapping;
        yield return ("crm.objects.custom.read", $"reading {mapping.HubSpotObject} records needs");
        yield return ("crm.schemas.custom.read", "reading the custom object's schema needs");
        var writes = check.CreatesInHubSpot || MappingCheck.TravelsToHubSpot(mapping.DeleteDirection)
            || mapping.Fields.Any(f => MappingCheck.TravelsToHubSpot(f.Direction));
        if (writes || mapping.Associations.Count > 0)
        {
            yield return ("crm.objects.custom.write", $"writing {mapping.HubSpotObject} records and their associations needs");
        }

        foreach (var association in mapping.Associations)
        {
            var target = association.HubSpotObject.ToLowerInvariant() switch
            {
                "companies" or "company" or "0-2" => "companies",
                "contacts" or "contact" or "0-1" => "contacts",
                _ => null,
            };
            if (target is not null)
            {
                yield return ($"crm.objects.{target}.write", $"associating records with {target} ({association.SalesforceField}) needs");
            }
        }
    }
}
