using System.Management.Automation;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Import;
using SfHsSync.Engine.State;
using SfHsSync.Engine.Sync;

namespace SfHsSync.Commands;

/// <summary>
/// <para type="synopsis">Imports the records that already exist in Salesforce into HubSpot, for mappings just set up.</para>
/// <para type="description">Runs the Test-SyncMapping checks, then reads every record of each mapping's Salesforce object
/// (or those changed since -ChangedSince) in Id order, with REST query pages for small objects and a Bulk API 2.0 query
/// above -BulkThreshold records, and writes them as HubSpot batch upserts of 100 on the property that carries the
/// Salesforce Id. Each batch commits its links with the writes, so running it twice creates nothing the second time and
/// an import that was killed or failed continues where it stopped when run again (or with -Resume). HubSpot records that
/// exist but were never linked are matched on -MatchOn and linked instead of duplicated. With -WhatIf it only counts the
/// records (one count query) and outputs a SyncImportPreview. When an import ends, a mapping that never synced gets its
/// watermarks, so Start-Sync carries on from where the import began. Records that failed keep their reasons for
/// Get-SyncError and make the import read CompletedWithErrors (and write an ImportCompletedWithErrors error).</para>
/// </summary>
[Cmdlet(VerbsData.Import, "SalesforceObject", SupportsShouldProcess = true, DefaultParameterSetName = MappingSet)]
[OutputType(typeof(SyncImportResult), typeof(SyncImportPreview))]
public sealed class ImportSalesforceObjectCommand : SyncCommandBase
{
    /// <summary>Only records changed (SystemModstamp) at or after this time; a time without a zone is local time.</summary>
    [Parameter]
    public DateTime? ChangedSince { get; set; }

    /// <summary>A mapped HubSpot property (or its Salesforce field) whose equal values link an existing HubSpot record instead of creating one.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? MatchOn { get; set; }

    /// <summary>Continue the mapping's unfinished import; fails (ImportNothingToResume) when there is none. A plain run continues one too.</summary>
    [Parameter]
    public SwitchParameter Resume { get; set; }

    /// <summary>Above this many records the import reads with a Bulk API 2.0 query instead of REST pages (default 10,000).</summary>
    [Parameter]
    [ValidateRange(0, long.MaxValue)]
    public long BulkThreshold { get; set; } = ImportOptions.DefaultBulkThreshold;

    protected override void EndProcessing()
    {
        var sync = RunOptions("ImportParameterOutOfRange");
        var reporting = PipelineOptions("Import-SalesforceObject", "ImportCompletedWithErrors", run => $"Import {run.Id} of mapping '{run.Mapping}' {run.State}: {run.Error}");
        var options = new ImportOptions
        {
            BulkThreshold = BulkThreshold,
            ChangedSince = ChangedSince is { } since ? new DateTimeOffset(since) : null,
            MatchOn = MatchOn,
            Resume = Resume,
            Sync = sync,
        };
        try
        {
            options.Validate();
        }
        catch (SyncException ex)
        {
            ThrowSyncError(ex);
        }

        var mappings = ActiveMappings();
        if (mappings.Count == 0)
        {
            return;
        }

        // -WhatIf is the review step: one count query per mapping, shown as objects, nothing written.
        var preview = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
            ? ((SwitchParameter)whatIf).IsPresent
            : GetVariableValue("WhatIfPreference") is bool whatIfPreference && whatIfPreference;
        if (!preview && !ShouldProcess(string.Join(", ", mappings.Select(m => $"{m.Name} ({m.SalesforceObject} -> {m.HubSpotObject})")), "Import Salesforce records into HubSpot"))
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
                var pump = new PipelinePump(4712, preview ? "Counting" : "Importing");
                var ran = new List<long>();
                var failed = pump.Run(this, async () =>
                {
                    var failures = new List<SyncImportResult>();
                    foreach (var mapping in mappings)
                    {
                        var runtime = await MappingRuntime.ResolveAsync(mapping, salesforce, hubSpot, CancelToken).ConfigureAwait(false);
                        var import = new SalesforceImport(salesforce, hubSpot, store, options, pump);
                        if (preview)
                        {
                            pump.Output(await import.PreviewAsync(runtime, CancelToken).ConfigureAwait(false));
                            continue;
                        }

                        var result = await import.RunAsync(runtime, CancelToken).ConfigureAwait(false);
                        pump.Output(result);
                        ran.Add(result.Id);
                        pump.Step(ran.Count, mappings.Count, $"{mapping.Name}: import {result.Id} {result.State}");
                        if (result.State != SyncRunState.Succeeded)
                        {
                            failures.Add(result);
                        }

                        if (CancelToken.IsCancellationRequested)
                        {
                            break;
                        }
                    }

                    return failures;
                });

                var pipeline = PipelineRunReporter.Publish(this, store, ran, reporting, CancelToken);
                foreach (var result in failed)
                {
                    ReportFailure(pipeline, result);
                }

                pipeline.Complete("Import-SalesforceObject");
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

    private static void ReportFailure(PipelineRunReporter pipeline, SyncImportResult result)
    {
        var message = $"Import {result.Id} of mapping '{result.Mapping}' {result.State}: {result.Error}";
        pipeline.ReportFailedRun(new ErrorRecord(new SyncException("ImportCompletedWithErrors", SyncErrorKind.WriteError, message, result.Mapping), "ImportCompletedWithErrors", ErrorCategory.WriteError, result));
    }
}
