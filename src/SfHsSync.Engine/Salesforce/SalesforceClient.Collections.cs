using System.Buffers;
using System.Text;
using System.Text.Json;
using RestSharp;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Salesforce;

public sealed partial class SalesforceClient
{
    /// <summary>sObject Collections take at most 200 records a call.</summary>
    public const int CollectionChunkSize = 200;

    /// <summary>Creates records, 200 a call; one result per input, in input order.</summary>
    public Task<IReadOnlyList<SalesforceSaveResult>> CreateAsync(string objectName, IReadOnlyList<SalesforceRecord> records, CancellationToken cancellationToken = default)
        => WriteAsync(objectName, records, CollectionWrite.Create, null, cancellationToken);

    /// <summary>Updates records by Id (each must have one), 200 a call; one result per input, in input order.</summary>
    public Task<IReadOnlyList<SalesforceSaveResult>> UpdateAsync(string objectName, IReadOnlyList<SalesforceRecord> records, CancellationToken cancellationToken = default)
        => WriteAsync(objectName, records, CollectionWrite.Update, null, cancellationToken);

    /// <summary>
    /// Creates or updates records matched on <paramref name="externalIdField"/> (an external ID field each record sets),
    /// 200 a call; one result per input, in input order, whose Created says which happened.
    /// </summary>
    public Task<IReadOnlyList<SalesforceSaveResult>> UpsertAsync(string objectName, string externalIdField, IReadOnlyList<SalesforceRecord> records,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(externalIdField);
        return WriteAsync(objectName, records, CollectionWrite.Upsert, externalIdField, cancellationToken);
    }

    /// <summary>Deletes records by Id, 200 a call; one result per Id, in input order.</summary>
    public async Task<IReadOnlyList<SalesforceSaveResult>> DeleteAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        for (var i = 0; i < ids.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(ids[i]) || ids[i].Contains(',', StringComparison.Ordinal))
            {
                throw new SyncException("SalesforceRecordIdInvalid", SyncErrorKind.InvalidArgument, $"The Id at position {i} of the delete is empty or not a Salesforce Id: '{ids[i]}'.", i);
            }
        }

        var results = new SalesforceSaveResult?[ids.Count];
        for (var start = 0; start < ids.Count; start += CollectionChunkSize)
        {
            var indices = Enumerable.Range(start, Math.Min(CollectionChunkSize, ids.Count - start)).ToArray();
            await SendChunkWithLockRetriesAsync(indices, results, (chunk, ct) => SendDeleteAsync(ids, chunk, ct), cancellationToken).ConfigureAwait(false);
        }

        return results.Select(r => r!).ToArray();
    }

    private async Task<IReadOnlyList<SalesforceSaveResult>> WriteAsync(string objectName, IReadOnlyList<SalesforceRecord> records, CollectionWrite kind,
        string? externalIdField, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var description = await DescribeAsync(objectName, cancellationToken).ConfigureAwait(false);
        SalesforceFieldDescription? externalId = null;
        if (externalIdField is not null)
        {
            externalId = SoqlQuery.ResolveField(description, externalIdField);
            if (!externalId.ExternalId && !externalId.IdLookup)
            {
                throw new SyncException("SalesforceExternalIdFieldInvalid", SyncErrorKind.InvalidArgument,
                    $"{description.Name}.{externalId.Name} is not an external ID field, so it cannot match records for an upsert.", $"{description.Name}.{externalId.Name}");
            }
        }

        CheckRecords(description, records, kind, externalId);
        var results = new SalesforceSaveResult?[records.Count];
        for (var start = 0; start < records.Count; start += CollectionChunkSize)
        {
            var indices = Enumerable.Range(start, Math.Min(CollectionChunkSize, records.Count - start)).ToArray();
            await SendChunkWithLockRetriesAsync(indices, results,
                (chunk, ct) => SendWriteAsync(description, records, chunk, kind, externalId, ct), cancellationToken).ConfigureAwait(false);
        }

        return results.Select(r => r!).ToArray();
    }

    /// <summary>
    /// Sends one chunk; records refused only with UNABLE_TO_LOCK_ROW are sent again (alone, after a backoff) up to
    /// MaxRetries times, since another transaction held their row and a later try usually succeeds.
    /// </summary>
    private async Task SendChunkWithLockRetriesAsync(int[] indices, SalesforceSaveResult?[] results,
        Func<int[], CancellationToken, Task<IReadOnlyList<SalesforceSaveResult>>> send, CancellationToken cancellationToken)
    {
        var pending = indices;
        for (var attempt = 0; ; attempt++)
        {
            var answers = await send(pending, cancellationToken).ConfigureAwait(false);
            var locked = new List<int>();
            for (var i = 0; i < pending.Length; i++)
            {
                results[pending[i]] = answers[i];
                if (!answers[i].Success && answers[i].Errors.Count > 0
                    && answers[i].Errors.All(e => e.StatusCode == SalesforceRetryPolicy.RowLockErrorCode))
                {
                    locked.Add(pending[i]);
                }
            }

            if (locked.Count == 0 || attempt >= Options.MaxRetries)
            {
                return;
            }

            var delay = Options.RetryDelay * Math.Pow(2, attempt);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, Options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }

            Retries.Count(RetryKind.RowLock, locked.Count);
            pending = [.. locked];
        }
    }

    private async Task<IReadOnlyList<SalesforceSaveResult>> SendWriteAsync(SalesforceObjectDescription description, IReadOnlyList<SalesforceRecord> records,
        int[] indices, CollectionWrite kind, SalesforceFieldDescription? externalId, CancellationToken cancellationToken)
    {
        var body = WriteJson(writer =>
        {
            writer.WriteStartObject();
            writer.WriteBoolean("allOrNone", false);
            writer.WriteStartArray("records");
            foreach (var index in indices)
            {
                var record = records[index];
                writer.WriteStartObject();
                writer.WriteStartObject("attributes");
                writer.WriteString("type", description.Name);
                writer.WriteEndObject();
                if (kind == CollectionWrite.Update)
                {
                    writer.WriteString("id", record.Id);
                }

                foreach (var (name, value) in record.Fields)
                {
                    var field = description.FindField(name)!;
                    writer.WritePropertyName(field.Name);
                    SalesforceWireValue.WriteJson(writer, value, field.Type);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
        var (method, path, verb) = kind switch
        {
            CollectionWrite.Create => (Method.Post, $"{_transport.DataPath}/composite/sobjects", "create"),
            CollectionWrite.Update => (Method.Patch, $"{_transport.DataPath}/composite/sobjects", "update"),
            _ => (Method.Patch, $"{_transport.DataPath}/composite/sobjects/{description.Name}/{externalId!.Name}", "upsert"),
        };
        var what = $"{verb} {indices.Length} {description.Name} records";
        var response = await _transport.SendAsync(method, path, request => request.AddStringBody(body, ContentType.Json), what, cancellationToken)
            .ConfigureAwait(false);
        return ReadSaveResults(SalesforceTransport.EnsureSuccess(response, what), indices, what, kind == CollectionWrite.Create ? true : null);
    }

    private async Task<IReadOnlyList<SalesforceSaveResult>> SendDeleteAsync(IReadOnlyList<string> ids, int[] indices, CancellationToken cancellationToken)
    {
        var what = $"delete {indices.Length} records";
        var response = await _transport.SendAsync(Method.Delete, $"{_transport.DataPath}/composite/sobjects", request =>
        {
            request.AddQueryParameter("ids", string.Join(",", indices.Select(i => ids[i])));
            request.AddQueryParameter("allOrNone", "false");
        }, what, cancellationToken).ConfigureAwait(false);
        return ReadSaveResults(SalesforceTransport.EnsureSuccess(response, what), indices, what, createdWhenSaved: null);
    }

    private static IReadOnlyList<SalesforceSaveResult> ReadSaveResults(RestResponse response, int[] indices, string what, bool? createdWhenSaved)
    {
        using var doc = ParseJson(response, what);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != indices.Length)
        {
            throw new SyncException("SalesforceResponseInvalid", SyncErrorKind.ReadError,
                $"Salesforce answered the request to {what} with {(root.ValueKind == JsonValueKind.Array ? root.GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture) : "no")} results instead of one per record.",
                what);
        }

        var results = new SalesforceSaveResult[indices.Length];
        var i = 0;
        foreach (var item in root.EnumerateArray())
        {
            var success = item.TryGetProperty("success", out var ok) && ok.ValueKind == JsonValueKind.True;
            bool? created = item.TryGetProperty("created", out var c) && c.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? c.ValueKind == JsonValueKind.True
                : success ? createdWhenSaved : null;
            var errors = item.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(e => new SalesforceRecordError(
                    JsonMember.Text(e, "statusCode") ?? JsonMember.Text(e, "errorCode") ?? "UNKNOWN_ERROR",
                    JsonMember.Text(e, "message") ?? string.Empty,
                    JsonMember.Strings(e, "fields"))).ToArray()
                : [];
            results[i] = new SalesforceSaveResult(indices[i], JsonMember.Text(item, "id"), success, created, errors);
            i++;
        }

        return results;
    }

    private static void CheckRecords(SalesforceObjectDescription description, IReadOnlyList<SalesforceRecord> records, CollectionWrite kind,
        SalesforceFieldDescription? externalId)
    {
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i] ?? throw new ArgumentException($"The record at position {i} is null.", nameof(records));
            if (kind == CollectionWrite.Update && record.Id is null)
            {
                throw new SyncException("SalesforceRecordIdMissing", SyncErrorKind.InvalidArgument,
                    $"The {description.Name} record at position {i} of the update has no Id.", i);
            }

            if (kind == CollectionWrite.Upsert && record[externalId!.Name] is null)
            {
                throw new SyncException("SalesforceExternalIdMissing", SyncErrorKind.InvalidArgument,
                    $"The {description.Name} record at position {i} of the upsert has no value in its external ID field {externalId.Name}.", i);
            }

            foreach (var name in record.Fields.Keys)
            {
                if (description.FindField(name) is null)
                {
                    throw new SyncException("SalesforceFieldNotFound", SyncErrorKind.ObjectNotFound,
                        $"The field '{name}' of the record at position {i} does not exist on the Salesforce object {description.Name}.", $"{description.Name}.{name}");
                }
            }
        }
    }

    internal static string WriteJson(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private enum CollectionWrite
    {
        Create,
        Update,
        Upsert,
    }
}
