using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Salesforce;

/// <summary>
/// A SOQL query built only from names found in the object's describe, with every literal escaped by its field's type:
/// neither a name nor a value can change the shape of the query. Immutable; each step returns a new query.
/// </summary>
public sealed partial class SoqlQuery
{
    private readonly List<string> _where;
    private readonly List<string> _orderBy;
    private Dictionary<string, SalesforceFieldDescription>? _lookup;

    private SoqlQuery(SalesforceObjectDescription description, IReadOnlyList<SalesforceFieldDescription> fields, bool isCount,
        List<string> where, List<string> orderBy, int? limit)
    {
        Object = description;
        Fields = fields;
        IsCount = isCount;
        _where = where;
        _orderBy = orderBy;
        LimitCount = limit;
    }

    /// <summary>The object queried, as describe reported it.</summary>
    public SalesforceObjectDescription Object { get; }

    /// <summary>The selected fields in describe's spelling; Id is always first.</summary>
    public IReadOnlyList<SalesforceFieldDescription> Fields { get; }

    public bool IsCount { get; }

    public int? LimitCount { get; }

    /// <summary>SELECT the given fields (and Id) FROM the described object.</summary>
    public static SoqlQuery Select(SalesforceObjectDescription description, IEnumerable<string> fieldNames)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(fieldNames);
        CheckIdentifier(description.Name, description.Name);
        var fields = new List<SalesforceFieldDescription>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in new[] { "Id" }.Concat(fieldNames))
        {
            if (string.Equals(name, "Id", StringComparison.OrdinalIgnoreCase) && description.FindField("Id") is null)
            {
                // Every queryable object has Id; a hand-made description without it still selects it.
                if (seen.Add("Id"))
                {
                    fields.Add(new SalesforceFieldDescription { Name = "Id", Type = "id" });
                }

                continue;
            }

            var field = ResolveField(description, name);
            if (seen.Add(field.Name))
            {
                fields.Add(field);
            }
        }

        return new SoqlQuery(description, fields, isCount: false, [], [], null);
    }

    public static SoqlQuery Select(SalesforceObjectDescription description, params string[] fieldNames)
        => Select(description, (IEnumerable<string>)fieldNames);

    /// <summary>SELECT COUNT() FROM the described object.</summary>
    public static SoqlQuery Count(SalesforceObjectDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        CheckIdentifier(description.Name, description.Name);
        return new SoqlQuery(description, [], isCount: true, [], [], null);
    }

    /// <summary>Adds a condition; several calls are joined with AND.</summary>
    public SoqlQuery Where(SoqlCondition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var text = new StringBuilder();
        condition.Render(text, Object);
        return new SoqlQuery(Object, Fields, IsCount, [.. _where, text.ToString()], _orderBy, LimitCount);
    }

    public SoqlQuery OrderBy(string fieldName, bool descending = false)
    {
        if (IsCount)
        {
            throw new SyncException("SoqlQueryInvalid", SyncErrorKind.InvalidArgument, $"A COUNT() query on {Object.Name} cannot be ordered.", Object.Name);
        }

        var field = ResolveField(Object, fieldName);
        return new SoqlQuery(Object, Fields, IsCount, _where, [.. _orderBy, descending ? field.Name + " DESC" : field.Name], LimitCount);
    }

    public SoqlQuery Limit(int count)
    {
        if (count < 1)
        {
            throw new SyncException("SoqlQueryInvalid", SyncErrorKind.InvalidArgument, $"LIMIT must be at least 1, not {count}, in a query on {Object.Name}.", Object.Name);
        }

        return new SoqlQuery(Object, Fields, IsCount, _where, _orderBy, count);
    }

    /// <summary>The query's SOQL text.</summary>
    public string ToSoql()
    {
        var soql = new StringBuilder("SELECT ");
        soql.Append(IsCount ? "COUNT()" : string.Join(", ", Fields.Select(f => f.Name)));
        soql.Append(" FROM ").Append(Object.Name);
        if (_where.Count > 0)
        {
            // Each part is a comparison or a parenthesized junction, so joining with AND keeps its meaning.
            soql.Append(" WHERE ").Append(string.Join(" AND ", _where));
        }

        if (_orderBy.Count > 0)
        {
            soql.Append(" ORDER BY ").Append(string.Join(", ", _orderBy));
        }

        if (LimitCount is { } limit)
        {
            soql.Append(" LIMIT ").Append(limit.ToString(CultureInfo.InvariantCulture));
        }

        return soql.ToString();
    }

    public override string ToString() => ToSoql();

    /// <summary>The describe entry of a field in the answer, by name in any case; null for names describe does not know.</summary>
    internal SalesforceFieldDescription? FieldInAnswer(string name)
    {
        var lookup = _lookup;
        if (lookup is null)
        {
            lookup = new Dictionary<string, SalesforceFieldDescription>(StringComparer.OrdinalIgnoreCase);
            foreach (var field in Object.Fields.Concat(Fields))
            {
                lookup.TryAdd(field.Name, field);
            }

            _lookup = lookup;
        }

        return lookup.GetValueOrDefault(name);
    }

    /// <summary>The describe entry of a field named by the caller, or SalesforceFieldNotFound naming field and object.</summary>
    internal static SalesforceFieldDescription ResolveField(SalesforceObjectDescription description, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var field = description.FindField(name) ?? throw new SyncException("SalesforceFieldNotFound", SyncErrorKind.ObjectNotFound,
            $"The field '{name}' does not exist on the Salesforce object {description.Name}.", $"{description.Name}.{name}")
        {
            RecommendedAction = $"Check the field's API name in the describe of {description.Name} (custom fields end in __c).",
        };
        CheckIdentifier(field.Name, description.Name);
        return field;
    }

    // A description can be built by hand; a name from it must still be a plain identifier to reach the query text.
    private static void CheckIdentifier(string name, string objectName)
    {
        if (!Identifier().IsMatch(name))
        {
            throw new SyncException("SalesforceNameInvalid", SyncErrorKind.InvalidArgument,
                $"'{name}' (on {objectName}) is not a Salesforce API name: names are letters, digits and underscores, starting with a letter.", name);
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
