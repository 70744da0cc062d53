namespace SfHsSync.Engine.Validation.Rules;

/// <summary>AS006: a custom object does not associate with both contacts and leads (HubSpot's custom object sync allows one of the two).</summary>
public sealed class AssociationContactsAndLeads : MappingRule
{
    private const string ContactsTypeId = "0-1";
    private const string LeadsTypeId = "0-136";

    public AssociationContactsAndLeads()
        : base("AS006", nameof(AssociationContactsAndLeads), DiagnosticSeverity.Error, "A custom object associates with contacts or with leads, not both.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        var contacts = check.Mapping.Associations.FirstOrDefault(a => Is(check, a.HubSpotObject, "contacts", ContactsTypeId));
        var leads = check.Mapping.Associations.FirstOrDefault(a => Is(check, a.HubSpotObject, "leads", LeadsTypeId));
        if (contacts is null || leads is null)
        {
            yield break;
        }

        var later = check.Mapping.Associations.IndexOf(contacts) > check.Mapping.Associations.IndexOf(leads) ? contacts : leads;
        yield return Report(
            check,
            later.ToString(),
            $"'{check.Mapping.Name}' associates with both contacts ({contacts.SalesforceField}) and leads ({leads.SalesforceField}); a custom object can associate with one of the two.",
            "Keep the association with contacts or the one with leads, and remove the other.",
            check.SourceOf(later));
    }

    private static bool Is(MappingCheck check, string objectType, string name, string typeId)
        => string.Equals(objectType, name, StringComparison.OrdinalIgnoreCase)
           || string.Equals(objectType, typeId, StringComparison.Ordinal)
           || string.Equals(check.Snapshot.FindHubSpotObject(objectType)?.ObjectTypeId, typeId, StringComparison.Ordinal);
}
