using System.Management.Automation;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Syncs Salesforce and HubSpot records as mappings say: one pass, or continuously.</para>
/// <para type="description">Runs the Test-SyncMapping checks, then for each mapping reads what changed on each side since
/// the last pass, decides per record and field (direction, conflict winner, create and delete rules), writes in batches
/// and commits its state with each batch, so a run stopped at any moment resumes without losing or duplicating anything.
/// With -WhatIf it reads and decides but writes nothing, and outputs the plan (SyncPlanItem). A run in which records
/// failed reports CompletedWithErrors, writes an error (SyncRunCompletedWithErrors) and keeps each failure for
/// Get-SyncError; failed records are retried by the next pass.</para>
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "Sync", SupportsShouldProcess = true, DefaultParameterSetName = MappingSet)]
[OutputType(typeof(SyncRunResult), typeof(SyncPlanItem))]
public sealed class StartSyncCommand : SyncCommandBase
{
    /// <summary>Repeat passes every -Interval until Ctrl+C, which stops at a batch boundary with nothing lost.</summary>
    [Parameter]
    public SwitchParameter Continuous { get; set; }

    /// <summary>Time between the end of one pass and the start of the next (default 5 minutes).</summary>
    [Parameter]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>With -Continuous, stop after this many passes (default: until stopped).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int MaxPasses { get; set; } = int.MaxValue;

    /// <summary>How long to wait for another runner syncing the same mapping before failing (SyncLeaseUnavailable).</summary>
    [Parameter]
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a runner that stops sending heartbeats (it died) keeps its mapping before another may take it over.</summary>
    [Parameter]
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(60);

    protected override void EndProcessing()
    {
        if (HeartbeatTimeout < TimeSpan.FromSeconds(1) || Interval < TimeSpan.Zero || LeaseTimeout < TimeSpan.Zero)
        {
            ThrowError("SyncParameterOutOfRange", ErrorCategory.InvalidArgument,
                "-HeartbeatTimeout must be at least one second, and -Interval and -LeaseTimeout cannot be negative.");
        }

        var mappings = ActiveMappings();
        if (mappings.Count == 0)
        {
            return;
        }

        // -WhatIf is the preview: the reads and decisions of a run, shown as a plan, nothing written.
        var preview = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
            ? ((SwitchParameter)whatIf).IsPresent
            : GetVariableValue("WhatIfPreference") is bool whatIfPreference && whatIfPreference;
        if (!preview && !ShouldProcess(string.Join(", ", mappings.Select(m => m.Name)), "Sync Salesforce and HubSpot records"))
        {
            return;
        }

        var (salesforce, hubSpot) = OpenClients();
        using (salesforce)
        using (hubSpot)
        {
            EnsureValid(mappings, salesforce, hubSpot);
            var store = OpenState();
            try
            {
                var options = new SyncOptions { LeaseTimeout = LeaseTimeout, LeaseTimeToLive = HeartbeatTimeout };
                var pump = new PipelinePump(4711, preview ? "Previewing" : "Syncing");
                var failed = pump.Run(this, async () =>
                {
                    var failures = new List<SyncRunResult>();
                    for (var passNumber = 1; ; passNumber++)
                    {
                        foreach (var mapping in mappings)
                        {
                            var runtime = await MappingRuntime.ResolveAsync(mapping, salesforce, hubSpot, CancelToken).ConfigureAwait(false);
                            var pass = new SyncPass(salesforce, hubSpot, store, options, pump);
                            if (preview)
                            {
                                await foreach (var item in pass.PreviewAsync(runtime, CancelToken).ConfigureAwait(false))
                                {
                                    pump.Output(item);
                                }

                                continue;
                            }

                            var result = await pass.RunAsync(runtime, CancelToken).ConfigureAwait(false);
                            pump.Output(result);
                            if (result.State != SyncRunState.Succeeded)
                            {
                                failures.Add(result);
                            }
                        }

                        if (preview || !Continuous || passNumber >= MaxPasses || CancelToken.IsCancellationRequested)
                        {
                            return failures;
                        }

                        pump.Verbose($"Pass {passNumber} done; the next starts in {Interval}.");
                        await Task.Delay(Interval, CancelToken).ConfigureAwait(false);
                    }
                });

                foreach (var result in failed)
                {
                    ReportFailure(result);
                }
            }
            catch (SyncException ex)
            {
                ThrowSyncError(ex);
            }
            catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }

    private void ReportFailure(SyncRunResult result)
    {
        var message = $"Mapping '{result.Mapping}' (run {result.RunId}) {result.State}: {result.Error}";
        if (Environment.GetEnvironmentVariable("TF_BUILD") is { Length: > 0 })
        {
            Host.UI.WriteLine($"##vso[task.logissue type=error;code=SyncRunCompletedWithErrors]{message}");
        }

        WriteError(new ErrorRecord(new SyncException("SyncRunCompletedWithErrors", SyncErrorKind.WriteError, message, result.Mapping), "SyncRunCompletedWithErrors", ErrorCategory.WriteError, result));
    }
}
