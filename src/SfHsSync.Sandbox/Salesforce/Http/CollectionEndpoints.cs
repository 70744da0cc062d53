using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SfHsSync.Sandbox.Salesforce.Data;
using SfHsSync.Sandbox.Salesforce.Schema;

namespace SfHsSync.Sandbox.Salesforce.Http;

/// <summary>
/// sObject Collections: create, update, upsert, delete and retrieve up to 200 records a call. The answer is a 200 array
/// in request order; a refused record carries <c>errors[].statusCode</c>. With allOrNone every write is undone when one fails,
/// and the others report ALL_OR_NONE_OPERATION_ROLLED_BACK.
/// </summary>
internal static class CollectionEndpoints
{
    private const int MaxRecords = 200;

    private enum Operation
    {
        Create,
        Update,
        Upsert,
    }

    public static void Map(WebApplication app, SalesforceOrg org)
    {
        const string Base = "/services/data/v{version}/composite/sobjects";
        app.MapPost(Base, context => Write(context, org, Operation.Create));
        app.MapMethods(Base, ["PATCH"], context => Write(context, org, Operation.Update));
        app.MapMethods(Base + "/{name}/{field}", ["PATCH"], context => Write(context, org, Operation.Upsert));
        app.MapDelete(Base, context => Delete(context, org));
        app.MapPost(Base + "/{name}", context => RetrievePost(context, org));
        app.MapGet(Base + "/{name}", context => Retrieve(context, org, context.Request.Query["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), context.Request.Query["fields"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
    }

    private static Task TooMany(HttpContext context)
        => SalesforceAnswers.Error(context, 400, "EXCEEDED_ID_LIMIT", $"record limit reached. cannot submit more than {MaxRecords} records into this call");

    private static async Task Write(HttpContext context, SalesforceOrg org, Operation operation)
    {
        using var body = await RecordEndpoints.ReadObject(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var root = body.RootElement;
        if (!root.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            await SalesforceAnswers.Error(context, 400, "JSON_PARSER_ERROR", "The body needs a 'records' array.").ConfigureAwait(false);
            return;
        }

        if (records.GetArrayLength() > MaxRecords)
        {
            await TooMany(context).ConfigureAwait(false);
            return;
        }

        var allOrNone = root.TryGetProperty("allOrNone", out var aon) && aon.ValueKind == JsonValueKind.True;
        SObjectTable? upsertTable = null;
        SObjectField? keyField = null;
        if (operation == Operation.Upsert)
        {
            upsertTable = org.FindTable(RecordEndpoints.Route(context, "name"));
            keyField = upsertTable?.Schema.FindField(RecordEndpoints.Route(context, "field"));
            if (upsertTable is null)
            {
                await SalesforceAnswers.NotFound(context).ConfigureAwait(false);
                return;
            }

            if (keyField is null || !(keyField.ExternalId || keyField.Name == "Id"))
            {
                await SalesforceAnswers.Error(context, 404, "NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {RecordEndpoints.Route(context, "field")}").ConfigureAwait(false);
                return;
            }
        }

        var call = SalesforceGate.CallNumber(context);
        var outcomes = new List<WriteOutcome>();
        lock (org.Gate)
        {
            var journal = new RecordWriter.Journal();
            var write = new WriteContext(org.Clock.Now(), org.UserId, journal);
            var index = 0;
            foreach (var record in records.EnumerateArray())
            {
                outcomes.Add(WriteOne(org, operation, record, upsertTable, keyField, write, org.Faults.LockedRow(call, index++)));
            }

            if (allOrNone && outcomes.Any(o => !o.Success))
            {
                journal.Rollback();
                for (var i = 0; i < outcomes.Count; i++)
                {
                    if (outcomes[i].Success)
                    {
                        outcomes[i] = WriteOutcome.Failed(operation == Operation.Update ? outcomes[i].Id : null, RecordWriter.RolledBack());
                    }
                }
            }
        }

        await SalesforceAnswers.Json(context, 200, w =>
        {
            w.WriteStartArray();
            foreach (var o in outcomes)
            {
                SalesforceAnswers.WriteSaveResult(w, o, withCreated: operation == Operation.Upsert);
            }

            w.WriteEndArray();
        }).ConfigureAwait(false);
    }

    private static WriteOutcome WriteOne(SalesforceOrg org, Operation operation, JsonElement record, SObjectTable? upsertTable, SObjectField? keyField, WriteContext write, bool lockedRow)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return WriteOutcome.Failed(null, new RecordError("JSON_PARSER_ERROR", "Each record must be a JSON object."));
        }

        var type = record.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object
            && attributes.TryGetProperty("type", out var t) ? t.GetString() : null;
        var table = operation == Operation.Upsert ? upsertTable : type is null ? null : org.FindTable(type);
        string? id = null;
        if (operation == Operation.Update)
        {
            id = record.TryGetProperty("id", out var idElement) || record.TryGetProperty("Id", out idElement) ? SalesforceId.Normalize(idElement.GetString()) : null;
            if (id is null)
            {
                return WriteOutcome.Failed(null, new RecordError("MISSING_ARGUMENT", "Id not specified in an update call", ["Id"]));
            }

            table ??= org.FindLocked(id) is { } existing ? org.FindTable(existing.ObjectName) : null;
        }

        if (table is null)
        {
            return WriteOutcome.Failed(id, new RecordError("INVALID_TYPE", type is null ? "Each record needs attributes.type naming its object." : $"sObject type '{type}' is not supported."));
        }

        if (lockedRow)
        {
            return WriteOutcome.Failed(id, new RecordError("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records: " + (id ?? "new record")));
        }

        var inputs = RecordEndpoints.Inputs(record);
        switch (operation)
        {
            case Operation.Create:
                return org.Writer.Create(table, inputs, write);
            case Operation.Update:
                return org.Writer.Update(table, id!, inputs.Where(kv => !string.Equals(kv.Key, "id", StringComparison.OrdinalIgnoreCase)), write);
            default:
                var key = inputs.FirstOrDefault(kv => string.Equals(kv.Key, keyField!.Name, StringComparison.OrdinalIgnoreCase));
                if (key.Key is null || !record.GetProperty(key.Key).ValueKind.Equals(JsonValueKind.String) && record.GetProperty(key.Key).ValueKind != JsonValueKind.Number)
                {
                    return WriteOutcome.Failed(null, new RecordError("MISSING_ARGUMENT", $"{keyField!.Name} not specified", [keyField.Name]));
                }

                var keyValue = record.GetProperty(key.Key) is { ValueKind: JsonValueKind.String } s ? s.GetString()! : record.GetProperty(key.Key).GetRawText();
                return org.Writer.Upsert(table, keyField!, keyValue, inputs, write);
        }
    }

    private static async Task Delete(HttpContext context, SalesforceOrg org)
    {
        var ids = context.Request.Query["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length > MaxRecords)
        {
            await TooMany(context).ConfigureAwait(false);
            return;
        }

        var allOrNone = string.Equals(context.Request.Query["allOrNone"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        var call = SalesforceGate.CallNumber(context);
        var outcomes = new List<WriteOutcome>();
        lock (org.Gate)
        {
            var journal = new RecordWriter.Journal();
            var write = new WriteContext(org.Clock.Now(), org.UserId, journal);
            for (var i = 0; i < ids.Length; i++)
            {
                var id = SalesforceId.Normalize(ids[i]);
                var record = id is null ? null : org.FindLocked(id);
                if (record is null)
                {
                    outcomes.Add(WriteOutcome.Failed(ids[i], new RecordError(id is null ? "MALFORMED_ID" : "INVALID_CROSS_REFERENCE_KEY", id is null ? $"malformed id {ids[i]}" : "invalid cross reference id")));
                }
                else if (org.Faults.LockedRow(call, i))
                {
                    outcomes.Add(WriteOutcome.Failed(id, new RecordError("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records: " + id)));
                }
                else
                {
                    outcomes.Add(org.Writer.Delete(org.FindTable(record.ObjectName)!, record.Id, write));
                }
            }

            if (allOrNone && outcomes.Any(o => !o.Success))
            {
                journal.Rollback();
                for (var i = 0; i < outcomes.Count; i++)
                {
                    if (outcomes[i].Success)
                    {
                        outcomes[i] = WriteOutcome.Failed(outcomes[i].Id, RecordWriter.RolledBack());
                    }
                }
            }
        }

        await SalesforceAnswers.Json(context, 200, w =>
        {
            w.WriteStartArray();
            foreach (var o in outcomes)
            {
                SalesforceAnswers.WriteSaveResult(w, o, withCreated: false);
            }

            w.WriteEndArray();
        }).ConfigureAwait(false);
    }

    private static async Task RetrievePost(HttpContext context, SalesforceOrg org)
    {
        using var body = await RecordEndpoints.ReadObject(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        static string[] Strings(JsonElement root, string name)
            => root.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToArray() : [];

        await Retrieve(context, org, Strings(body.RootElement, "ids"), Strings(body.RootElement, "fields")).ConfigureAwait(false);
    }

    private static Task Retrieve(HttpContext context, SalesforceOrg org, string[] ids, string[] fieldNames)
    {
        var schema = org.FindObject(RecordEndpoints.Route(context, "name"));
        if (schema is null)
        {
            return SalesforceAnswers.NotFound(context);
        }

        if (ids.Length > 2000)
        {
            return SalesforceAnswers.Error(context, 400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 2000 records into this call");
        }

        if (fieldNames.Length == 0)
        {
            return SalesforceAnswers.Error(context, 400, "MISSING_ARGUMENT", "The fields parameter is required: name the fields to retrieve.");
        }

        var fields = new List<SObjectField>();
        foreach (var name in fieldNames)
        {
            var field = schema.FindField(name);
            if (field is null)
            {
                return SalesforceAnswers.Error(context, 400, "INVALID_FIELD", $"No such column '{name}' on sobject of type {schema.Name}", [name]);
            }

            fields.Add(field);
        }

        var records = ids.Select(i => SalesforceId.Normalize(i) is { } id ? org.Find(id) : null)
            .Select(r => r is { IsDeleted: false } && r.ObjectName == schema.Name ? r : null)
            .ToList();
        return SalesforceAnswers.Json(context, 200, w =>
        {
            w.WriteStartArray();
            foreach (var r in records)
            {
                if (r is null)
                {
                    w.WriteNullValue();
                }
                else
                {
                    RecordEndpoints.WriteRecord(w, context, r, fields);
                }
            }

            w.WriteEndArray();
        });
    }
}
