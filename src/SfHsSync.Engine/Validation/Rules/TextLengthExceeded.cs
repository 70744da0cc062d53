using System.Globalization;
using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Validation.Rules;

/// <summary>FD011: text that travels to a side holding fewer characters than the source can (a warning: long values fail).</summary>
public sealed class TextLengthExceeded : MappingRule
{
    public TextLengthExceeded()
        : base("FD011", nameof(TextLengthExceeded), DiagnosticSeverity.Warning, "Text travels only to a side that holds as many characters as the source can.")
    {
    }

    public override IEnumerable<SyncDiagnostic> Check(MappingCheck check)
    {
        const int limit = FieldTypeCompatibility.HubSpotTextLimit;
        foreach (var field in check.Mapping.Fields)
        {
            if (check.FieldOf(field) is not { Length: > 0 } sf || !FieldTypeCompatibility.IsSalesforceText(sf.Type)
                || check.PropertyOf(field) is not { Type: "string" or "phone_number" } hs)
            {
                continue;
            }

            if (MappingCheck.TravelsToHubSpot(field.Direction) && sf.Length > limit)
            {
                yield return Report(
                    check,
                    field.ToString(),
                    string.Create(CultureInfo.InvariantCulture, $"'{sf.Name}' holds up to {sf.Length:N0} characters, HubSpot's '{hs.Name}' {limit:N0}: longer values will fail to sync to HubSpot."),
                    string.Create(CultureInfo.InvariantCulture, $"Keep '{sf.Name}' values within {limit:N0} characters, or set the direction to HubSpotToSalesforce."),
                    check.SourceOf(field));
            }

            if (MappingCheck.TravelsToSalesforce(field.Direction) && sf.Length < limit)
            {
                yield return Report(
                    check,
                    field.ToString(),
                    string.Create(CultureInfo.InvariantCulture, $"HubSpot's '{hs.Name}' holds up to {limit:N0} characters, '{sf.Name}' {sf.Length:N0}: longer values entered in HubSpot will be refused by Salesforce (STRING_TOO_LONG)."),
                    string.Create(CultureInfo.InvariantCulture, $"Set the direction to SalesforceToHubSpot, lengthen '{sf.Name}', or keep '{hs.Name}' within {sf.Length:N0} characters in HubSpot."),
                    check.SourceOf(field));
            }
        }
    }
}
