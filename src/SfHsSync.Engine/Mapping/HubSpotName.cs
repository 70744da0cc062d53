using System.Text.RegularExpressions;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.Mapping;

/// <summary>
/// The shapes of HubSpot names: property internal names (lowercase, as HubSpot stores them) and object types
/// (a name, an objectTypeId such as "2-1234567", or a fully qualified name such as "p12345678_invoices").
/// Names that pass go into URL paths and JSON, so this is the only gate.
/// </summary>
public static partial class HubSpotName
{
    public const string InvalidErrorId = "HubSpotNameInvalid";

    public const int MaxLength = 100;

    /// <summary>Returns the property name when valid; otherwise throws HubSpotNameInvalid naming it and why.</summary>
    public static string CheckProperty(string? name, string role)
    {
        var problem = PropertyProblem(name);
        return problem is null ? name! : throw Invalid(name, $"is not a valid HubSpot property internal name for the {role}: {problem}", "Use the property's internal name (Settings > Properties > the property > internal name), e.g. invoice_number.");
    }

    /// <summary>Returns the object type when valid; otherwise throws HubSpotNameInvalid naming it and why.</summary>
    public static string CheckObject(string? name, string role)
    {
        var problem = ObjectProblem(name);
        return problem is null ? name! : throw Invalid(name, $"is not a valid HubSpot object type for the {role}: {problem}", "Use the object's name (companies, invoices), its objectTypeId (2-1234567) or its fully qualified name (p12345678_invoices).");
    }

    public static bool IsValidProperty(string? name) => PropertyProblem(name) is null;

    public static bool IsValidObject(string? name) => ObjectProblem(name) is null;

    public static string? PropertyProblem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "it is empty";
        }

        if (name.Length > MaxLength)
        {
            return $"it is {name.Length} characters long; the most is {MaxLength}";
        }

        if (PropertyPattern().IsMatch(name))
        {
            return null;
        }

        var lower = name.ToLowerInvariant();
        if (PropertyPattern().IsMatch(lower))
        {
            return $"internal names are lowercase (did you mean '{lower}'?)";
        }

        return CharacterProblem(name, static c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_', "lowercase letters, digits and underscores")
               ?? "it must start with a letter";
    }

    public static string? ObjectProblem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "it is empty";
        }

        if (name.Length > MaxLength)
        {
            return $"it is {name.Length} characters long; the most is {MaxLength}";
        }

        if (ObjectTypeIdPattern().IsMatch(name) || ObjectNamePattern().IsMatch(name))
        {
            return null;
        }

        if (name[0] is >= '0' and <= '9')
        {
            return "an objectTypeId is two numbers joined by a dash, such as 2-1234567 or 0-2";
        }

        return CharacterProblem(name, static c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_', "letters, digits and underscores")
               ?? "it must start with a letter";
    }

    private static string? CharacterProblem(string name, Func<char, bool> allowed, string what)
    {
        for (var i = 0; i < name.Length; i++)
        {
            if (!allowed(name[i]))
            {
                return $"it contains {SalesforceName.Describe(name[i])} at position {i + 1}; only {what} are allowed";
            }
        }

        return null;
    }

    private static SyncException Invalid(string? name, string message, string action)
        => new(InvalidErrorId, SyncErrorKind.InvalidArgument, $"{SalesforceName.Quote(name)} {message}.", name) { RecommendedAction = action };

    [GeneratedRegex("^[a-z][a-z0-9_]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PropertyPattern();

    [GeneratedRegex("^[0-9]{1,9}-[0-9]{1,12}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ObjectTypeIdPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ObjectNamePattern();
}
