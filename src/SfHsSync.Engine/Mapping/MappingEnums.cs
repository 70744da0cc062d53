using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.Mapping;

/// <summary>Checks and shows the enums a mapping carries: a cast integer must not sneak in an undefined value.</summary>
internal static class MappingEnums
{
    public static SyncDirection Check(SyncDirection value, string role) => Defined(value, role);

    public static T Defined<T>(T value, string role)
        where T : struct, Enum
        => Enum.IsDefined(value)
            ? value
            : throw new SyncException($"{typeof(T).Name}Invalid", SyncErrorKind.InvalidArgument, $"{value} is not a valid {role}; use one of {string.Join(", ", Enum.GetNames<T>())}.", value);

    public static string Arrow(SyncDirection direction) => direction switch
    {
        SyncDirection.TwoWay => "<->",
        SyncDirection.SalesforceToHubSpot => "->",
        SyncDirection.HubSpotToSalesforce => "<-",
        _ => "-x-",
    };
}
