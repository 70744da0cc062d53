using System.Text.RegularExpressions;
using SfHsSync.Sandbox.Salesforce.Data;
using SfHsSync.Sandbox.Salesforce.Schema;

namespace SfHsSync.Sandbox.Salesforce.Soql;

/// <summary>A selected column: a field of the object, or a field of a parent through a lookup (<c>Account__r.Name</c>).</summary>
public sealed record SoqlColumn(SObjectField Field, SObjectField? Lookup, SObjectSchema? Parent)
{
    /// <summary>The value for a record; parent values come through <paramref name="findById"/>.</summary>
    public object? Read(SObjectRecord record, Func<string, SObjectRecord?> findById)
    {
        if (Lookup is null)
        {
            return record[Field.Name];
        }

        return record[Lookup.Name] is string id && findById(id) is { } parent ? parent[Field.Name] : null;
    }
}

/// <summary>One ORDER BY key.</summary>
public sealed record SoqlOrder(SObjectField Field, bool Descending, bool NullsFirst);

/// <summary>A parsed query, already checked against the object's schema.</summary>
public sealed record SoqlQuery(
    SObjectSchema From,
    IReadOnlyList<SoqlColumn> Columns,
    bool CountOnly,
    SoqlCondition? Where,
    IReadOnlyList<SoqlOrder> OrderBy,
    int? Limit,
    int Offset,
    SoqlAggregation? Aggregation = null);

/// <summary>A WHERE condition, evaluated over one record.</summary>
public abstract record SoqlCondition
{
    public abstract bool Matches(SObjectRecord record);
}

internal sealed record SoqlAnd(IReadOnlyList<SoqlCondition> Parts) : SoqlCondition
{
    public override bool Matches(SObjectRecord record) => Parts.All(p => p.Matches(record));
}

internal sealed record SoqlOr(IReadOnlyList<SoqlCondition> Parts) : SoqlCondition
{
    public override bool Matches(SObjectRecord record) => Parts.Any(p => p.Matches(record));
}

internal sealed record SoqlNot(SoqlCondition Inner) : SoqlCondition
{
    public override bool Matches(SObjectRecord record) => !Inner.Matches(record);
}

/// <summary><c>field op literal</c>; as in SOQL, a comparison other than = / != with null never matches, and text compares case-insensitively.</summary>
internal sealed record SoqlComparison(SObjectField Field, string Operator, object? Value) : SoqlCondition
{
    public override bool Matches(SObjectRecord record)
    {
        var actual = record[Field.Name];
        if (Value is null || actual is null)
        {
            var bothNull = Value is null && actual is null;
            return Operator switch
            {
                "=" => bothNull,
                "!=" => !bothNull,
                _ => false,
            };
        }

        var c = FieldValues.Compare(Field, actual, Value);
        return Operator switch
        {
            "=" => c == 0,
            "!=" => c != 0,
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            _ => c >= 0,
        };
    }
}

/// <summary><c>field [NOT] IN (literals)</c>.</summary>
internal sealed record SoqlIn(SObjectField Field, IReadOnlyList<object?> Values, bool Negated) : SoqlCondition
{
    public override bool Matches(SObjectRecord record)
    {
        var actual = record[Field.Name];
        var found = Values.Any(v => v is null ? actual is null : actual is not null && FieldValues.Compare(Field, actual, v) == 0);
        return found != Negated;
    }
}

/// <summary><c>field LIKE 'pattern'</c> with % and _ wildcards, case-insensitive.</summary>
internal sealed record SoqlLike(SObjectField Field, Regex Pattern) : SoqlCondition
{
    public override bool Matches(SObjectRecord record) => record[Field.Name] is string s && Pattern.IsMatch(s);
}
