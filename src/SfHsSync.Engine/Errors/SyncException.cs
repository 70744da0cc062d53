namespace SfHsSync.Engine.Errors;

/// <summary>What kind of failure an engine error is; the cmdlets turn it into PowerShell's ErrorCategory.</summary>
public enum SyncErrorKind
{
    InvalidArgument,
    InvalidData,
    ObjectNotFound,
    ResourceExists,
    AuthenticationError,
    PermissionDenied,
    LimitsExceeded,
    ConnectionError,
    InvalidOperation,
    ResourceBusy,
    OperationTimeout,
    WriteError,
    ReadError,
    NotSupported,
}

/// <summary>
/// An engine failure with a stable error id (read as &lt;Noun&gt;&lt;Problem&gt;, e.g. "FieldMappingDuplicate") that
/// tests and scripts can rely on. Messages name what is wrong and where, and never carry secrets.
/// </summary>
public class SyncException : Exception
{
    public SyncException(string errorId, SyncErrorKind kind, string message, object? target = null, Exception? inner = null)
        : base(message, inner)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorId);
        ErrorId = errorId;
        Kind = kind;
        Target = target;
    }

    /// <summary>Stable identifier of the error, e.g. "SyncMappingYamlInvalid".</summary>
    public string ErrorId { get; }

    public SyncErrorKind Kind { get; }

    /// <summary>The thing the error is about (a file, a mapping, a field), for ErrorRecord.TargetObject.</summary>
    public object? Target { get; }

    /// <summary>A suggested fix, when there is one.</summary>
    public string? RecommendedAction { get; init; }
}
