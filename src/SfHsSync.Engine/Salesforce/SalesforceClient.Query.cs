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
    /// Runs a query page by page (<see cref="SalesforceClientOptions.QueryBatchSize"/> a page): only the current page
    /// is held in memory. With <paramref name="includeDeleted"/> the query goes to queryAll and sees soft-deleted rows.
    /// </summary>
    public IAsyncEnumerable<IReadOnlyList<SalesforceRecord>> QueryPagesAsync(SoqlQuery query, bool includeDeleted = false, CancellationToken cancellationToken = default)
        => QueryPagesAsync(query, includeDeleted, null, cancellationToken);

    /// <summary>
    /// <see cref="QueryPagesAsync(SoqlQuery, bool, CancellationToken)"/>, telling <paramref name="serverTime"/> the org's
    /// time from the first page's Date header (to the second): the query's cursor saw the org as it was at or after it.
    /// </summary>
    internal async IAsyncEnumerable<IReadOnlyList<SalesforceRecord>> QueryPagesAsync(SoqlQuery query, bool includeDeleted, Action<DateTimeOffset>? serverTime,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var soql = query.ToSoql();
        var what = $"{(includeDeleted ? "queryAll" : "query")} {query.Object.Name}";
        var path = $"{_transport.DataPath}/{(includeDeleted ? "queryAll" : "query")}";
        var first = true;
        while (path is not null)
        {
            var isFirst = first;
            first = false;
            var response = await _transport.SendAsync(Method.Get, path, request =>
            {
                if (isFirst)
                {
                    request.AddQueryParameter("q", soql);
                }

                request.AddHeader("Sforce-Query-Options", "batchSize=" + Options.QueryBatchSize.ToString(CultureInfo.InvariantCulture));
            }, what, cancellationToken).ConfigureAwait(false);
            ThrowIfQueryRefused(response, soql, what);
            if (isFirst && serverTime is not null && SalesforceTransport.ServerTime(response) is { } at)
            {
                serverTime(at);
            }

            using var doc = ParseJson(response, what);
            var root = doc.RootElement;
            var page = root.TryGetProperty("records", out var records) && records.ValueKind == JsonValueKind.Array
                ? ReadRecords(records, query)
                : [];
            path = root.TryGetProperty("done", out var done) && done.ValueKind == JsonValueKind.False
                ? JsonMember.Text(root, "nextRecordsUrl")
                : null;
            if (page.Count > 0)
            {
                yield return page;
            }
        }
    }

    /// <summary>Runs a query and streams its records; see <see cref="QueryPagesAsync"/>.</summary>
    public async IAsyncEnumerable<SalesforceRecord> QueryAsync(SoqlQuery query, bool includeDeleted = false,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in QueryPagesAsync(query, includeDeleted, cancellationToken).ConfigureAwait(false))
        {
            foreach (var record in page)
            {
                yield return record;
            }
        }
    }

    /// <summary>The number of rows a <see cref="SoqlQuery.Count"/> query matches: one call.</summary>
    public async Task<long> CountAsync(SoqlQuery countQuery, bool includeDeleted = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(countQuery);
        if (!countQuery.IsCount)
        {
            throw new ArgumentException("CountAsync takes a query made with SoqlQuery.Count.", nameof(countQuery));
        }

        var soql = countQuery.ToSoql();
        var what = $"count {countQuery.Object.Name}";
        var response = await _transport.SendAsync(Method.Get, $"{_transport.DataPath}/{(includeDeleted ? "queryAll" : "query")}",
            request => request.AddQueryParameter("q", soql), what, cancellationToken).ConfigureAwait(false);
        ThrowIfQueryRefused(response, soql, what);
        using var doc = ParseJson(response, what);
        return doc.RootElement.TryGetProperty("totalSize", out var total) && total.TryGetInt64(out var count)
            ? count
            : throw new SyncException("SalesforceResponseInvalid", SyncErrorKind.ReadError, $"The answer to '{soql}' carries no totalSize.", what);
    }

    /// <summary>
    /// Records of <paramref name="objectName"/> changed after <paramref name="watermark"/>, oldest first, ordered by
    /// SystemModstamp then Id. With a watermark that names the last record read, the read continues right after that
    /// record: rows stamped at the same instant but not yet read come back, rows already read do not. Without a
    /// LastId every row at the watermark's instant is read. SystemModstamp and Id are always among the fields.
    /// </summary>
    /// <param name="serverTime">Told the org's time when the read began (the first page's Date header), when Salesforce gave one.</param>
    public IAsyncEnumerable<SalesforceRecord> ReadChangedSinceAsync(string objectName, IEnumerable<string> fields, SalesforceWatermark? watermark,
        Action<DateTimeOffset>? serverTime = null, CancellationToken cancellationToken = default)
        => ReadStampedSinceAsync(objectName, fields, watermark, "SystemModstamp", serverTime, cancellationToken);

    /// <summary>
    /// Records of <paramref name="objectName"/> deleted since <paramref name="since"/>: from queryAll (IsDeleted = true,
    /// rows still in the recycle bin) or from getDeleted (every delete within Salesforce's 15-day window, up to
    /// <paramref name="until"/>, default now).
    /// </summary>
    public async IAsyncEnumerable<SalesforceDeletedRecord> ReadDeletedSinceAsync(string objectName, DateTimeOffset since,
        SalesforceDeleteSource source = SalesforceDeleteSource.QueryAll, DateTimeOffset? until = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (source == SalesforceDeleteSource.GetDeleted)
        {
            foreach (var deleted in await GetDeletedAsync(objectName, since, until ?? Options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                yield return deleted;
            }

            yield break;
        }

        var description = await DescribeAsync(objectName, cancellationToken).ConfigureAwait(false);
        var query = SoqlQuery.Select(description, "SystemModstamp")
            .Where(SoqlCondition.Equal("IsDeleted", true))
            .Where(SoqlCondition.GreaterThanOrEqual("SystemModstamp", since));
        if (until is { } end)
        {
            query = query.Where(SoqlCondition.LessThanOrEqual("SystemModstamp", end));
        }

        query = query.OrderBy("SystemModstamp").OrderBy("Id");
        await foreach (var record in QueryAsync(query, includeDeleted: true, cancellationToken).ConfigureAwait(false))
        {
            SalesforceWireValue.TryParseDateTime(record["SystemModstamp"] ?? string.Empty, out var stamp);
            yield return new SalesforceDeletedRecord(record.Id!, stamp);
        }
    }

    private async Task<IReadOnlyList<SalesforceDeletedRecord>> GetDeletedAsync(string objectName, DateTimeOffset since, DateTimeOffset until,
        CancellationToken cancellationToken)
    {
        CheckObjectName(objectName);
        var what = $"read the deletes of {objectName} (getDeleted)";
        var response = await _transport.SendAsync(Method.Get, $"{_transport.DataPath}/sobjects/{objectName}/deleted/", request =>
        {
            request.AddQueryParameter("start", ReplicationDate(since));
            request.AddQueryParameter("end", ReplicationDate(until));
        }, what, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var errors = SalesforceApiError.Parse(response.Content);
            throw new SyncException("SalesforceDeletedWindowInvalid", SyncErrorKind.InvalidArgument,
                $"Salesforce refused to list the deletes of {objectName} from {ReplicationDate(since)} to {ReplicationDate(until)}: {SalesforceTransport.Describe(errors)} " +
                "getDeleted reaches at most 15 days back; read older deletes with queryAll.", objectName);
        }

        using var doc = ParseJson(SalesforceTransport.EnsureSuccess(response, what), what);
        if (!doc.RootElement.TryGetProperty("deletedRecords", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return list.EnumerateArray()
            .Select(item => (Id: JsonMember.Text(item, "id"), Date: JsonMember.Text(item, "deletedDate")))
            .Where(item => item.Id is not null)
            .Select(item => new SalesforceDeletedRecord(item.Id!,
                item.Date is not null && SalesforceWireValue.TryParseDateTime(item.Date, out var at) ? at : until))
            .ToArray();
    }

    /// <summary>
    /// Reads records by Id (sObject Collections retrieve, 200 Ids a call). The answer has one entry per Id in the same
    /// order, null where no record exists.
    /// </summary>
    public async Task<IReadOnlyList<SalesforceRecord?>> RetrieveAsync(string objectName, IReadOnlyList<string> ids, IEnumerable<string> fields,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var description = await DescribeAsync(objectName, cancellationToken).ConfigureAwait(false);
        var query = SoqlQuery.Select(description, fields);
        var fieldNames = query.Fields.Select(f => f.Name).ToArray();
        var results = new List<SalesforceRecord?>(ids.Count);
        var what = $"retrieve {objectName} records";
        foreach (var chunk in ids.Chunk(CollectionChunkSize))
        {
            var body = WriteJson(writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("ids");
                foreach (var id in chunk)
                {
                    writer.WriteStringValue(id);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("fields");
                foreach (var name in fieldNames)
                {
                    writer.WriteStringValue(name);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            });
            var response = await _transport.SendAsync(Method.Post, $"{_transport.DataPath}/composite/sobjects/{description.Name}",
                request => request.AddStringBody(body, ContentType.Json), what, cancellationToken).ConfigureAwait(false);
            using var doc = ParseJson(SalesforceTransport.EnsureSuccess(response, what), what);
            if (doc.RootElement.ValueKind != JsonValueKind.Array || doc.RootElement.GetArrayLength() != chunk.Length)
            {
                throw new SyncException("SalesforceResponseInvalid", SyncErrorKind.ReadError,
                    $"Salesforce answered a retrieve of {chunk.Length} {objectName} records with a different number of entries.", what);
            }

            foreach (var item in doc.RootElement.EnumerateArray())
            {
                results.Add(item.ValueKind == JsonValueKind.Object ? ReadRecord(item, query) : null);
            }
        }

        return results;
    }

    private void ThrowIfQueryRefused(RestResponse response, string soql, string what)
    {
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var errors = SalesforceApiError.Parse(response.Content);
            throw new SyncException("SalesforceQueryInvalid", SyncErrorKind.InvalidArgument,
                $"Salesforce refused the query '{soql}': {SalesforceTransport.Describe(errors)}", soql);
        }

        SalesforceTransport.EnsureSuccess(response, what);
    }

    private static List<SalesforceRecord> ReadRecords(JsonElement records, SoqlQuery query)
    {
        var page = new List<SalesforceRecord>(records.GetArrayLength());
        foreach (var item in records.EnumerateArray())
        {
            page.Add(ReadRecord(item, query));
        }

        return page;
    }

    internal static SalesforceRecord ReadRecord(JsonElement item, SoqlQuery query)
    {
        var type = item.TryGetProperty("attributes", out var attributes) ? JsonMember.Text(attributes, "type") : null;
        var fields = new List<KeyValuePair<string, string?>>();
        string? id = null;
        foreach (var property in item.EnumerateObject())
        {
            if (property.NameEquals("attributes"))
            {
                continue;
            }

            var field = query.FieldInAnswer(property.Name);
            var value = SalesforceWireValue.FromJson(property.Value, field?.Type);
            if (string.Equals(property.Name, "Id", StringComparison.OrdinalIgnoreCase))
            {
                id = value;
                continue;
            }

            fields.Add(new(field?.Name ?? property.Name, value));
        }

        return new SalesforceRecord(type ?? query.Object.Name, id, fields);
    }

    /// <summary>getDeleted's start and end: ISO-8601 with an explicit UTC offset, whole seconds.</summary>
    private static string ReplicationDate(DateTimeOffset value)
        => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
}
