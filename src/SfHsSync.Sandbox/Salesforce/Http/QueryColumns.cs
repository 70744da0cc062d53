using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SfHsSync.Sandbox.Salesforce.Schema;
using SfHsSync.Sandbox.Salesforce.Soql;

namespace SfHsSync.Sandbox.Salesforce.Http;

/// <summary>
/// <c>GET /query?q=...&amp;columns=true</c>: the columns of a query rather than its records, as Salesforce answers it
/// (<c>columnMetadata</c>, <c>entityName</c>, <c>groupBy</c>, <c>idSelected</c>, <c>keyPrefix</c>). The Salesforce
/// CLI's <c>sf data query</c> asks it to lay out its table; parent fields come as one column of the relationship with
/// <c>joinColumns</c>, functions as aggregate columns named by their alias.
/// </summary>
internal static class QueryColumns
{
    public static bool Asked(HttpContext context) => string.Equals(context.Request.Query["columns"].ToString(), "true", StringComparison.OrdinalIgnoreCase);

    public static Task Write(HttpContext context, SoqlQuery query)
        => SalesforceAnswers.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("columnMetadata");
            var groups = query.Aggregation?.GroupBy.Select(f => new SoqlColumn(f, null, null)) ?? query.Columns;
            foreach (var column in groups.Where(c => c.Lookup is null))
            {
                Field(w, column.Field);
            }

            foreach (var parent in groups.Where(c => c.Lookup is not null).GroupBy(c => c.Lookup!.Name))
            {
                var lookup = parent.First();
                Column(w, lookup.Lookup!.RelationshipName ?? lookup.Lookup.Name, lookup.Parent?.Name ?? "SObject", custom: lookup.Lookup.Custom,
                    insertable: false, updatable: false, joins: parent.Select(c => c.Field).ToList());
            }

            foreach (var function in query.Aggregation?.Functions ?? [])
            {
                Column(w, function.Alias, function.Name is "COUNT" or "COUNT_DISTINCT" ? "Integer" : ApexType(function.Field), custom: false,
                    insertable: false, updatable: false, joins: [], aggregate: true, display: $"{function.Name}({function.Field.Name})");
            }

            w.WriteEndArray();
            w.WriteString("entityName", query.From.Name);
            w.WriteBoolean("groupBy", query.Aggregation is { GroupBy.Count: > 0 });
            w.WriteBoolean("idSelected", query.Aggregation is null && query.Columns.Any(c => c.Lookup is null && c.Field.Name == "Id"));
            w.WriteString("keyPrefix", query.From.KeyPrefix);
            w.WriteEndObject();
        });

    private static void Field(Utf8JsonWriter w, SObjectField field)
        => Column(w, field.Name, ApexType(field), field.Custom, field.Createable, field.Updateable, [], boolean: field.Type == "boolean",
            number: field.IsNumber, text: field.IsText);

    private static void Column(Utf8JsonWriter w, string name, string apexType, bool custom, bool insertable, bool updatable, IReadOnlyList<SObjectField> joins,
        bool aggregate = false, string? display = null, bool boolean = false, bool number = false, bool text = false)
    {
        w.WriteStartObject();
        w.WriteBoolean("aggregate", aggregate);
        w.WriteString("apexType", apexType);
        w.WriteBoolean("booleanType", boolean);
        w.WriteString("columnName", name);
        w.WriteBoolean("custom", custom);
        w.WriteString("displayName", display ?? name);
        w.WriteNull("foreignKeyName");
        w.WriteBoolean("insertable", insertable);
        w.WriteStartArray("joinColumns");
        foreach (var join in joins)
        {
            Field(w, join);
        }

        w.WriteEndArray();
        w.WriteBoolean("numberType", number || aggregate && apexType is "Integer" or "Decimal" or "Double");
        w.WriteBoolean("textType", text);
        w.WriteBoolean("updatable", updatable);
        w.WriteEndObject();
    }

    private static string ApexType(SObjectField field) => field.Type switch
    {
        "id" or "reference" => "Id",
        "boolean" => "Boolean",
        "int" => "Integer",
        "long" => "Long",
        "double" => "Double",
        "currency" or "percent" => "Decimal",
        "date" => "Date",
        "datetime" => "Datetime",
        _ => "String",
    };
}
