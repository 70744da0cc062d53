namespace SfHsSync.Engine.Validation.Rules;

/// <summary>
/// CR001: a mapping that creates records in HubSpot names a unique-value string property that carries the Salesforce
/// Id (SalesforceIdProperty), so a create retried after a lost answer finds the record instead of making a second one.
/// </summary>
public sealed class SalesforceIdPropertyInvalid : MappingRule
{
    public SalesforceIdPropertyInvalid()
        : base("CR001", nameof(SalesforceIdPropertyInvalid), DiagnosticSeverity.Error, "Creates in HubSpot are keyed by a unique-value string property that carries the Salesforce Id.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        var mapping = check.Mapping;
        if (mapping.SalesforceIdProperty is not { } name)
        {
            if (check.CreatesInHubSpot)
            {
                yield return Report(
                    check,
                    mapping.Name,
                    $"'{mapping.Name}' creates records in HubSpot (CreateDirection {mapping.CreateDirection}) but names no SalesforceIdProperty: a create retried after a lost answer would make a duplicate.",
                    "Name a HubSpot property with unique values that holds the Salesforce Id: New-SyncMapping ... -SalesforceIdProperty salesforce_id.");
            }

            yield break;
        }

        if (check.HubSpotObject is not { } schema)
        {
            yield break;
        }

        var property = schema.FindProperty(name);
        var problem = property is null ? $"{schema.Name} has no property '{name}'"
            : !property.HasUniqueValue ? $"'{name}' does not require unique values (hasUniqueValue is false)"
            : property.Type != "string" ? $"'{name}' is of type {property.Type}, and a Salesforce Id is text"
            : null;
        if (problem is not null)
        {
            var fitting = schema.Properties.Where(p => p.HasUniqueValue && p.Type == "string").Select(p => p.Name).ToArray();
            yield return Report(
                check,
                name,
                $"The SalesforceIdProperty must be a unique-value string property of {schema.Name}, and {problem}.",
                (property is null ? NearestNames.DidYouMean(name, fitting) : null)
                ?? (fitting.Length > 0
                    ? $"Use one of its unique-value string properties: {string.Join(", ", fitting)}."
                    : $"Create a string property with unique values on {schema.Name} (hasUniqueValue cannot be set later) and name it here."));
        }
    }
}
