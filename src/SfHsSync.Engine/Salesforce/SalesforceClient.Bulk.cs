using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using RestSharp;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Salesforce;

public sealed partial class SalesforceClient
{
    /// <summary>
    /// Runs a query as a Bulk API 2.0 job and streams its records page by page (<see cref="SalesforceClientOptions.BulkPageSize"/>
    /// rows a page), following Sforce-Locator until Salesforce says "null". Records equal what a REST query returns.
    /// </summary>
    public async IAsyncEnumerable<SalesforceRecord> BulkQueryAsync(SoqlQuery query, bool includeDeleted = false,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.IsCount)
        {
            throw new ArgumentException("Bulk queries cannot COUNT(); use CountAsync.", nameof(query));
        }

        var soql = query.ToSoql();
        var what = $"start a Bulk query of {query.Object.Name}";
        var body = WriteJson(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("operation", includeDeleted ? "queryAll" : "query");
            writer.WriteString("query", soql);
            writer.WriteEndObject();
        });
        var created = await _transport.SendAsync(Method.Post, $"{_transport.DataPath}/jobs/query", request => request.AddStringBody(body, ContentType.Json),
            what, cancellationToken).ConfigureAwait(false);
        if (created.StatusCode == HttpStatusCode.BadRequest)
        {
            throw new SyncException("SalesforceQueryInvalid", SyncErrorKind.InvalidArgument,
                $"Salesforce refused the Bulk query '{soql}': {SalesforceTransport.Describe(SalesforceApiError.Parse(created.Content))}", soql);
        }

        var jobId = ReadJobId(SalesforceTransport.EnsureSuccess(created, what), what);
        var jobPath = $"{_transport.DataPath}/jobs/query/{jobId}";
        await WaitForJobAsync(jobPath, $"Bulk query {jobId} of {query.Object.Name}", cancellationToken).ConfigureAwait(false);

        string? locator = null;
        var resultsWhat = $"read the results of Bulk query {jobId} of {query.Object.Name}";
        do
        {
            var pageLocator = locator;
            var response = await _transport.SendAsync(Method.Get, jobPath + "/results", request =>
            {
                request.AddHeader("Accept", "text/csv");
                request.AddQueryParameter("maxRecords", Options.BulkPageSize.ToString(CultureInfo.InvariantCulture));
                if (pageLocator is not null)
                {
                    request.AddQueryParameter("locator", pageLocator);
                }
            }, resultsWhat, cancellationToken).ConfigureAwait(false);
            SalesforceTransport.EnsureSuccess(response, resultsWhat);
            var header = SalesforceTransport.Header(response, "Sforce-Locator");
            // The last page says the literal "null"; an absent header ends the read too rather than looping forever.
            locator = string.IsNullOrEmpty(header) || header == "null" ? null : header;
            foreach (var record in SalesforceBulkCsv.ReadQueryPage(response.Content ?? string.Empty, query))
            {
                yield return record;
            }
        }
        while (locator is not null);
    }

    /// <summary>
    /// Writes records through a Bulk API 2.0 ingest job and maps Salesforce's successful, failed and unprocessed rows
    /// back to the inputs: one result per input, in input order. Rows refused only with UNABLE_TO_LOCK_ROW go again in
    /// a new job (up to MaxRetries rounds, with backoff). Insert takes records without Id, update and delete records
    /// with Id, upsert records carrying <paramref name="externalIdField"/>.
    /// </summary>
    public async Task<IReadOnlyList<SalesforceSaveResult>> BulkIngestAsync(string objectName, SalesforceBulkOperation operation,
        IReadOnlyList<SalesforceRecord> records, string? externalIdField = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return [];
        }

        var description = await DescribeAsync(objectName, cancellationToken).ConfigureAwait(false);
        SalesforceFieldDescription? externalId = null;
        if (operation == SalesforceBulkOperation.Upsert)
        {
            if (string.IsNullOrEmpty(externalIdField))
            {
                throw new ArgumentException("A Bulk upsert needs the external ID field that matches records.", nameof(externalIdField));
            }

            externalId = SoqlQuery.ResolveField(description, externalIdField);
            if (!externalId.ExternalId && !externalId.IdLookup)
            {
                throw new SyncException("SalesforceExternalIdFieldInvalid", SyncErrorKind.InvalidArgument,
                    $"{description.Name}.{externalId.Name} is not an external ID field, so it cannot match records for an upsert.", $"{description.Name}.{externalId.Name}");
            }
        }

        CheckRecords(description, records, operation switch
        {
            SalesforceBulkOperation.Insert => CollectionWrite.Create,
            SalesforceBulkOperation.Upsert => CollectionWrite.Upsert,
            _ => CollectionWrite.Update,
        }, externalId);
        var results = new SalesforceSaveResult?[records.Count];
        await SendChunkWithLockRetriesAsync(Enumerable.Range(0, records.Count).ToArray(), results,
            (indices, ct) => RunIngestJobAsync(description, operation, indices.Select(i => records[i]).ToArray(), indices, externalId, ct),
            cancellationToken).ConfigureAwait(false);
        return results.Select(r => r!).ToArray();
    }

    /// <summary>One ingest job over <paramref name="records"/>; results carry the callers' positions from <paramref name="positions"/>.</summary>
    private async Task<IReadOnlyList<SalesforceSaveResult>> RunIngestJobAsync(SalesforceObjectDescription description, SalesforceBulkOperation operation,
        IReadOnlyList<SalesforceRecord> records, int[] positions, SalesforceFieldDescription? externalId, CancellationToken cancellationToken)
    {
        var upload = SalesforceBulkCsv.WriteIngest(description, operation, records);
        var what = $"start a Bulk {operation.ToString().ToLowerInvariant()} of {records.Count} {description.Name} records";
        var body = WriteJson(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("object", description.Name);
            writer.WriteString("operation", operation.ToString().ToLowerInvariant());
            if (externalId is not null)
            {
                writer.WriteString("externalIdFieldName", externalId.Name);
            }

            writer.WriteString("contentType", "CSV");
            writer.WriteString("lineEnding", "LF");
            writer.WriteEndObject();
        });
        var created = await _transport.SendAsync(Method.Post, $"{_transport.DataPath}/jobs/ingest", request => request.AddStringBody(body, ContentType.Json),
            what, cancellationToken).ConfigureAwait(false);
        var jobId = ReadJobId(SalesforceTransport.EnsureSuccess(created, what), what);
        var jobPath = $"{_transport.DataPath}/jobs/ingest/{jobId}";
        var job = $"Bulk {operation.ToString().ToLowerInvariant()} {jobId} of {description.Name}";

        var uploadWhat = $"upload the rows of {job}";
        SalesforceTransport.EnsureSuccess(await _transport.SendAsync(Method.Put, jobPath + "/batches",
            request => request.AddStringBody(upload.Csv, "text/csv"), uploadWhat, cancellationToken).ConfigureAwait(false), uploadWhat);

        var closeWhat = $"close {job}";
        var close = WriteJson(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("state", "UploadComplete");
            writer.WriteEndObject();
        });
        SalesforceTransport.EnsureSuccess(await _transport.SendAsync(Method.Patch, jobPath,
            request => request.AddStringBody(close, ContentType.Json), closeWhat, cancellationToken).ConfigureAwait(false), closeWhat);

        await WaitForJobAsync(jobPath, job, cancellationToken).ConfigureAwait(false);

        var results = new SalesforceSaveResult?[records.Count];
        foreach (var (kind, resource) in new[] { (SalesforceBulkCsv.ResultKind.Successful, "successfulResults"), (SalesforceBulkCsv.ResultKind.Failed, "failedResults"),
                     (SalesforceBulkCsv.ResultKind.Unprocessed, "unprocessedrecords") })
        {
            var resultWhat = $"read the {resource} of {job}";
            var response = await _transport.SendAsync(Method.Get, $"{jobPath}/{resource}/", request => request.AddHeader("Accept", "text/csv"), resultWhat,
                cancellationToken).ConfigureAwait(false);
            SalesforceBulkCsv.MapResults(SalesforceTransport.EnsureSuccess(response, resultWhat).Content ?? string.Empty, kind, upload, results);
        }

        return results.Select((result, i) => result is null
            ? new SalesforceSaveResult(positions[i], records[i].Id, false, null,
                [new SalesforceRecordError("NOT_REPORTED", $"{job} reported no result for this record.", [])]) { Unprocessed = true }
            : result with { Index = positions[i] }).ToArray();
    }

    /// <summary>Polls a Bulk job until JobComplete; Failed or Aborted, or no end within BulkJobTimeout, is an error.</summary>
    private async Task WaitForJobAsync(string jobPath, string job, CancellationToken cancellationToken)
    {
        var clock = Options.TimeProvider;
        var started = clock.GetTimestamp();
        var what = $"check the state of {job}";
        while (true)
        {
            var response = await _transport.SendAsync(Method.Get, jobPath, null, what, cancellationToken).ConfigureAwait(false);
            using var doc = ParseJson(SalesforceTransport.EnsureSuccess(response, what), what);
            var state = JsonMember.Text(doc.RootElement, "state");
            switch (state)
            {
                case "JobComplete":
                    return;
                case "Failed":
                case "Aborted":
                    throw new SyncException("SalesforceBulkJobFailed", SyncErrorKind.InvalidOperation,
                        $"{job} ended {state}: {JsonMember.Text(doc.RootElement, "errorMessage") ?? "Salesforce gave no reason"}.", job);
            }

            if (clock.GetElapsedTime(started) > Options.BulkJobTimeout)
            {
                throw new SyncException("SalesforceBulkJobTimedOut", SyncErrorKind.OperationTimeout,
                    $"{job} was still {state} after {Options.BulkJobTimeout.TotalMinutes:0.#} minutes; the client stopped waiting (the job may still finish in Salesforce).", job);
            }

            if (Options.BulkPollInterval > TimeSpan.Zero)
            {
                await Task.Delay(Options.BulkPollInterval, clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string ReadJobId(RestResponse response, string what)
    {
        using var doc = ParseJson(response, what);
        var id = JsonMember.Text(doc.RootElement, "id");
        if (string.IsNullOrEmpty(id) || id.Any(c => !char.IsAsciiLetterOrDigit(c)))
        {
            throw new SyncException("SalesforceResponseInvalid", SyncErrorKind.ReadError, $"Salesforce's answer to the request to {what} carries no usable job id.", what);
        }

        return id;
    }
}
