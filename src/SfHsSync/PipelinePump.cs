using System.Collections.Concurrent;
using System.Management.Automation;
using SfHsSync.Engine.Pipelines;
using SfHsSync.Engine.Sync;

namespace SfHsSync.Commands;

/// <summary>
/// Engine work runs on a worker thread, but a cmdlet may only write (objects, progress, verbose, warnings) from the
/// pipeline thread. The pump queues what the engine reports and writes it from the pipeline thread as it arrives.
/// </summary>
internal sealed class PipelinePump : ISyncObserver
{
    private readonly BlockingCollection<Action<Cmdlet>> _queue = new();
    private readonly int _activityId;
    private readonly string _activity;
    private readonly bool _azure = AzurePipelinesCommand.IsAzurePipelines();
    private int _azurePercent = -1;

    public PipelinePump(int activityId, string activity)
    {
        _activityId = activityId;
        _activity = activity;
    }

    public void Post(Action<Cmdlet> write)
    {
        try
        {
            _queue.Add(write);
        }
        catch (InvalidOperationException)
        {
            // The pump has closed (the work finished or was stopped): late messages have nowhere to go.
        }
    }

    public void Output(object item) => Post(c => c.WriteObject(item));

    public void Progress(string mapping, string stage, long done, long? total)
    {
        Post(c => c.WriteProgress(new ProgressRecord(_activityId, $"{_activity} {mapping}", total is > 0 ? $"{stage}: {done:N0} of {total:N0}" : $"{stage}: {done:N0}")
        {
            PercentComplete = total is > 0 ? (int)Math.Min(100, done * 100 / total.Value) : -1,
        }));
        if (total is > 0)
        {
            AzureProgress((int)Math.Min(100, done * 100 / total.Value), $"{_activity} {mapping}: {stage}");
        }
    }

    /// <summary>One of the command's runs ended (<paramref name="done"/> of <paramref name="total"/>, 0 when endless): the Azure Pipelines task's progress.</summary>
    public void Step(long done, long total, string text)
    {
        if (total > 0)
        {
            AzureProgress((int)Math.Min(100, done * 100 / total), text);
        }
    }

    // ##vso[task.setprogress] under Azure Pipelines, written only when the percentage moves.
    private void AzureProgress(int percent, string text)
    {
        if (_azure && Interlocked.Exchange(ref _azurePercent, percent) != percent)
        {
            Post(c => ((PSCmdlet)c).Host.UI.WriteLine(AzurePipelinesRunLog.Progress(percent, text)));
        }
    }

    public void Verbose(string message) => Post(c => c.WriteVerbose(message));

    public void Warning(string message) => Post(c => c.WriteWarning(message));

    /// <summary>Runs <paramref name="work"/> on a worker thread and writes what it reports until it ends; then returns its result.</summary>
    public T Run<T>(Cmdlet cmdlet, Func<Task<T>> work)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                return await work().ConfigureAwait(false);
            }
            finally
            {
                _queue.CompleteAdding();
            }
        });

        foreach (var write in _queue.GetConsumingEnumerable())
        {
            write(cmdlet);
        }

        cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
        return task.GetAwaiter().GetResult();
    }
}
