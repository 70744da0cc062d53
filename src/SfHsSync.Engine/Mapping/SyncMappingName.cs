using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.Mapping;

/// <summary>
/// The shape of a mapping's own name: a readable identifier of letters, digits, spaces, '-', '_' and '.',
/// starting with a letter or digit, with no leading, trailing or doubled spaces (so "Invoices" and "Invoices "
/// can never be two different mappings).
/// </summary>
public static class SyncMappingName
{
    public const string InvalidErrorId = "SyncMappingNameInvalid";

    public const int MaxLength = 100;

    public static bool IsValid(string? name) => Problem(name) is null;

    public static string Check(string? name, string role = "mapping")
    {
        var problem = Problem(name);
        if (problem is null)
        {
            return name!;
        }

        throw new SyncException(InvalidErrorId, SyncErrorKind.InvalidArgument, $"{SalesforceName.Quote(name)} is not a valid {role} name: {problem}.", name)
        {
            RecommendedAction = "Name the mapping with letters, digits, spaces, '-', '_' or '.', e.g. \"Invoices\" or \"Invoice lines\".",
        };
    }

    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "it is empty";
        }

        if (name.Length > MaxLength)
        {
            return $"it is {name.Length} characters long; the most is {MaxLength}";
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c) && c is not (' ' or '-' or '_' or '.'))
            {
                return $"it contains {SalesforceName.Describe(c)} at position {i + 1}; only letters, digits, spaces, '-', '_' and '.' are allowed";
            }
        }

        if (!char.IsLetterOrDigit(name[0]))
        {
            return "it must start with a letter or a digit";
        }

        if (name[^1] == ' ')
        {
            return "it ends with a space";
        }

        return name.Contains("  ", StringComparison.Ordinal) ? "it has two spaces in a row" : null;
    }
}
