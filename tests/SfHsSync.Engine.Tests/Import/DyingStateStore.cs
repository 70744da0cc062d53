using System.Reflection;
using System.Runtime.ExceptionServices;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Tests.Import;

/// <summary>
/// A runner that dies: the state store as the import sees it, which on the Nth commit refuses (the batch's HubSpot
/// writes are done, their bookkeeping is not) and from then on answers nothing, as a killed process would not. Its
/// lease is never released and has to expire. A proxy, so it follows IStateStore as it grows (and so not sealed:
/// DispatchProxy derives from it).
/// </summary>
public class DyingStateStore : DispatchProxy
{
    private IStateStore _inner = null!;
    private int _commitsLeft;

    public bool Dead { get; private set; }

    public static IStateStore Wrap(IStateStore inner, int dieAtCommit)
    {
        var store = DispatchProxy.Create<IStateStore, DyingStateStore>();
        var self = (DyingStateStore)(object)store;
        self._inner = inner;
        self._commitsLeft = dieAtCommit;
        return store;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IAsyncDisposable.DisposeAsync))
        {
            return ValueTask.CompletedTask;
        }

        if (!Dead && targetMethod.Name == nameof(IStateStore.CommitAsync) && --_commitsLeft == 0)
        {
            Dead = true;
        }

        if (Dead && targetMethod.ReturnType != typeof(string) && targetMethod.ReturnType != typeof(int))
        {
            var killed = new SyncException("TestRunnerKilled", SyncErrorKind.ConnectionError, "The runner was killed.");
            return targetMethod.ReturnType == typeof(Task)
                ? Task.FromException(killed)
                : targetMethod.ReturnType.IsGenericType && targetMethod.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
                    ? typeof(Task).GetMethod(nameof(Task.FromException), 1, [typeof(Exception)])!.MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]).Invoke(null, [killed])
                    : throw killed;
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}
