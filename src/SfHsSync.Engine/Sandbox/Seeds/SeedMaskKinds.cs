using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Sandbox.Seeds;

/// <summary>Which kind of fake a masked field gets: its type first, then its name for text (a Name of an account is a company).</summary>
internal static class SeedMaskKinds
{
    private static readonly string[] CompanyObjects = ["Account", "companies", "0-2"];

    public static MaskedKind Of(string objectName, SalesforceFieldDescription f) => f.Type switch
    {
        "email" => MaskedKind.Email,
        "phone" => MaskedKind.Phone,
        "url" => MaskedKind.Url,
        "picklist" or "multipicklist" or "combobox" => MaskedKind.Choice,
        "int" or "long" => MaskedKind.Integer,
        "currency" or "double" or "percent" => MaskedKind.Decimal,
        "date" => MaskedKind.Date,
        "datetime" => MaskedKind.DateTime,
        "boolean" => MaskedKind.Boolean,
        _ => ByName(objectName, f.Name),
    };

    public static MaskedKind Of(string objectName, HubSpotPropertyDescription p) => p.Type switch
    {
        "enumeration" or "bool" => MaskedKind.Choice,
        "number" => MaskedKind.Decimal,
        "date" => MaskedKind.Date,
        "datetime" => MaskedKind.DateTime,
        "phone_number" => MaskedKind.Phone,
        _ => ByName(objectName, p.Name),
    };

    private static MaskedKind ByName(string objectName, string field)
    {
        bool Has(string part) => field.Contains(part, StringComparison.OrdinalIgnoreCase);
        return Has("email") ? MaskedKind.Email
            : Has("phone") || Has("mobile") || Has("fax") ? MaskedKind.Phone
            : Has("website") || Has("url") ? MaskedKind.Url
            : Has("domain") ? MaskedKind.Domain
            : Has("company") || (Has("name") && CompanyObjects.Contains(objectName, StringComparer.OrdinalIgnoreCase)) ? MaskedKind.CompanyName
            : Has("name") ? MaskedKind.PersonName
            : MaskedKind.Text;
    }
}
