using System.Text;

namespace SfHsSync.Engine.Pipelines;

/// <summary>
/// Azure Pipelines logging commands (<c>##vso[area.action key=value;...]message</c>), written to standard output where
/// the agent reads them. Every command SfHsSync writes is made here, so every one is escaped the way the agent's task
/// library unescapes it: in the message %, CR and LF; in a property also ';' and ']', which would end it early.
/// </summary>
public static class AzurePipelinesCommand
{
    /// <summary>The variable Azure Pipelines sets (to "True") on every agent.</summary>
    public const string BuildVariable = "TF_BUILD";

    /// <summary>True when TF_BUILD says the process runs on an Azure Pipelines agent.</summary>
    public static bool IsAzurePipelines(Func<string, string?>? readVariable = null)
        => !string.IsNullOrEmpty((readVariable ?? Environment.GetEnvironmentVariable)(BuildVariable));

    /// <summary>One logging command line; properties whose value is null are left out.</summary>
    public static string Format(string command, IEnumerable<KeyValuePair<string, string?>>? properties, string? message)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        var line = new StringBuilder("##vso[").Append(command);
        var separator = ' ';
        foreach (var (key, value) in properties ?? Array.Empty<KeyValuePair<string, string?>>())
        {
            if (value is null)
            {
                continue;
            }

            line.Append(separator).Append(key).Append('=').Append(EscapeProperty(value));
            separator = ';';
        }

        return line.Append(']').Append(EscapeData(message ?? string.Empty)).ToString();
    }

    /// <summary>A property list for <see cref="Format"/>, in the order given.</summary>
    public static KeyValuePair<string, string?>[] Properties(params (string Key, string? Value)[] properties)
        => properties.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)).ToArray();

    /// <summary>The message (data) of a command: a raw newline would end the command, a '%' start an escape.</summary>
    public static string EscapeData(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("%", "%AZP25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
    }

    /// <summary>A property value: the data escapes, and ';' and ']' as well.</summary>
    public static string EscapeProperty(string value)
        => EscapeData(value).Replace("]", "%5D", StringComparison.Ordinal).Replace(";", "%3B", StringComparison.Ordinal);
}
