using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.State;

/// <summary>The kinds of place state can live.</summary>
public enum StateProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// Where state lives: -State, else SFHSSYNC_STATE, else a SQLite file in the user's data folder. A file path means
/// SQLite; a postgresql:// URI or an Npgsql connection string means PostgreSQL. Anything else shaped like a URI
/// (scheme://...) is refused naming the schemes known, so a typo never becomes a throwaway SQLite file. ToString never
/// shows a password.
/// </summary>
public sealed class StateLocation
{
    public const string EnvironmentVariable = "SFHSSYNC_STATE";

    /// <summary>The URI schemes a state location may use; any other scheme is refused.</summary>
    public static readonly IReadOnlyList<string> KnownSchemes = new[] { "postgresql", "postgres" };

    private StateLocation(StateProvider provider, string value, string display)
    {
        Provider = provider;
        Value = value;
        Display = display;
    }

    public StateProvider Provider { get; }

    /// <summary>The path or connection string itself (may hold a password: never print it).</summary>
    internal string Value { get; }

    /// <summary>The location with any password removed.</summary>
    public string Display { get; }

    public override string ToString() => Display;

    /// <summary>Resolves -State, the environment variable and the default, in that order.</summary>
    public static StateLocation Resolve(string? explicitValue)
        => Parse(Given(explicitValue) ?? DefaultSqlitePath());

    /// <summary>The value as given, or the SFHSSYNC_STATE variable when none is: what <see cref="Resolve"/> would parse (null for the default).</summary>
    public static string? Given(string? explicitValue)
    {
        if (!string.IsNullOrWhiteSpace(explicitValue))
        {
            return explicitValue;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment;
    }

    /// <summary>True when the value names a file (SQLite): neither scheme://... nor a connection string.</summary>
    public static bool IsFilePath(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        return UriScheme(trimmed) is null && !LooksLikeConnectionString(trimmed);
    }

    /// <summary>Parses a location; a relative file path is made absolute against <paramref name="currentDirectory"/> (default: the process's).</summary>
    public static StateLocation Parse(string value, string? currentDirectory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var trimmed = value.Trim();
        if (UriScheme(trimmed) is { } scheme)
        {
            if (!KnownSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase))
            {
                throw new SyncException("SyncStateLocationInvalid", SyncErrorKind.InvalidArgument,
                    $"The state location '{RedactUri(trimmed)}' uses the URI scheme '{scheme}', which is not a kind of state store: use "
                    + string.Join(" or ", KnownSchemes.Select(s => s + "://")) + ", a PostgreSQL connection string (Host=...), or a SQLite file path.",
                    RedactUri(trimmed));
            }

            return new StateLocation(StateProvider.PostgreSql, trimmed, RedactUri(trimmed));
        }

        if (LooksLikeConnectionString(trimmed))
        {
            return new StateLocation(StateProvider.PostgreSql, trimmed, RedactConnectionString(trimmed));
        }

        if (trimmed.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            throw new SyncException("SyncStateLocationInvalid", SyncErrorKind.InvalidArgument,
                "The state location is neither a file path, a postgresql:// URI nor a PostgreSQL connection string.");
        }

        var full = currentDirectory is null ? Path.GetFullPath(trimmed) : Path.GetFullPath(trimmed, currentDirectory);
        return new StateLocation(StateProvider.Sqlite, full, full);
    }

    /// <summary>The per-user default: ~/.local/share/SfHsSync/state.db on Linux, %LOCALAPPDATA%\SfHsSync on Windows.</summary>
    public static string DefaultSqlitePath()
    {
        var dataHome = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(dataHome, "SfHsSync", "state.db");
    }

    /// <summary>The scheme of a scheme://... value (RFC 3986 letters, digits, + - .), or null; one letter is a Windows drive.</summary>
    private static string? UriScheme(string value)
    {
        var end = value.IndexOf("://", StringComparison.Ordinal);
        if (end < 2 || !char.IsAsciiLetter(value[0]))
        {
            return null;
        }

        var scheme = value[..end];
        return scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') ? scheme : null;
    }

    private static bool LooksLikeConnectionString(string value)
        => value.Contains('=', StringComparison.Ordinal)
           && value.Split(';', StringSplitOptions.RemoveEmptyEntries).Any(part =>
           {
               var key = part.Split('=', 2)[0].Trim();
               return key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase);
           });

    private static string RedactUri(string uri)
    {
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal) + 3;
        var at = uri.IndexOf('@', schemeEnd);
        if (at < 0)
        {
            return uri;
        }

        var userInfo = uri[schemeEnd..at];
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? userInfo : userInfo[..colon];
        var rest = uri[(at + 1)..];
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            rest = rest[..query] + "?" + RedactPairs(rest[(query + 1)..], '&');
        }

        return uri[..schemeEnd] + user + (colon < 0 ? string.Empty : ":***") + "@" + rest;
    }

    private static string RedactConnectionString(string value) => RedactPairs(value, ';');

    private static string RedactPairs(string value, char separator)
        => string.Join(separator, value.Split(separator).Select(part =>
        {
            var key = part.Split('=', 2)[0].Trim();
            return key.Equals("Password", StringComparison.OrdinalIgnoreCase) || key.Equals("Pwd", StringComparison.OrdinalIgnoreCase)
                ? part.Split('=', 2)[0] + "=***"
                : part;
        }));
}
