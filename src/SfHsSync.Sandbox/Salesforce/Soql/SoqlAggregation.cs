using System.Globalization;
using System.Text.Json;
using SfHsSync.Sandbox.Salesforce.Data;
using SfHsSync.Sandbox.Salesforce.Schema;

namespace SfHsSync.Sandbox.Salesforce.Soql;

/// <summary>One aggregate function of a SELECT list: COUNT, COUNT_DISTINCT, MIN, MAX, SUM or AVG of a field, with its alias.</summary>
public sealed record SoqlFunction(string Name, SObjectField Field, string Alias)
{
    public static readonly IReadOnlyList<string> Names = ["COUNT", "COUNT_DISTINCT", "MIN", "MAX", "SUM", "AVG"];

    /// <summary>The function's value over one group's records: a count, a number, or the field's own value (MIN and MAX).</summary>
    public object? Over(IReadOnlyList<SObjectRecord> group)
    {
        var values = group.Select(r => r[Field.Name]).Where(v => v is not null).ToList();
        return Name switch
        {
            "COUNT" => (object)(decimal)values.Count,
            "COUNT_DISTINCT" => (decimal)values.Distinct().Count(),
            "MIN" => values.Count == 0 ? null : values.Min(Comparer<object?>.Create(Compare)),
            "MAX" => values.Count == 0 ? null : values.Max(Comparer<object?>.Create(Compare)),
            "SUM" => values.Count == 0 ? null : values.Sum(Number),
            _ => values.Count == 0 ? null : values.Average(Number),
        };
    }

    private static decimal Number(object? value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture);

    private static int Compare(object? a, object? b)
        => a is string sa && b is string sb ? string.CompareOrdinal(sa, sb) : Comparer<object?>.Default.Compare(a, b);
}

/// <summary>
/// The aggregate part of a query (functions and GROUP BY), answered as Salesforce does: AggregateResult records, one
/// per group (one in all without GROUP BY), carrying the grouped fields and each function under its alias (expr0,
/// expr1... when it has none). Salesforce does not page them; LIMIT and OFFSET count groups.
/// </summary>
public sealed record SoqlAggregation(IReadOnlyList<SObjectField> GroupBy, IReadOnlyList<SoqlFunction> Functions)
{
    /// <summary>Checks that every plain selected column is grouped, as Salesforce requires.</summary>
    public static SoqlAggregation Bind(IReadOnlyList<SoqlColumn> columns, IReadOnlyList<SObjectField> groupBy, IReadOnlyList<SoqlFunction> functions)
    {
        foreach (var column in columns)
        {
            if (column.Lookup is not null || !groupBy.Contains(column.Field))
            {
                throw SoqlException.Malformed($"Field must be grouped or aggregated: {column.Field.Name}");
            }
        }

        return new SoqlAggregation(groupBy, functions);
    }

    /// <summary>The groups of <paramref name="rows"/> in first-seen order (so an ORDER BY on grouped fields carries over), windowed.</summary>
    public IReadOnlyList<IReadOnlyList<SObjectRecord>> Groups(IReadOnlyList<SObjectRecord> rows, int offset, int? limit)
    {
        var groups = new List<List<SObjectRecord>>();
        var byKey = new Dictionary<string, List<SObjectRecord>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = string.Join('\u001f', GroupBy.Select(f => Convert.ToString(row[f.Name], CultureInfo.InvariantCulture)?.ToUpperInvariant() ?? "\u0000"));
            if (!byKey.TryGetValue(key, out var group))
            {
                byKey[key] = group = [];
                groups.Add(group);
            }

            group.Add(row);
        }

        if (GroupBy.Count == 0 && groups.Count == 0)
        {
            groups.Add([]);
        }

        return groups.Skip(offset).Take(limit ?? int.MaxValue).ToList();
    }

    /// <summary>One AggregateResult record.</summary>
    public void Write(Utf8JsonWriter w, IReadOnlyList<SObjectRecord> group)
    {
        w.WriteStartObject();
        w.WriteStartObject("attributes");
        w.WriteString("type", "AggregateResult");
        w.WriteEndObject();
        foreach (var field in GroupBy)
        {
            w.WritePropertyName(field.Name);
            FieldValues.Write(w, group.Count == 0 ? null : group[0][field.Name]);
        }

        foreach (var function in Functions)
        {
            w.WritePropertyName(function.Alias);
            FieldValues.Write(w, function.Over(group));
        }

        w.WriteEndObject();
    }
}
