using System.Management.Automation;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Mapping;
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
/// Get-SyncError; failed records are retried by the next pass. A mapping saved for later, or paused with
/// Disable-SyncMapping -State, is passed over with a warning unless -Force; the status recorded in the state is asked
/// before every pass, so -Continuous takes up a pause or an activation at its next pass. When a field's HubSpot property
/// changed since the last pass (Set-FieldMapping, or a hand edit of the YAML file), its last-synced values are reset and
/// every linked record is compared on the new pair once, in batches; -WhatIf shows the writes that compare will make.</para>
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

    /// <summary>
    /// Also read HubSpot's associations of every linked record for the mapping's two-way associations (one call per
    /// 1,000 records), so an association changed in HubSpot alone reaches the Salesforce lookup. HubSpot's search
    /// cannot show such a change, so without it a pass sees HubSpot's side only on records that changed otherwise.
    /// With -WhatIf the scan is previewed too: the lookups it would change are among the plan items.
    /// </summary>
    [Parameter]
    public SwitchParameter ScanAssociations { get; set; }

    /// <summary>
    /// Resync just these Salesforce records: both halves read again whatever the watermarks say, decided as a pass
    /// decides, recorded as a run of kind Resync. Binds by property name, so Get-SyncError | Start-Sync resyncs the failed records.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyCollection]
    public string[]? SalesforceId { get; set; }

    /// <summary>Resync just these HubSpot records (with their linked Salesforce records); binds by property name as -SalesforceId does.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyCollection]
    public string[]? HubSpotId { get; set; }

    /// <summary>How many decisions per synced field the state keeps for Get-SyncRecord -History, the latest included (default 10).</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int FieldHistoryDepth { get; set; } = 10;

    private readonly ResyncRequest _resync = new();

    protected override void ProcessRecord()
    {
        base.ProcessRecord();

        // An input object that names its mapping (Get-SyncError's rows) asks for its records to be resynced by that mapping only.
        _resync.Add(NamedThisRecord.Count == 1 ? NamedThisRecord[0] : null, SalesforceId, HubSpotId);
    }

    /// <summary>The records to resync, or null for a sync pass (neither -SalesforceId nor -HubSpotId given).</summary>
    private ResyncTargets? Resync()
    {
        var named = MyInvocation.BoundParameters.ContainsKey(nameof(SalesforceId)) || MyInvocation.BoundParameters.ContainsKey(nameof(HubSpotId))
            || !_resync.All.IsEmpty;
        if (!named)
        {
            return null;
        }

        if (Continuous)
        {
            ThrowError("SyncParameterConflict", ErrorCategory.InvalidArgument, "-SalesforceId and -HubSpotId resync the records named once; they cannot go with -Continuous.");
        }

        return _resync.All;
    }

    protected override void EndProcessing()
    {
        var options = RunOptions("SyncParameterOutOfRange", Interval >= TimeSpan.Zero, "-Interval, ") with { ScanAssociations = ScanAssociations, FieldHistoryDepth = FieldHistoryDepth };
        var reporting = PipelineOptions("Start-Sync", "SyncRunCompletedWithErrors", run => $"Mapping '{run.Mapping}' (run {run.Id}) {run.State}: {run.Error}");
        var resync = Resync();
        if (Mappings.Count == 0 || resync is { IsEmpty: true })
        {
            if (resync is { IsEmpty: true })
            {
                WriteVerbose("No record to resync: -SalesforceId and -HubSpotId named none.");
            }

            return;
        }

        // -WhatIf is the preview: the reads and decisions of a run, shown as a plan, nothing written.
        var preview = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
            ? ((SwitchParameter)whatIf).IsPresent
            : GetVariableValue("WhatIfPreference") is bool whatIfPreference && whatIfPreference;

        var store = OpenState();
        try
        {
            // A status recorded in the state (Enable-/Disable-SyncMapping -State) overrides the mapping's own, and is
            // asked again before every pass, so a continuous run picks up a pause or an activation without a restart.
            var activations = Run(async ct =>
            {
                var found = new Dictionary<string, MappingActivation>(StringComparer.Ordinal);
                foreach (var mapping in Mappings)
                {
                    found[mapping.Name] = await MappingActivation.ResolveAsync(store, mapping, ct).ConfigureAwait(false);
                }

                return found;
            });
            var keepsPolling = Continuous && !preview;
            foreach (var activation in activations.Values.Where(a => !a.IsActive && !Force))
            {
                WriteWarning(keepsPolling
                    ? $"{activation}: it is not synced until it is activated (Enable-SyncMapping -State); the passes go on."
                    : $"{activation} and was not run. Activate it (Enable-SyncMapping), or add -Force to run it now.");
            }

            // A continuous run takes every mapping, as any may be activated while it runs; one pass only the active ones.
            var mappings = keepsPolling || Force ? Mappings.ToList() : Mappings.Where(m => activations[m.Name].IsActive).ToList();
            if (mappings.Count == 0)
            {
                return;
            }

            if (!preview && !ShouldProcess(string.Join(", ", mappings.Select(m => m.Name)), resync is null ? "Sync Salesforce and HubSpot records" : $"Resync {resync}"))
            {
                return;
            }

            var (salesforce, hubSpot) = OpenClients();
            using (salesforce)
            using (hubSpot)
            {
                EnsureValid(mappings, salesforce, hubSpot);
                var pump = new PipelinePump(4711, preview ? "Previewing" : "Syncing");
                var ran = new List<long>();
                var failed = pump.Run(this, async () =>
                {
                    var failures = new List<SyncRunResult>();
                    for (var passNumber = 1; ; passNumber++)
                    {
                        foreach (var mapping in mappings)
                        {
                            if (!Force && !await IsActiveNowAsync(store, mapping, activations, pump).ConfigureAwait(false))
                            {
                                continue;
                            }

                            var targets = resync is null ? null : _resync.For(mapping.Name);
                            if (targets is { IsEmpty: true })
                            {
                                pump.Verbose($"Mapping '{mapping.Name}': none of the records to resync belongs to it.");
                                continue;
                            }

                            var runtime = await MappingRuntime.ResolveAsync(mapping, salesforce, hubSpot, CancelToken).ConfigureAwait(false);
                            var pass = new SyncPass(salesforce, hubSpot, store, options, pump);
                            if (preview)
                            {
                                var reads = (salesforce.ApiCallCount, hubSpot.ApiCallCount);
                                var plan = targets is null ? pass.PreviewAsync(runtime, CancelToken) : pass.PreviewResyncAsync(runtime, targets, CancelToken);
                                var items = new List<SyncPlanItem>();
                                await foreach (var item in plan.ConfigureAwait(false))
                                {
                                    items.Add(item);
                                    pump.Output(item);
                                }

                                Forecast(pump, SyncForecast.Of(mapping.Name, items, (salesforce.ApiCallCount - reads.Item1, hubSpot.ApiCallCount - reads.Item2),
                                    salesforce.LastApiUsage, hubSpot.DailyLimit, options) with { Reading = pass.ReadingCost });
                                continue;
                            }

                            var result = targets is null
                                ? await pass.RunAsync(runtime, CancelToken).ConfigureAwait(false)
                                : await pass.ResyncAsync(runtime, targets, CancelToken).ConfigureAwait(false);
                            pump.Output(result);
                            ran.Add(result.RunId);
                            pump.Step(ran.Count, Continuous ? (MaxPasses == int.MaxValue ? 0 : (long)mappings.Count * MaxPasses) : mappings.Count, $"{mapping.Name}: run {result.RunId} {result.State}");
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

                var pipeline = PipelineRunReporter.Publish(this, store, ran, reporting, CancelToken);
                foreach (var result in failed)
                {
                    ReportFailure(pipeline, result);
                }

                pipeline.Complete("Start-Sync");
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

    /// <summary>The preview's forecast: a What if: line for the reader, and the object on the information stream (tag SyncForecast) for scripts.</summary>
    private static void Forecast(PipelinePump pump, SyncForecast forecast)
        => pump.Post(c =>
        {
            var cmdlet = (PSCmdlet)c;
            cmdlet.Host.UI.WriteLine("What if: " + forecast);
            cmdlet.WriteInformation(forecast, ["SyncForecast"]);
        });

    /// <summary>Asks the state before a pass; says so when a mapping was paused or activated since the last pass.</summary>
    private async Task<bool> IsActiveNowAsync(IStateStore store, SyncMapping mapping, Dictionary<string, MappingActivation> last, PipelinePump pump)
    {
        var now = await MappingActivation.ResolveAsync(store, mapping, CancelToken).ConfigureAwait(false);
        if (now.IsActive != last[mapping.Name].IsActive)
        {
            if (now.IsActive)
            {
                pump.Verbose($"{now}: it syncs again from this pass.");
            }
            else
            {
                pump.Warning($"{now}: it is not synced until it is activated (Enable-SyncMapping -State); the passes go on.");
            }
        }

        last[mapping.Name] = now;
        return now.IsActive;
    }

    private static void ReportFailure(PipelineRunReporter pipeline, SyncRunResult result)
    {
        var message = $"Mapping '{result.Mapping}' (run {result.RunId}) {result.State}: {result.Error}";
        pipeline.ReportFailedRun(new ErrorRecord(new SyncException("SyncRunCompletedWithErrors", SyncErrorKind.WriteError, message, result.Mapping), "SyncRunCompletedWithErrors", ErrorCategory.WriteError, result));
    }
}
