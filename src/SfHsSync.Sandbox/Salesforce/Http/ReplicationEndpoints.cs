using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SfHsSync.Sandbox.Salesforce.Data;
using SfHsSync.Sandbox.Salesforce.Schema;

namespace SfHsSync.Sandbox.Salesforce.Http;

/// <summary>
/// getUpdated and getDeleted: ids changed or deleted in a window. As in Salesforce, start and end are cut to the minute,
/// the window may reach back 30 days for updates and 15 days for deletes, and more than 600,000 ids is EXCEEDED_ID_LIMIT.
/// An object whose describe says it is not replicateable answers 400 INVALID_TYPE_FOR_OPERATION.
/// </summary>
internal static class ReplicationEndpoints
{
    private const int MaxIds = 600_000;

    public static void Map(WebApplication app, SalesforceOrg org)
    {
        const string Base = "/services/data/v{version}/sobjects/{name}";
        app.MapGet(Base + "/updated", context => Updated(context, org));
        app.MapGet(Base + "/deleted", context => Deleted(context, org));
    }

    private static Task Updated(HttpContext context, SalesforceOrg org)
    {
        if (!TryWindow(context, org, TimeSpan.FromDays(30), out var start, out var end, out var now, out var answer))
        {
            return answer;
        }

        var ids = org.Records(RecordEndpoints.Route(context, "name"))
            .Where(r => r.SystemModstamp >= start && r.SystemModstamp < end)
            .Select(r => r.Id)
            .ToList();
        if (ids.Count > MaxIds)
        {
            return SalesforceAnswers.Error(context, 400, "EXCEEDED_ID_LIMIT", $"The window holds more than {MaxIds} ids; ask for a shorter one.");
        }

        return SalesforceAnswers.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("ids");
            foreach (var id in ids)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
            w.WriteString("latestDateCovered", FieldValues.FormatDateTime(end < now ? end : Minute(now)));
            w.WriteEndObject();
        });
    }

    private static Task Deleted(HttpContext context, SalesforceOrg org)
    {
        if (!TryWindow(context, org, TimeSpan.FromDays(15), out var start, out var end, out var now, out var answer))
        {
            return answer;
        }

        var deleted = org.Records(RecordEndpoints.Route(context, "name"), includeDeleted: true)
            .Where(r => r.DeletedDate is { } d && d >= start && d < end)
            .ToList();
        if (deleted.Count > MaxIds)
        {
            return SalesforceAnswers.Error(context, 400, "EXCEEDED_ID_LIMIT", $"The window holds more than {MaxIds} ids; ask for a shorter one.");
        }

        return SalesforceAnswers.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("deletedRecords");
            foreach (var r in deleted)
            {
                w.WriteStartObject();
                w.WriteString("id", r.Id);
                w.WriteString("deletedDate", FieldValues.FormatDateTime(r.DeletedDate!.Value));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("earliestDateAvailable", FieldValues.FormatDateTime(Minute(now - TimeSpan.FromDays(15))));
            w.WriteString("latestDateCovered", FieldValues.FormatDateTime(end < now ? end : Minute(now)));
            w.WriteEndObject();
        });
    }

    private static bool TryWindow(HttpContext context, SalesforceOrg org, TimeSpan reach, out DateTimeOffset start, out DateTimeOffset end, out DateTimeOffset now, out Task answer)
    {
        start = end = now = default;
        answer = Task.CompletedTask;
        var schema = org.FindObject(RecordEndpoints.Route(context, "name"));
        if (schema is null)
        {
            answer = SalesforceAnswers.NotFound(context);
            return false;
        }

        if (!schema.Capabilities.Replicateable)
        {
            answer = SalesforceAnswers.Error(context, 400, ObjectRefusals.Code, ObjectRefusals.Replication(schema));
            return false;
        }

        if (!TryDate(context, "start", out start) || !TryDate(context, "end", out end))
        {
            answer = SalesforceAnswers.Error(context, 400, "MALFORMED_QUERY", "start and end are required ISO-8601 datetimes, e.g. 2025-03-01T00:00:00Z");
            return false;
        }

        now = org.Clock.Now();
        start = Minute(start);
        end = Minute(end);
        if (end <= start)
        {
            answer = SalesforceAnswers.Error(context, 400, "INVALID_REPLICATION_DATE", "EndDate can not be before StartDate");
            return false;
        }

        if (start < now - reach)
        {
            answer = SalesforceAnswers.Error(context, 400, "INVALID_REPLICATION_DATE", $"startDate cannot be more than {reach.TotalDays:0} days ago");
            return false;
        }

        return true;
    }

    private static bool TryDate(HttpContext context, string name, out DateTimeOffset value)
    {
        // A '+' in an unencoded offset arrives as a space.
        var text = context.Request.Query[name].ToString().Replace(' ', '+');
        return FieldValues.TryParseDateTime(text, out value);
    }

    private static DateTimeOffset Minute(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
}
