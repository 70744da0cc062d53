using System.Net.Sockets;
using RestSharp;

namespace SfHsSync.Engine.Connections;

/// <summary>Sorts an answer that is about to be retried into its <see cref="RetryKind"/>, the same way for both services.</summary>
internal static class RetryKinds
{
    public static RetryKind Of(RestResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode == 0)
        {
            return response.ResponseStatus == ResponseStatus.TimedOut || response.ErrorException is TimeoutException or TaskCanceledException
                ? RetryKind.Timeout
                : Refused(response.ErrorException) ? RetryKind.ConnectionRefused : RetryKind.ConnectionReset;
        }

        var status = (int)response.StatusCode;
        var content = response.Content ?? string.Empty;
        return status switch
        {
            429 => RetryKind.RateLimit,
            423 => RetryKind.Locked,
            _ when content.Contains("UNABLE_TO_LOCK_ROW", StringComparison.Ordinal) => RetryKind.RowLock,
            503 => RetryKind.ServerUnavailable,
            _ when content.Contains("SERVER_UNAVAILABLE", StringComparison.Ordinal) => RetryKind.ServerUnavailable,
            _ => RetryKind.ServerError,
        };
    }

    private static bool Refused(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return true;
            }
        }

        return false;
    }
}
