using System.Globalization;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Pipelines;

namespace SfHsSync.Engine.Validation;

/// <summary>
/// The Azure Pipelines logging command that shows a diagnostic as an error or warning on the build summary and, with a
/// source, on the file and line in the pull request: <c>##vso[task.logissue type=error;sourcepath=...;linenumber=...;
/// columnnumber=...;code=FD002]message</c>. Azure Pipelines sets TF_BUILD on its agents.
/// </summary>
public static class AzureDevOpsIssue
{
    /// <summary>The variable Azure Pipelines sets (to "True") on every agent.</summary>
    public const string BuildVariable = AzurePipelinesCommand.BuildVariable;

    /// <summary>True when TF_BUILD says the process runs on an Azure Pipelines agent.</summary>
    public static bool IsAzurePipelines(Func<string, string?>? readVariable = null)
        => AzurePipelinesCommand.IsAzurePipelines(readVariable);

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
        => AzurePipelinesCommand.Format("task.logissue", AzurePipelinesCommand.Properties(
            ("type", type),
            ("sourcepath", source?.File),
            ("linenumber", source?.Line.ToString(CultureInfo.InvariantCulture)),
            ("columnnumber", source?.Column.ToString(CultureInfo.InvariantCulture)),
            ("code", code)), message);
}
