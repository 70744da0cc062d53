namespace SfHsSync.Engine.Validation;

/// <summary>How much a diagnostic matters: an Error stops Start-Sync and Import-SalesforceObject; a Warning and
/// Information do not.</summary>
public enum DiagnosticSeverity
{
    Error,
    Warning,
    Information,
}
