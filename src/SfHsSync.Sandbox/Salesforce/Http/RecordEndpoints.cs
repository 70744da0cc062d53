using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SfHsSync.Sandbox.Salesforce.Data;
using SfHsSync.Sandbox.Salesforce.Schema;

namespace SfHsSync.Sandbox.Salesforce.Http;

/// <summary>
/// Single-record calls: create (201), retrieve, update (204), delete (204), and upsert or retrieve by an external ID
/// (201 created, 200 updated, 300 several matches, 404 unknown field). Refusals are 400 arrays with Salesforce's error codes;
/// a deleted record answers 404 ENTITY_IS_DELETED.
/// </summary>
internal static class RecordEndpoints
{
    public static void Map(WebApplication app, SalesforceOrg org)
    {
        const string Base = "/services/data/v{version}/sobjects/{name}";
        app.MapPost(Base, context => Create(context, org));
        app.MapGet(Base + "/{id}", context => Retrieve(context, org));
        app.MapMethods(Base + "/{id}", ["PATCH"], context => Update(context, org));
        app.MapDelete(Base + "/{id}", context => Delete(context, org));
        app.MapMethods(Base + "/{field}/{value}", ["PATCH"], context => Upsert(context, org));
        app.MapGet(Base + "/{field}/{value}", context => RetrieveByExternalId(context, org));
    }

    internal static string Route(HttpContext context, string key) => Uri.UnescapeDataString((string)context.Request.RouteValues[key]!);

    private static async Task Create(HttpContext context, SalesforceOrg org)
    {
        if (Table(context, org) is not { } table)
        {
            await SalesforceAnswers.NotFound(context).ConfigureAwait(false);
            return;
        }

        using var body = await ReadObject(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        if (LockedRow(context, org))
        {
            await SalesforceAnswers.Error(context, 400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record").ConfigureAwait(false);
            return;
        }

        WriteOutcome outcome;
        lock (org.Gate)
        {
            outcome = org.Writer.Create(table, Inputs(body.RootElement), new WriteContext(org.Clock.Now(), org.UserId, null));
        }

        await (outcome.Success
            ? SalesforceAnswers.Json(context, 201, w => SalesforceAnswers.WriteSaveResult(w, outcome, withCreated: false))
            : SalesforceAnswers.Error(context, 400, outcome.Errors[0])).ConfigureAwait(false);
    }

    private static Task Retrieve(HttpContext context, SalesforceOrg org)
    {
        if (Table(context, org) is not { } table)
        {
            return SalesforceAnswers.NotFound(context);
        }

        if (!table.Schema.Capabilities.Retrieveable)
        {
            return SalesforceAnswers.Error(context, 400, ObjectRefusals.Code, ObjectRefusals.Retrieve(table.Schema));
        }

        var id = SalesforceId.Normalize(Route(context, "id"));
        var record = id is null ? null : org.Find(id);
        if (record is null || record.ObjectName != table.Schema.Name)
        {
            return SalesforceAnswers.Error(context, 404, "NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {Route(context, "id")}");
        }

        if (record.IsDeleted)
        {
            return SalesforceAnswers.Error(context, 404, "ENTITY_IS_DELETED", "entity is deleted");
        }

        return WriteRecordFields(context, record, context.Request.Query["fields"].ToString());
    }

    /// <summary>A record with the named fields (all when none are named), or 400 INVALID_FIELD for a name it lacks.</summary>
    internal static Task WriteRecordFields(HttpContext context, SObjectRecord record, string fieldList)
    {
        var fields = new List<SObjectField>();
        foreach (var name in fieldList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var field = record.Schema.FindField(name);
            if (field is null)
            {
                return SalesforceAnswers.Error(context, 400, "INVALID_FIELD", $"No such column '{name}' on sobject of type {record.ObjectName}", [name]);
            }

            fields.Add(field);
        }

        if (fields.Count == 0)
        {
            fields.AddRange(record.Schema.Fields);
        }

        return SalesforceAnswers.Json(context, 200, w => WriteRecord(w, context, record, fields));
    }

    internal static void WriteRecord(Utf8JsonWriter w, HttpContext context, SObjectRecord record, IReadOnlyList<SObjectField> fields)
    {
        w.WriteStartObject();
        SalesforceAnswers.WriteAttributes(w, context, record.ObjectName, record.Id);
        foreach (var f in fields)
        {
            w.WritePropertyName(f.Name);
            FieldValues.Write(w, record[f.Name]);
        }

        w.WriteEndObject();
    }

    private static async Task Update(HttpContext context, SalesforceOrg org)
    {
        if (await Existing(context, org).ConfigureAwait(false) is not { } target)
        {
            return;
        }

        using var body = await ReadObject(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        if (LockedRow(context, org))
        {
            await SalesforceAnswers.Error(context, 400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record").ConfigureAwait(false);
            return;
        }

        WriteOutcome outcome;
        lock (org.Gate)
        {
            outcome = org.Writer.Update(target.Table, target.Id, Inputs(body.RootElement), new WriteContext(org.Clock.Now(), org.UserId, null));
        }

        if (outcome.Success)
        {
            context.Response.StatusCode = 204;
            return;
        }

        await SalesforceAnswers.Error(context, outcome.Errors[0].StatusCode == "ENTITY_IS_DELETED" ? 404 : 400, outcome.Errors[0]).ConfigureAwait(false);
    }

    private static async Task Delete(HttpContext context, SalesforceOrg org)
    {
        if (await Existing(context, org).ConfigureAwait(false) is not { } target)
        {
            return;
        }

        if (LockedRow(context, org))
        {
            await SalesforceAnswers.Error(context, 400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record").ConfigureAwait(false);
            return;
        }

        WriteOutcome outcome;
        lock (org.Gate)
        {
            outcome = org.Writer.Delete(target.Table, target.Id, new WriteContext(org.Clock.Now(), org.UserId, null));
        }

        if (outcome.Success)
        {
            context.Response.StatusCode = 204;
            return;
        }

        await SalesforceAnswers.Error(context, outcome.Errors[0].StatusCode == "ENTITY_IS_DELETED" ? 404 : 400, outcome.Errors[0]).ConfigureAwait(false);
    }

    private static async Task Upsert(HttpContext context, SalesforceOrg org)
    {
        if (Table(context, org) is not { } table)
        {
            await SalesforceAnswers.NotFound(context).ConfigureAwait(false);
            return;
        }

        var fieldName = Route(context, "field");
        var keyField = table.Schema.FindField(fieldName);
        if (keyField is null || !(keyField.ExternalId || keyField.Name == "Id"))
        {
            await SalesforceAnswers.Error(context, 404, "NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {fieldName}").ConfigureAwait(false);
            return;
        }

        using var body = await ReadObject(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var value = Route(context, "value");
        IReadOnlyList<string> matches;
        lock (org.Gate)
        {
            matches = RecordWriter.Matches(table, keyField, value);
        }

        if (matches.Count > 1)
        {
            await SalesforceAnswers.Json(context, 300, w =>
            {
                w.WriteStartArray();
                foreach (var id in matches)
                {
                    w.WriteStringValue(SalesforceAnswers.RecordUrl(context, table.Schema.Name, id));
                }

                w.WriteEndArray();
            }).ConfigureAwait(false);
            return;
        }

        if (LockedRow(context, org))
        {
            await SalesforceAnswers.Error(context, 400, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record").ConfigureAwait(false);
            return;
        }

        WriteOutcome outcome;
        lock (org.Gate)
        {
            outcome = org.Writer.Upsert(table, keyField, value, Inputs(body.RootElement), new WriteContext(org.Clock.Now(), org.UserId, null));
        }

        if (!outcome.Success)
        {
            await SalesforceAnswers.Error(context, outcome.Errors[0].StatusCode is "NOT_FOUND" or "ENTITY_IS_DELETED" ? 404 : 400, outcome.Errors[0]).ConfigureAwait(false);
            return;
        }

        await SalesforceAnswers.Json(context, outcome.Created ? 201 : 200, w => SalesforceAnswers.WriteSaveResult(w, outcome, withCreated: true)).ConfigureAwait(false);
    }

    private static Task RetrieveByExternalId(HttpContext context, SalesforceOrg org)
    {
        if (Table(context, org) is not { } table)
        {
            return SalesforceAnswers.NotFound(context);
        }

        var fieldName = Route(context, "field");
        var keyField = table.Schema.FindField(fieldName);
        if (keyField is null || !(keyField.ExternalId || keyField.Name == "Id"))
        {
            return SalesforceAnswers.Error(context, 404, "NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {fieldName}");
        }

        IReadOnlyList<string> matches;
        lock (org.Gate)
        {
            matches = RecordWriter.Matches(table, keyField, Route(context, "value"));
        }

        if (matches.Count == 0)
        {
            return SalesforceAnswers.NotFound(context);
        }

        if (matches.Count > 1)
        {
            return SalesforceAnswers.Json(context, 300, w =>
            {
                w.WriteStartArray();
                foreach (var id in matches)
                {
                    w.WriteStringValue(SalesforceAnswers.RecordUrl(context, table.Schema.Name, id));
                }

                w.WriteEndArray();
            });
        }

        return WriteRecordFields(context, org.Find(matches[0])!, context.Request.Query["fields"].ToString());
    }

    private static SObjectTable? Table(HttpContext context, SalesforceOrg org) => org.FindTable(Route(context, "name"));

    /// <summary>The live record the path names; otherwise answers 404 (NOT_FOUND, or ENTITY_IS_DELETED) and gives null.</summary>
    private static async Task<(SObjectTable Table, string Id)?> Existing(HttpContext context, SalesforceOrg org)
    {
        var table = Table(context, org);
        var id = SalesforceId.Normalize(Route(context, "id"));
        var record = table is null || id is null ? null : org.Find(id);
        if (record is null || record.ObjectName != table!.Schema.Name)
        {
            await SalesforceAnswers.NotFound(context).ConfigureAwait(false);
            return null;
        }

        if (record.IsDeleted)
        {
            await SalesforceAnswers.Error(context, 404, "ENTITY_IS_DELETED", "entity is deleted").ConfigureAwait(false);
            return null;
        }

        return (table, record.Id);
    }

    internal static bool LockedRow(HttpContext context, SalesforceOrg org) => org.Faults.LockedRow(SalesforceGate.CallNumber(context), 0);

    internal static async Task<JsonDocument?> ReadObject(HttpContext context)
    {
        var doc = await SalesforceAnswers.ReadJson(context).ConfigureAwait(false);
        if (doc is not null && doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            await SalesforceAnswers.Error(context, 400, "JSON_PARSER_ERROR", "The request body must be a JSON object of field values.").ConfigureAwait(false);
            return null;
        }

        return doc;
    }

    internal static List<KeyValuePair<string, InputValue>> Inputs(JsonElement record)
        => record.EnumerateObject().Select(p => new KeyValuePair<string, InputValue>(p.Name, InputValue.FromJson(p.Value))).ToList();
}
