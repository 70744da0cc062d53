namespace SfHsSync.Engine.HubSpot;

/// <summary>Who defined an association type; custom objects' types are USER_DEFINED.</summary>
public enum HubSpotAssociationCategory
{
    HubSpotDefined,
    UserDefined,
    IntegratorDefined,
    Work,
}

/// <summary>One association type (with its label, if any) between two object types.</summary>
public sealed record HubSpotAssociationType(int TypeId, HubSpotAssociationCategory Category, string? Label = null)
{
    internal string WireCategory => Category switch
    {
        HubSpotAssociationCategory.HubSpotDefined => "HUBSPOT_DEFINED",
        HubSpotAssociationCategory.UserDefined => "USER_DEFINED",
        HubSpotAssociationCategory.IntegratorDefined => "INTEGRATOR_DEFINED",
        _ => "WORK",
    };

    internal static HubSpotAssociationCategory ParseCategory(string? category) => category switch
    {
        "HUBSPOT_DEFINED" => HubSpotAssociationCategory.HubSpotDefined,
        "USER_DEFINED" => HubSpotAssociationCategory.UserDefined,
        "INTEGRATOR_DEFINED" => HubSpotAssociationCategory.IntegratorDefined,
        "WORK" => HubSpotAssociationCategory.Work,
        _ => throw new FormatException($"Unknown HubSpot association category '{category}'."),
    };
}
