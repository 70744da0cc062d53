using System.Globalization;
using System.Text;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Validation;

/// <summary>
/// The Azure Pipelines logging command that shows a diagnostic as an error or warning on the build summary and, with a
/// source, on the file and line in the pull request: <c>##vso[task.logissue type=error;sourcepath=...;linenumber=...;
/// columnnumber=...;code=FD002]message</c>. Azure Pipelines sets TF_BUILD on its agents.
/// </summary>
public static class AzureDevOpsIssue
{
    /// <summary>The variable Azure Pipelines sets (to "True") on every agent.</summary>
    public const string BuildVariable = "TF_BUILD";

    /// <summary>True when TF_BUILD says the process runs on an Azure Pipelines agent.</summary>
    public static bool IsAzurePipelines(Func<string, string?>? readVariable = null)
        => !string.IsNullOrEmpty((readVariable ?? Environment.GetEnvironmentVariable)(BuildVariable));

    /// <summary>The logging command for <paramref name="diagnostic"/>, or null for Information (the command has only error and warning).</summary>
    public static string? Format(SyncDiagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var type = diagnostic.Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => null,
        };
        if (type is null)
        {
            return null;
        }

        var message = $"{diagnostic.RuleId} {diagnostic.Rule} [{diagnostic.Mapping}] {diagnostic.Message}"
                      + (diagnostic.Suggestion is null ? string.Empty : $" {diagnostic.Suggestion}");
        return Line(type, diagnostic.Source, diagnostic.RuleId, message);
    }

    /// <summary>The error line for a mapping file that could not be read (its error names the file, line and column).</summary>
    public static string Format(SyncException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Line("error", error.Target as MappingSource, error.ErrorId, error.Message);
    }

    private static string Line(string type, MappingSource? source, string code, string message)
    {
        var line = new StringBuilder("##vso[task.logissue type=").Append(type);
        if (source is not null)
        {
            line.Append(";sourcepath=").Append(EscapeProperty(source.File))
                .Append(";linenumber=").Append(source.Line.ToString(CultureInfo.InvariantCulture))
                .Append(";columnnumber=").Append(source.Column.ToString(CultureInfo.InvariantCulture));
        }

        line.Append(";code=").Append(EscapeProperty(code)).Append(']');
        return line.Append(EscapeData(message)).ToString();
    }

    // The escapes of Azure Pipelines' own task library: a raw ';' or ']' would end a property, a newline the command.
    private static string EscapeData(string value)
        => value.Replace("%", "%AZP25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string EscapeProperty(string value)
        => EscapeData(value).Replace("]", "%5D", StringComparison.Ordinal).Replace(";", "%3B", StringComparison.Ordinal);
}
