namespace SfHsSync.Engine.Validation.Rules;

/// <summary>
/// CR002: a mapping that creates records in Salesforce names an external ID field (unique, text, writable) that carries
/// the HubSpot id (HubSpotIdField), so a retried create upserts instead of duplicating.
/// </summary>
public sealed class HubSpotIdFieldInvalid : MappingRule
{
    public HubSpotIdFieldInvalid()
        : base("CR002", nameof(HubSpotIdFieldInvalid), DiagnosticSeverity.Error, "Creates in Salesforce are keyed by a unique, writable text external ID field that carries the HubSpot id.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        var mapping = check.Mapping;
        if (mapping.HubSpotIdField is not { } name)
        {
            if (check.CreatesInSalesforce)
            {
                yield return Report(
                    check,
                    mapping.Name,
                    $"'{mapping.Name}' creates records in Salesforce (CreateDirection {mapping.CreateDirection}) but names no HubSpotIdField: a create retried after a lost answer would make a duplicate.",
                    "Name a Salesforce external ID field (unique, text) that holds the HubSpot id: New-SyncMapping ... -HubSpotIdField HubSpot_Id__c.");
            }

            yield break;
        }

        if (check.SalesforceObject is not { } sobject)
        {
            yield break;
        }

        var field = sobject.FindField(name);
        var problems = new List<string>();
        if (field is null)
        {
            problems.Add($"{sobject.Name} has no field '{name}'");
        }
        else
        {
            if (!field.ExternalId)
            {
                problems.Add("it is not marked External ID");
            }

            if (!field.Unique)
            {
                problems.Add("it is not marked Unique");
            }

            if (field.Type != "string")
            {
                problems.Add($"it is of type {field.Type}, and a HubSpot id is text");
            }

            if (!field.Createable && !field.Updateable)
            {
                problems.Add("the API cannot write it");
            }
        }

        if (problems.Count > 0)
        {
            var fitting = sobject.Fields.Where(f => f.ExternalId && f.Unique && f.Type == "string" && (f.Createable || f.Updateable)).Select(f => f.Name).ToArray();
            yield return Report(
                check,
                name,
                $"The HubSpotIdField must be a unique, writable text External ID field of {sobject.Name}, but {string.Join(", and ", problems)}.",
                (field is null ? NearestNames.DidYouMean(name, fitting) : null)
                ?? (fitting.Length > 0
                    ? $"Use one of its unique text External ID fields: {string.Join(", ", fitting)}."
                    : $"Create a text field on {sobject.Name} marked External ID and Unique, and name it here."));
        }
    }
}
