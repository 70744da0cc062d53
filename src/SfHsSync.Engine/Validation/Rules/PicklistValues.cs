using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Validation.Rules;

/// <summary>The values each side of a picklist-to-enumeration pair lacks, in the direction values travel.</summary>
internal static class PicklistValues
{
    /// <summary>Active Salesforce values that HubSpot's options lack, when values travel to HubSpot.</summary>
    public static IReadOnlyList<string> MissingInHubSpot(FieldMapping field, SalesforceFieldDescription sf, HubSpotPropertyDescription hs)
        => Applies(sf, hs) && MappingCheck.TravelsToHubSpot(field.Direction)
            ? sf.PicklistValues.Where(v => v.Active).Select(v => v.Value).Except(hs.Options.Select(o => o.Value), StringComparer.Ordinal).ToArray()
            : [];

    /// <summary>HubSpot options that the Salesforce picklist lacks, when values travel to Salesforce.</summary>
    public static IReadOnlyList<string> MissingInSalesforce(FieldMapping field, SalesforceFieldDescription sf, HubSpotPropertyDescription hs)
        => Applies(sf, hs) && MappingCheck.TravelsToSalesforce(field.Direction)
            // Salesforce compares picklist values without regard to case.
            ? hs.Options.Select(o => o.Value).Except(sf.PicklistValues.Where(v => v.Active).Select(v => v.Value), StringComparer.OrdinalIgnoreCase).ToArray()
            : [];

    public static string List(IReadOnlyList<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));

    private static bool Applies(SalesforceFieldDescription sf, HubSpotPropertyDescription hs)
        => sf.Type is "picklist" or "multipicklist" && string.Equals(hs.Type, "enumeration", StringComparison.Ordinal);
}
