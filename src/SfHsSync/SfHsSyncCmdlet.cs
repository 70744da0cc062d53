using System.Management.Automation;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.State;

namespace SfHsSync.Commands;

/// <summary>
/// What every SfHsSync cmdlet shares: turning engine errors into ErrorRecords with stable ErrorIds and fitting categories.
/// </summary>
public abstract class SfHsSyncCmdlet : PSCmdlet
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Cancelled when the user presses Ctrl+C (StopProcessing).</summary>
    protected CancellationToken CancelToken => _stopping.Token;

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>
    /// Runs engine work to completion on the pipeline thread. Engine errors become terminating ErrorRecords; Ctrl+C
    /// cancels the work and stops the pipeline.
    /// </summary>
    protected T Run<T>(Func<CancellationToken, Task<T>> work)
    {
        try
        {
            return Task.Run(() => work(CancelToken)).GetAwaiter().GetResult();
        }
        catch (SyncException ex)
        {
            ThrowSyncError(ex);
            throw; // unreachable: ThrowTerminatingError does not return
        }
        catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Stops the pipeline with an engine error.</summary>
    protected void ThrowSyncError(SyncException ex) => ThrowTerminatingError(ToErrorRecord(ex));

    /// <summary>Reports an engine error for one item and lets the pipeline go on.</summary>
    protected void WriteSyncError(SyncException ex) => WriteError(ToErrorRecord(ex));

    protected void ThrowError(string errorId, ErrorCategory category, string message, object? target = null, Exception? inner = null)
        => ThrowTerminatingError(new ErrorRecord(inner ?? new InvalidOperationException(message), errorId, category, target)
        {
            ErrorDetails = new ErrorDetails(message),
        });

    /// <summary>
    /// The state location a -State-like value names (SFHSSYNC_STATE and the default behind it); a file path is resolved
    /// against PowerShell's current location (drives and ~ too), never the process's working folder; an unknown URI
    /// scheme stops the pipeline (SyncStateLocationInvalid).
    /// </summary>
    protected StateLocation ResolveStateLocation(string? value)
    {
        var given = StateLocation.Given(value);
        if (given is not null && StateLocation.IsFilePath(given))
        {
            given = GetUnresolvedProviderPathFromPSPath(given.Trim());
        }

        try
        {
            return StateLocation.Resolve(given);
        }
        catch (SyncException ex)
        {
            ThrowSyncError(ex);
            throw; // unreachable: ThrowTerminatingError does not return
        }
    }

    public static ErrorRecord ToErrorRecord(SyncException ex)
    {
        var record = new ErrorRecord(ex, ex.ErrorId, ToCategory(ex.Kind), ex.Target);
        if (ex.RecommendedAction is not null)
        {
            record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = ex.RecommendedAction };
        }

        return record;
    }

    public static ErrorCategory ToCategory(SyncErrorKind kind) => kind switch
    {
        SyncErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        SyncErrorKind.InvalidData => ErrorCategory.InvalidData,
        SyncErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
        SyncErrorKind.ResourceExists => ErrorCategory.ResourceExists,
        SyncErrorKind.AuthenticationError => ErrorCategory.AuthenticationError,
        SyncErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        SyncErrorKind.LimitsExceeded => ErrorCategory.LimitsExceeded,
        SyncErrorKind.ConnectionError => ErrorCategory.ConnectionError,
        SyncErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
        SyncErrorKind.ResourceBusy => ErrorCategory.ResourceBusy,
        SyncErrorKind.OperationTimeout => ErrorCategory.OperationTimeout,
        SyncErrorKind.WriteError => ErrorCategory.WriteError,
        SyncErrorKind.ReadError => ErrorCategory.ReadError,
        SyncErrorKind.NotSupported => ErrorCategory.NotImplemented,
        _ => ErrorCategory.NotSpecified,
    };
}
