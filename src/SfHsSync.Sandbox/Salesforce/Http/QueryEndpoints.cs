using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SfHsSync.Sandbox.Salesforce.Schema;
using SfHsSync.Sandbox.Salesforce.Soql;

namespace SfHsSync.Sandbox.Salesforce.Http;

/// <summary>
/// <c>/query</c>, <c>/queryAll</c> and their next pages. Pages hold 2,000 records unless <c>Sforce-Query-Options: batchSize=N</c>
/// asks for 200 to 2,000; <c>nextRecordsUrl</c> is <c>/services/data/vXX.X/query/&lt;locator&gt;-&lt;offset&gt;</c> for both.
/// <c>columns=true</c> answers the query's columns instead (<see cref="QueryColumns"/>).
/// </summary>
internal static class QueryEndpoints
{
    private const int DefaultBatch = 2000;

    public static void Map(WebApplication app, SalesforceOrg org)
    {
        const string Base = "/services/data/v{version}";
        app.MapGet(Base + "/query", context => Run(context, org, includeDeleted: false));
        app.MapGet(Base + "/queryAll", context => Run(context, org, includeDeleted: true));
        app.MapGet(Base + "/query/{locator}", context => More(context, org));
        app.MapGet(Base + "/queryAll/{locator}", context => More(context, org));
    }

    private static Task Run(HttpContext context, SalesforceOrg org, bool includeDeleted)
    {
        var soql = context.Request.Query["q"].ToString();
        SoqlQuery query;
        try
        {
            query = SoqlParser.Parse(soql, org.FindObject, org.Clock.Now);
        }
        catch (SoqlException e)
        {
            return SalesforceAnswers.Error(context, 400, e.ErrorCode, e.Message);
        }

        if (QueryColumns.Asked(context))
        {
            return QueryColumns.Write(context, query);
        }

        if (query.Aggregation is { } aggregation)
        {
            var all = org.OpenQuery(query with { Limit = null, Offset = 0 }, includeDeleted, BatchSize(context));
            return WriteAggregates(context, aggregation.Groups(all.Rows, query.Offset, query.Limit), aggregation);
        }

        var cursor = org.OpenQuery(query, includeDeleted, BatchSize(context));
        return WritePage(context, org, cursor, 0);
    }

    private static Task WriteAggregates(HttpContext context, IReadOnlyList<IReadOnlyList<Data.SObjectRecord>> groups, SoqlAggregation aggregation)
        => SalesforceAnswers.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("totalSize", groups.Count);
            w.WriteBoolean("done", true);
            w.WriteStartArray("records");
            foreach (var group in groups)
            {
                aggregation.Write(w, group);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    private static Task More(HttpContext context, SalesforceOrg org)
    {
        var text = (string)context.Request.RouteValues["locator"]!;
        var dash = text.LastIndexOf('-');
        var cursor = dash > 0 ? org.FindCursor(text[..dash]) : null;
        if (cursor is null || !int.TryParse(text[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) || offset > cursor.Rows.Count)
        {
            return SalesforceAnswers.Error(context, 400, "INVALID_QUERY_LOCATOR", "invalid query locator");
        }

        return WritePage(context, org, cursor, offset);
    }

    private static int BatchSize(HttpContext context)
    {
        foreach (var part in context.Request.Headers["Sforce-Query-Options"].ToString().Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("batchSize=", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(part["batchSize=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                // Salesforce treats the size as a hint within 200..2,000.
                return Math.Clamp(n, 200, DefaultBatch);
            }
        }

        return DefaultBatch;
    }

    private static Task WritePage(HttpContext context, SalesforceOrg org, QueryCursor cursor, int offset)
    {
        var query = cursor.Query;
        var total = cursor.Rows.Count;
        if (query.CountOnly)
        {
            return SalesforceAnswers.Json(context, 200, w =>
            {
                w.WriteStartObject();
                w.WriteNumber("totalSize", total);
                w.WriteBoolean("done", true);
                w.WriteStartArray("records");
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        var page = org.ReadPage(cursor, offset, cursor.BatchSize);
        var next = offset + page.Length;
        var version = SalesforceAnswers.Version(context);
        return SalesforceAnswers.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("totalSize", total);
            w.WriteBoolean("done", next >= total);
            if (next < total)
            {
                w.WriteString("nextRecordsUrl", $"/services/data/v{version}/query/{cursor.Locator}-{next}");
            }

            w.WriteStartArray("records");
            for (var i = 0; i < page.Length; i++)
            {
                WriteRecord(w, context, cursor.Rows[offset + i], query.Columns, page[i]);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteRecord(Utf8JsonWriter w, HttpContext context, Data.SObjectRecord row, IReadOnlyList<SoqlColumn> columns, object?[] values)
    {
        w.WriteStartObject();
        SalesforceAnswers.WriteAttributes(w, context, row.ObjectName, row.Id);
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            if (column.Lookup is null)
            {
                w.WritePropertyName(column.Field.Name);
                FieldValues.Write(w, values[c]);
                continue;
            }

            // All columns through one relationship go into one nested record, as Salesforce nests them.
            var relationship = column.Lookup.RelationshipName!;
            if (!written.Add(relationship))
            {
                continue;
            }

            w.WritePropertyName(relationship);
            if (row[column.Lookup.Name] is not string parentId)
            {
                w.WriteNullValue();
                continue;
            }

            w.WriteStartObject();
            SalesforceAnswers.WriteAttributes(w, context, column.Parent!.Name, parentId);
            for (var k = c; k < columns.Count; k++)
            {
                if (columns[k].Lookup is { } l && l.RelationshipName == relationship)
                {
                    w.WritePropertyName(columns[k].Field.Name);
                    FieldValues.Write(w, values[k]);
                }
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
