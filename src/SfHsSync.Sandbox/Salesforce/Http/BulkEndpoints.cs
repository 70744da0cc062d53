using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SfHsSync.Sandbox.Salesforce.Bulk;
using SfHsSync.Sandbox.Salesforce.Schema;
using SfHsSync.Sandbox.Salesforce.Soql;

namespace SfHsSync.Sandbox.Salesforce.Http;

/// <summary>
/// Bulk API 2.0. Query jobs: create (UploadComplete), poll, CSV results in pages with <c>Sforce-NumberOfRecords</c> and
/// <c>Sforce-Locator</c> (the literal <c>null</c> on the last page), 412 JOB_NOT_COMPLETE before completion.
/// Ingest jobs: create (Open), upload CSV, mark UploadComplete, poll, successfulResults / failedResults / unprocessedrecords.
/// </summary>
internal static class BulkEndpoints
{
    private const string CsvContentType = "text/csv";

    public static void Map(WebApplication app, SalesforceOrg org)
    {
        const string Query = "/services/data/v{version}/jobs/query";
        app.MapPost(Query, context => CreateQuery(context, org));
        app.MapGet(Query, context => ListQueries(context, org));
        app.MapGet(Query + "/{id}", context => QueryInfo(context, org));
        app.MapMethods(Query + "/{id}", ["PATCH"], context => AbortQuery(context, org));
        app.MapDelete(Query + "/{id}", context => DeleteJob(context, org));
        app.MapGet(Query + "/{id}/results", context => QueryResults(context, org));

        const string Ingest = "/services/data/v{version}/jobs/ingest";
        app.MapPost(Ingest, context => CreateIngest(context, org));
        app.MapGet(Ingest, context => ListIngests(context, org));
        app.MapGet(Ingest + "/{id}", context => IngestInfo(context, org));
        app.MapMethods(Ingest + "/{id}", ["PATCH"], context => ChangeIngest(context, org));
        app.MapDelete(Ingest + "/{id}", context => DeleteJob(context, org));
        app.MapPut(Ingest + "/{id}/batches", context => Upload(context, org));
        app.MapGet(Ingest + "/{id}/successfulResults", context => IngestResults(context, org, "successful"));
        app.MapGet(Ingest + "/{id}/failedResults", context => IngestResults(context, org, "failed"));
        app.MapGet(Ingest + "/{id}/unprocessedrecords", context => IngestResults(context, org, "unprocessed"));
    }

    private static async Task CreateQuery(HttpContext context, SalesforceOrg org)
    {
        using var body = await RecordEndpoints.ReadObject(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var root = body.RootElement;
        var operation = Text(root, "operation") ?? "query";
        if (operation is not ("query" or "queryAll"))
        {
            await SalesforceAnswers.Error(context, 400, "INVALIDJOB", $"InvalidJob : operation must be query or queryAll, not '{operation}'").ConfigureAwait(false);
            return;
        }

        SoqlQuery query;
        try
        {
            query = SoqlParser.Parse(Text(root, "query") ?? string.Empty, org.FindObject, org.Clock.Now);
        }
        catch (SoqlException e)
        {
            await SalesforceAnswers.Error(context, 400, e.ErrorCode, e.Message).ConfigureAwait(false);
            return;
        }

        if (query.CountOnly)
        {
            await SalesforceAnswers.Error(context, 400, "INVALIDJOB", "InvalidJob : COUNT() is not supported by Bulk API 2.0 queries").ConfigureAwait(false);
            return;
        }

        var cursor = org.OpenQuery(query, operation == "queryAll", int.MaxValue);
        var state = new BulkJobState(org.Options.BulkPollsBeforeComplete, "UploadComplete");
        var job = new BulkQueryJob(org.Jobs.NextId(), operation, cursor, org.Clock.Now(), SalesforceAnswers.Version(context), state);
        org.Jobs.Add(job);
        state.Uploaded();
        await SalesforceAnswers.Json(context, 200, w => WriteQueryInfo(w, org, job, "UploadComplete", detailed: false)).ConfigureAwait(false);
    }

    private static Task ListQueries(HttpContext context, SalesforceOrg org)
        => ListJobs(context, org.Jobs.Queries, (w, job) => WriteQueryInfo(w, org, job, job.State.Current, detailed: false));

    /// <summary>The job list both Bulk 2.0 job kinds answer with: every job on one page.</summary>
    private static Task ListJobs<TJob>(HttpContext context, IEnumerable<TJob> jobs, Action<System.Text.Json.Utf8JsonWriter, TJob> write)
        => SalesforceAnswers.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("done", true);
            w.WriteStartArray("records");
            foreach (var job in jobs)
            {
                write(w, job);
            }

            w.WriteEndArray();
            w.WriteNull("nextRecordsUrl");
            w.WriteEndObject();
        });

    private static Task QueryInfo(HttpContext context, SalesforceOrg org)
    {
        var job = org.Jobs.FindQuery(RecordEndpoints.Route(context, "id"));
        return job is null
            ? JobNotFound(context)
            : SalesforceAnswers.Json(context, 200, w => WriteQueryInfo(w, org, job, job.State.Poll(), detailed: true));
    }

    private static async Task AbortQuery(HttpContext context, SalesforceOrg org)
    {
        var job = org.Jobs.FindQuery(RecordEndpoints.Route(context, "id"));
        if (job is null)
        {
            await JobNotFound(context).ConfigureAwait(false);
            return;
        }

        using var body = await RecordEndpoints.ReadObject(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        if (Text(body.RootElement, "state") != "Aborted" || !job.State.TrySet("Aborted"))
        {
            await SalesforceAnswers.Error(context, 400, "INVALIDJOBSTATE", $"InvalidJobState : a query job in state {job.State.Current} can only be set to Aborted before it completes").ConfigureAwait(false);
            return;
        }

        await SalesforceAnswers.Json(context, 200, w => WriteQueryInfo(w, org, job, "Aborted", detailed: false)).ConfigureAwait(false);
    }

    private static async Task QueryResults(HttpContext context, SalesforceOrg org)
    {
        var job = org.Jobs.FindQuery(RecordEndpoints.Route(context, "id"));
        if (job is null)
        {
            await JobNotFound(context).ConfigureAwait(false);
            return;
        }

        if (job.State.Current != "JobComplete")
        {
            await SalesforceAnswers.Error(context, 412, "JOB_NOT_COMPLETE", $"Job {job.Id} is {job.State.Current}; results are available once it is JobComplete").ConfigureAwait(false);
            return;
        }

        var offset = 0;
        var locator = context.Request.Query["locator"].ToString();
        if (locator.Length > 0 && !TryReadLocator(locator, out offset))
        {
            await SalesforceAnswers.Error(context, 400, "INVALID_LOCATOR", $"Invalid locator: {locator}").ConfigureAwait(false);
            return;
        }

        var pageSize = org.Options.BulkQueryPageSize;
        var maxRecords = context.Request.Query["maxRecords"].ToString();
        if (maxRecords.Length > 0 && (!int.TryParse(maxRecords, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1))
        {
            await SalesforceAnswers.Error(context, 400, "INVALIDREQUEST", $"maxRecords must be a positive whole number, not '{maxRecords}'").ConfigureAwait(false);
            return;
        }

        var cursor = job.Cursor;
        var values = org.ReadPage(cursor, offset, pageSize);
        var next = offset + values.Length;
        var header = cursor.Query.Columns.Select(c => c.Lookup is null ? c.Field.Name : $"{c.Lookup.RelationshipName}.{c.Field.Name}").ToArray();
        var csv = BulkCsv.Write(header, values.Select(row => (IReadOnlyList<string>)row.Select(FieldValues.ToText).ToArray()));
        context.Response.Headers["Sforce-NumberOfRecords"] = values.Length.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["Sforce-Locator"] = next < cursor.Rows.Count ? WriteLocator(next) : "null";
        await WriteCsv(context, csv).ConfigureAwait(false);
    }

    private static async Task CreateIngest(HttpContext context, SalesforceOrg org)
    {
        using var body = await RecordEndpoints.ReadObject(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var root = body.RootElement;
        var objectName = Text(root, "object");
        var operation = Text(root, "operation");
        var schema = objectName is null ? null : org.FindObject(objectName);
        if (schema is null)
        {
            await SalesforceAnswers.Error(context, 400, "INVALIDJOB", $"InvalidJob : Invalid object: {objectName}").ConfigureAwait(false);
            return;
        }

        if (operation is not ("insert" or "update" or "upsert" or "delete" or "hardDelete"))
        {
            await SalesforceAnswers.Error(context, 400, "INVALIDJOB", $"InvalidJob : operation must be insert, update, upsert, delete or hardDelete, not '{operation}'").ConfigureAwait(false);
            return;
        }

        var externalId = Text(root, "externalIdFieldName");
        if (operation == "upsert" && (externalId is null || schema.FindField(externalId) is not { } key || !(key.ExternalId || key.Name == "Id")))
        {
            await SalesforceAnswers.Error(context, 400, "INVALIDJOB", $"InvalidJob : upsert needs externalIdFieldName naming an external ID field of {schema.Name}, not '{externalId}'").ConfigureAwait(false);
            return;
        }

        var delimiter = Text(root, "columnDelimiter") switch
        {
            null or "COMMA" => ',',
            "SEMICOLON" => ';',
            "TAB" => '\t',
            "PIPE" => '|',
            "CARET" => '^',
            "BACKQUOTE" => '`',
            _ => '\0',
        };
        if (delimiter == '\0')
        {
            await SalesforceAnswers.Error(context, 400, "INVALIDJOB", $"InvalidJob : columnDelimiter '{Text(root, "columnDelimiter")}' is not supported").ConfigureAwait(false);
            return;
        }

        var job = new BulkIngestJob(org.Jobs.NextId(), schema.Name, operation, externalId, delimiter, org.Clock.Now(), SalesforceAnswers.Version(context), new BulkJobState(org.Options.BulkPollsBeforeComplete, "Open"));
        org.Jobs.Add(job);
        await SalesforceAnswers.Json(context, 200, w => WriteIngestInfo(w, org, job, "Open", detailed: false)).ConfigureAwait(false);
    }

    private static Task ListIngests(HttpContext context, SalesforceOrg org)
        => ListJobs(context, org.Jobs.Ingests, (w, job) => WriteIngestInfo(w, org, job, job.State.Current, detailed: false));

    private static Task IngestInfo(HttpContext context, SalesforceOrg org)
    {
        var job = org.Jobs.FindIngest(RecordEndpoints.Route(context, "id"));
        return job is null
            ? JobNotFound(context)
            : SalesforceAnswers.Json(context, 200, w => WriteIngestInfo(w, org, job, job.State.Poll(), detailed: true));
    }

    private static async Task Upload(HttpContext context, SalesforceOrg org)
    {
        var job = org.Jobs.FindIngest(RecordEndpoints.Route(context, "id"));
        if (job is null)
        {
            await JobNotFound(context).ConfigureAwait(false);
            return;
        }

        if (job.State.Current != "Open")
        {
            await SalesforceAnswers.Error(context, 409, "INVALIDJOBSTATE", $"InvalidJobState : data can only be uploaded while the job is Open; it is {job.State.Current}").ConfigureAwait(false);
            return;
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        job.Append(await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false));
        context.Response.StatusCode = 201;
    }

    private static async Task ChangeIngest(HttpContext context, SalesforceOrg org)
    {
        var job = org.Jobs.FindIngest(RecordEndpoints.Route(context, "id"));
        if (job is null)
        {
            await JobNotFound(context).ConfigureAwait(false);
            return;
        }

        using var body = await RecordEndpoints.ReadObject(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var wanted = Text(body.RootElement, "state");
        if (wanted == "UploadComplete" && job.State.Current == "Open")
        {
            job.State.TrySet("UploadComplete");
            org.Jobs.Process(job, SalesforceGate.CallNumber(context));
            job.State.Uploaded();
            await SalesforceAnswers.Json(context, 200, w => WriteIngestInfo(w, org, job, "UploadComplete", detailed: false)).ConfigureAwait(false);
            return;
        }

        if (wanted == "Aborted" && job.State.TrySet("Aborted"))
        {
            if (job.Results.Count == 0)
            {
                (job.Header, var rows) = BulkCsv.Read(job.Data, job.Delimiter);
                job.Unprocessed = rows;
            }

            await SalesforceAnswers.Json(context, 200, w => WriteIngestInfo(w, org, job, "Aborted", detailed: false)).ConfigureAwait(false);
            return;
        }

        await SalesforceAnswers.Error(context, 400, "INVALIDJOBSTATE", $"InvalidJobState : cannot change a job in state {job.State.Current} to {wanted}").ConfigureAwait(false);
    }

    private static async Task IngestResults(HttpContext context, SalesforceOrg org, string kind)
    {
        var job = org.Jobs.FindIngest(RecordEndpoints.Route(context, "id"));
        if (job is null)
        {
            await JobNotFound(context).ConfigureAwait(false);
            return;
        }

        string csv = kind switch
        {
            "successful" => BulkCsv.Write(
                ["sf__Id", "sf__Created", .. job.Header],
                job.Results.Where(r => r.Error is null).Select(r => (IReadOnlyList<string>)[r.Id ?? string.Empty, r.Created ? "true" : "false", .. r.Row])),
            "failed" => BulkCsv.Write(
                ["sf__Id", "sf__Error", .. job.Header],
                job.Results.Where(r => r.Error is not null).Select(r => (IReadOnlyList<string>)[r.Id ?? string.Empty, r.Error!, .. r.Row])),
            _ => BulkCsv.Write(job.Header, job.Unprocessed.Select(r => (IReadOnlyList<string>)r)),
        };
        await WriteCsv(context, csv).ConfigureAwait(false);
    }

    private static Task DeleteJob(HttpContext context, SalesforceOrg org)
    {
        if (!org.Jobs.Remove(RecordEndpoints.Route(context, "id")))
        {
            return JobNotFound(context);
        }

        context.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private static void WriteQueryInfo(Utf8JsonWriter w, SalesforceOrg org, BulkQueryJob job, string state, bool detailed)
    {
        w.WriteStartObject();
        w.WriteString("id", job.Id);
        w.WriteString("operation", job.Operation);
        w.WriteString("object", job.Cursor.Query.From.Name);
        w.WriteString("createdById", org.UserId);
        w.WriteString("createdDate", FieldValues.FormatDateTime(job.Created));
        w.WriteString("systemModstamp", FieldValues.FormatDateTime(job.Created));
        w.WriteString("state", state);
        w.WriteString("concurrencyMode", "Parallel");
        w.WriteString("contentType", "CSV");
        w.WriteNumber("apiVersion", decimal.Parse(job.ApiVersion, CultureInfo.InvariantCulture));
        w.WriteString("lineEnding", "LF");
        w.WriteString("columnDelimiter", "COMMA");
        if (detailed)
        {
            w.WriteString("jobType", "V2Query");
            w.WriteNumber("numberRecordsProcessed", state == "JobComplete" ? job.Cursor.Rows.Count : 0);
            w.WriteNumber("retries", 0);
            w.WriteNumber("totalProcessingTime", 0);
            w.WriteBoolean("isPkChunkingSupported", true);
        }

        w.WriteEndObject();
    }

    private static void WriteIngestInfo(Utf8JsonWriter w, SalesforceOrg org, BulkIngestJob job, string state, bool detailed)
    {
        w.WriteStartObject();
        w.WriteString("id", job.Id);
        w.WriteString("operation", job.Operation);
        w.WriteString("object", job.ObjectName);
        w.WriteString("createdById", org.UserId);
        w.WriteString("createdDate", FieldValues.FormatDateTime(job.Created));
        w.WriteString("systemModstamp", FieldValues.FormatDateTime(job.Created));
        w.WriteString("state", state);
        if (job.ExternalIdField is not null)
        {
            w.WriteString("externalIdFieldName", job.ExternalIdField);
        }

        w.WriteString("concurrencyMode", "Parallel");
        w.WriteString("contentType", "CSV");
        w.WriteNumber("apiVersion", decimal.Parse(job.ApiVersion, CultureInfo.InvariantCulture));
        w.WriteString("contentUrl", $"services/data/v{job.ApiVersion}/jobs/ingest/{job.Id}/batches");
        w.WriteString("lineEnding", "LF");
        w.WriteString("columnDelimiter", job.Delimiter switch { ';' => "SEMICOLON", '\t' => "TAB", '|' => "PIPE", '^' => "CARET", '`' => "BACKQUOTE", _ => "COMMA" });
        if (detailed)
        {
            var done = state == "JobComplete";
            w.WriteString("jobType", "V2Ingest");
            w.WriteNumber("numberRecordsProcessed", done ? job.Results.Count : 0);
            w.WriteNumber("numberRecordsFailed", done ? job.Results.Count(r => r.Error is not null) : 0);
            w.WriteNumber("retries", 0);
            w.WriteNumber("totalProcessingTime", 0);
            w.WriteNumber("apiActiveProcessingTime", 0);
            w.WriteNumber("apexProcessingTime", 0);
        }

        w.WriteEndObject();
    }

    private static Task JobNotFound(HttpContext context)
        => SalesforceAnswers.Error(context, 404, "NOT_FOUND", "The requested resource does not exist");

    private static async Task WriteCsv(HttpContext context, string csv)
    {
        var bytes = Encoding.UTF8.GetBytes(csv);
        context.Response.StatusCode = 200;
        context.Response.ContentType = CsvContentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Locators are opaque to clients; here they are the base64 of the next row's offset.</summary>
    private static string WriteLocator(int offset) => Convert.ToBase64String(Encoding.ASCII.GetBytes(offset.ToString(CultureInfo.InvariantCulture))).TrimEnd('=');

    private static bool TryReadLocator(string locator, out int offset)
    {
        offset = 0;
        try
        {
            var padded = locator.PadRight(locator.Length + ((4 - (locator.Length % 4)) % 4), '=');
            return int.TryParse(Encoding.ASCII.GetString(Convert.FromBase64String(padded)), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
