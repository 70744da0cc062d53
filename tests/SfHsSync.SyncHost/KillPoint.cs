using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using SfHsSync.Engine.State;

namespace SfHsSync.SyncHost;

/// <summary>
/// The test host's kill hook: SFHSSYNC_TEST_KILL_AFTER=api:N kills this process (SIGKILL to itself: no finally
/// blocks, no lease release, no flush) the moment the Nth HTTP answer arrives, before the engine reads it;
/// commit:N once the Nth state write (a batch commit, a run started or finished, field pairs saved) has committed.
/// Counting, not timing, chooses the point, so every kill is the same on any machine. Only this host reads the variable.
/// </summary>
internal static class KillPoint
{
    public const string Variable = "SFHSSYNC_TEST_KILL_AFTER";

    private static readonly HashSet<string> Writes = new(StringComparer.Ordinal)
    {
        nameof(IStateStore.CommitAsync), nameof(IStateStore.StartRunAsync), nameof(IStateStore.FinishRunAsync),
        nameof(IStateStore.SetFieldPairsAsync), nameof(IStateStore.ForgetFieldAsync),
    };

    private static long _answers;
    private static long _commits;

    /// <summary>
    /// Counts every HTTP answer and state write from now on, killing the process at the one the variable names (if
    /// any); returns the store to use (wrapped, so its writes are counted).
    /// </summary>
    public static IStateStore Arm(IStateStore state)
    {
        var (kind, limit) = Parse(Environment.GetEnvironmentVariable(Variable));
        DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
        {
            if (listener.Name == "HttpHandlerDiagnosticListener")
            {
                listener.Subscribe(new Observer<KeyValuePair<string, object?>>(e =>
                {
                    if (e.Key == "System.Net.Http.Response" && Interlocked.Increment(ref _answers) == limit && kind == "api")
                    {
                        Die();
                    }
                }));
            }
        }));
        return CountingStore.Wrap(state, () =>
        {
            if (Interlocked.Increment(ref _commits) == limit && kind == "commit")
            {
                Die();
            }
        });
    }

    /// <summary>How many answers and writes the run saw (printed when it ends by itself, so a test can choose its points).</summary>
    public static string Counts() => string.Create(CultureInfo.InvariantCulture, $"answers={Interlocked.Read(ref _answers)} commits={Interlocked.Read(ref _commits)}");

    private static (string? Kind, long Limit) Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return (null, -1);
        }

        var parts = value.Split(':', 2);
        return parts.Length == 2 && parts[0] is "api" or "commit" && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? (parts[0], n)
            : throw new ArgumentException($"{Variable} must be api:N or commit:N with N > 0, not '{value}'.");
    }

    private static void Die()
    {
        Console.Out.Flush();
        Process.GetCurrentProcess().Kill();
    }

    private sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(T value) => next(value);
    }

    /// <summary>The store with a callback after each state write commits.</summary>
    public class CountingStore : DispatchProxy
    {
        private IStateStore _inner = null!;
        private Action _afterWrite = null!;

        public static IStateStore Wrap(IStateStore inner, Action afterWrite)
        {
            var proxy = Create<IStateStore, CountingStore>();
            var self = (CountingStore)(object)proxy;
            self._inner = inner;
            self._afterWrite = afterWrite;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            object? result;
            try
            {
                result = targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }

            if (!Writes.Contains(targetMethod.Name) || result is not Task task)
            {
                return result;
            }

            task.ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    _afterWrite();
                }
            }, TaskContinuationOptions.ExecuteSynchronously);
            return result;
        }
    }
}
