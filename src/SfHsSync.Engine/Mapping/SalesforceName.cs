using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.Mapping;

/// <summary>
/// The shape of a Salesforce API name (object or field). Names that pass are spliced into SOQL and REST paths,
/// so this is the only gate: nothing but letters, digits and single underscores, plus an optional namespace
/// prefix (<c>ns__</c>) and a known suffix (<c>__c</c>, <c>__r</c>, ...).
/// </summary>
public static class SalesforceName
{
    public const string InvalidErrorId = "SalesforceNameInvalid";

    /// <summary>The longest name before the suffix and namespace.</summary>
    public const int MaxBaseLength = 80;

    /// <summary>Salesforce namespace prefixes are at most 15 characters.</summary>
    public const int MaxNamespaceLength = 15;

    private static readonly string[] KnownSuffixes =
    [
        "c", "r", "e", "mdt", "x", "xo", "b", "s", "kav", "ka", "pc", "pr", "Share", "History", "Feed", "ChangeEvent",
    ];

    /// <summary>The suffixes accepted after a double underscore, e.g. "__c".</summary>
    public static IReadOnlyList<string> Suffixes => KnownSuffixes;

    public static bool IsValid(string? name) => Problem(name) is null;

    /// <summary>Returns <paramref name="name"/> when it is a valid API name; otherwise throws SalesforceNameInvalid naming it and why.</summary>
    /// <param name="name">The name to check.</param>
    /// <param name="role">What the name is for, e.g. "Salesforce object", used in the message.</param>
    public static string Check(string? name, string role)
    {
        var problem = Problem(name);
        if (problem is null)
        {
            return name!;
        }

        throw new SyncException(
            InvalidErrorId,
            SyncErrorKind.InvalidArgument,
            $"{Quote(name)} is not a valid Salesforce API name for the {role}: {problem}.",
            name)
        {
            RecommendedAction = "Use the field's or object's API name as Setup shows it, e.g. Invoice__c or Amount__c.",
        };
    }

    /// <summary>Why <paramref name="name"/> is not an API name, or null when it is one.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "it is empty";
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!IsAsciiLetterOrDigit(c) && c != '_')
            {
                return $"it contains {Describe(c)} at position {i + 1}; only letters, digits and underscores are allowed";
            }
        }

        if (!IsAsciiLetter(name[0]))
        {
            return "it must start with a letter";
        }

        if (name[^1] == '_')
        {
            return "it ends with an underscore";
        }

        var parts = name.Split("__");
        foreach (var part in parts)
        {
            // "a___b" splits into "a" and "_b": three underscores in a row are never valid.
            if (part.Length == 0 || part[0] == '_' || part[^1] == '_')
            {
                return "it has more than two underscores in a row";
            }

            if (!IsAsciiLetter(part[0]))
            {
                return $"the part '{part}' must start with a letter";
            }
        }

        switch (parts.Length)
        {
            case 1:
                return parts[0].Length > MaxBaseLength ? $"it is {parts[0].Length} characters long; the most is {MaxBaseLength}" : null;
            case 2:
                return SuffixProblem(parts[1]) ?? BaseProblem(parts[0]);
            case 3:
                if (parts[0].Length > MaxNamespaceLength)
                {
                    return $"its namespace prefix '{parts[0]}' is longer than {MaxNamespaceLength} characters";
                }

                return SuffixProblem(parts[2]) ?? BaseProblem(parts[1]);
            default:
                return "it has a double underscore ('__') outside a namespace prefix (ns__) and a suffix such as __c";
        }
    }

    private static string? SuffixProblem(string suffix)
        => KnownSuffixes.Contains(suffix, StringComparer.OrdinalIgnoreCase)
            ? null
            : $"'__{suffix}' is not a Salesforce suffix; a double underscore is only allowed after a namespace prefix (ns__) and before a suffix such as __c, __r, __e, __mdt, __x or __b";

    private static string? BaseProblem(string baseName)
        => baseName.Length > MaxBaseLength ? $"its name part '{baseName}' is {baseName.Length} characters long; the most is {MaxBaseLength}" : null;

    private static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    private static bool IsAsciiLetterOrDigit(char c) => IsAsciiLetter(c) || c is >= '0' and <= '9';

    internal static string Describe(char c)
        => char.IsControl(c) || char.IsWhiteSpace(c) ? $"the character U+{(int)c:X4}" : $"'{c}'";

    internal static string Quote(string? value) => value is null ? "(null)" : $"'{value}'";
}
