using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SfHsSync.Sandbox.Salesforce.Schema;

namespace SfHsSync.Sandbox.Salesforce.Soql;

/// <summary>
/// Parses the SOQL subset a sync needs and checks it against the org's schemas:
/// <c>SELECT fields, aggregates | COUNT() FROM object [WHERE ...] [GROUP BY fields] [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], ...] [LIMIT n] [OFFSET n]</c>,
/// where conditions combine with AND, OR, NOT and parentheses (mixing AND and OR needs parentheses, as in SOQL) over
/// =, !=, &lt;&gt;, &lt;, &lt;=, &gt;, &gt;=, LIKE and [NOT] IN, with string, number, boolean, null, date and datetime literals.
/// Selected fields may name one parent level (<c>Account__r.Name</c>). Anything else is refused with Salesforce's error code.
/// </summary>
public sealed class SoqlParser
{
    private readonly IReadOnlyList<SoqlToken> _tokens;
    private readonly Func<string, SObjectSchema?> _findObject;
    private readonly Func<DateTimeOffset> _now;
    private SObjectSchema _from = null!;
    private int _pos;

    private SoqlParser(string soql, Func<string, SObjectSchema?> findObject, Func<DateTimeOffset> now)
    {
        _tokens = SoqlLexer.Read(soql);
        _findObject = findObject;
        _now = now;
    }

    /// <summary>Parses and checks a query; throws <see cref="SoqlException"/> with Salesforce's error code when it is refused.</summary>
    public static SoqlQuery Parse(string soql, Func<string, SObjectSchema?> findObject, Func<DateTimeOffset> now)
    {
        if (string.IsNullOrWhiteSpace(soql))
        {
            throw SoqlException.Malformed("The query is empty.");
        }

        return new SoqlParser(soql, findObject, now).ParseQuery();
    }

    private SoqlToken Current => _tokens[_pos];

    private SoqlQuery ParseQuery()
    {
        ExpectWord("SELECT");
        var countOnly = false;
        var selected = new List<List<string>>();
        var functions = new List<(string Name, List<string> Path, string? Alias)>();
        if (Current.Is("COUNT") && _tokens[_pos + 1].IsSymbol("(") && _tokens[_pos + 2].IsSymbol(")"))
        {
            _pos += 2;
            ExpectSymbol(")");
            countOnly = true;
        }
        else
        {
            do
            {
                if (SoqlFunction.Names.Any(Current.Is) && _tokens[_pos + 1].IsSymbol("("))
                {
                    functions.Add(ReadFunction());
                }
                else
                {
                    selected.Add(ReadPath());
                }
            }
            while (TakeSymbol(","));
        }

        ExpectWord("FROM");
        var objectToken = Take();
        if (objectToken.Kind != SoqlTokenKind.Word)
        {
            throw Unexpected(objectToken);
        }

        _from = _findObject(objectToken.Text) ?? throw new SoqlException("INVALID_TYPE",
            $"sObject type '{objectToken.Text}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.");
        if (!_from.Capabilities.Queryable)
        {
            throw new SoqlException(Data.ObjectRefusals.Code, Data.ObjectRefusals.Query(_from));
        }

        var columns = BindColumns(selected);
        SoqlCondition? where = null;
        if (TakeWord("WHERE"))
        {
            where = ParseCondition();
        }

        var groupBy = new List<SObjectField>();
        if (TakeWord("GROUP"))
        {
            ExpectWord("BY");
            do
            {
                groupBy.Add(Field(_from, Single(ReadPath(), "groups by")));
            }
            while (TakeSymbol(","));
        }

        var order = new List<SoqlOrder>();
        if (TakeWord("ORDER"))
        {
            ExpectWord("BY");
            do
            {
                order.Add(ParseOrder());
            }
            while (TakeSymbol(","));
        }

        int? limit = null;
        if (TakeWord("LIMIT"))
        {
            limit = ReadCount("LIMIT", int.MaxValue);
        }

        var offset = 0;
        if (TakeWord("OFFSET"))
        {
            offset = ReadCount("OFFSET", 2000);
        }

        if (Current.Kind != SoqlTokenKind.End)
        {
            throw Unexpected(Current);
        }

        var aggregation = functions.Count == 0 && groupBy.Count == 0 ? null : SoqlAggregation.Bind(columns, groupBy, BindFunctions(functions));
        return new SoqlQuery(_from, columns, countOnly, where, order, limit, offset, aggregation);
    }

    private List<SoqlColumn> BindColumns(List<List<string>> selected)
    {
        var columns = new List<SoqlColumn>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in selected)
        {
            SoqlColumn column;
            if (path.Count == 1)
            {
                column = new SoqlColumn(Field(_from, path[0]), null, null);
            }
            else if (path.Count == 2)
            {
                var lookup = _from.FindRelationship(path[0]) ?? throw new SoqlException("INVALID_FIELD",
                    $"Didn't understand relationship '{path[0]}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.");
                var parent = lookup.ReferenceTo.Select(_findObject).FirstOrDefault(s => s is not null) ?? throw SoqlException.Malformed(
                    $"The sandbox cannot follow relationship '{path[0]}': its target is not emulated.");
                column = new SoqlColumn(Field(parent, path[1]), lookup, parent);
            }
            else
            {
                throw SoqlException.Malformed($"The sandbox follows one relationship level only, not '{string.Join('.', path)}'.");
            }

            if (!seen.Add(string.Join('.', path)))
            {
                throw new SoqlException("INVALID_FIELD", $"duplicate field selected: {string.Join('.', path)}");
            }

            columns.Add(column);
        }

        return columns;
    }

    private SoqlOrder ParseOrder()
    {
        var path = ReadPath();
        if (path.Count != 1)
        {
            throw SoqlException.Malformed($"The sandbox orders by fields of the queried object only, not '{string.Join('.', path)}'.");
        }

        var field = Field(_from, path[0]);
        if (!field.Sortable)
        {
            throw new SoqlException("INVALID_FIELD", $"field '{field.Name}' can not be sorted in a query call");
        }

        var descending = false;
        if (TakeWord("DESC"))
        {
            descending = true;
        }
        else
        {
            TakeWord("ASC");
        }

        var nullsFirst = !descending;
        if (TakeWord("NULLS"))
        {
            if (TakeWord("FIRST"))
            {
                nullsFirst = true;
            }
            else
            {
                ExpectWord("LAST");
                nullsFirst = false;
            }
        }

        return new SoqlOrder(field, descending, nullsFirst);
    }

    private SoqlCondition ParseCondition()
    {
        var first = ParseUnary();
        string? joiner = null;
        var parts = new List<SoqlCondition> { first };
        while (Current.Is("AND") || Current.Is("OR"))
        {
            var word = Current.Text.ToUpperInvariant();
            if (joiner is not null && joiner != word)
            {
                throw SoqlException.Malformed($"unexpected token: '{Current.Text}': mixing AND and OR needs parentheses.");
            }

            joiner = word;
            _pos++;
            parts.Add(ParseUnary());
        }

        return joiner switch
        {
            null => first,
            "AND" => new SoqlAnd(parts),
            _ => new SoqlOr(parts),
        };
    }

    private SoqlCondition ParseUnary()
    {
        if (TakeWord("NOT"))
        {
            return new SoqlNot(ParseUnary());
        }

        if (TakeSymbol("("))
        {
            var inner = ParseCondition();
            ExpectSymbol(")");
            return inner;
        }

        return ParseComparison();
    }

    private SoqlCondition ParseComparison()
    {
        var path = ReadPath();
        if (path.Count != 1)
        {
            throw SoqlException.Malformed($"The sandbox filters on fields of the queried object only, not '{string.Join('.', path)}'.");
        }

        var field = Field(_from, path[0]);
        if (!field.Filterable)
        {
            throw new SoqlException("INVALID_FIELD", $"field '{field.Name}' can not be filtered in query call");
        }

        if (TakeWord("LIKE"))
        {
            var pattern = Take();
            if (pattern.Kind != SoqlTokenKind.String || !field.IsText && field.Type is not ("id" or "reference"))
            {
                throw new SoqlException("INVALID_FIELD", $"invalid operator on field: {field.Name}: LIKE needs a text field and a quoted pattern");
            }

            return new SoqlLike(field, LikeToRegex(pattern.Text));
        }

        var negated = TakeWord("NOT");
        if (TakeWord("IN"))
        {
            ExpectSymbol("(");
            if (Current.Is("SELECT"))
            {
                throw SoqlException.Malformed($"The sandbox does not run semi-join subqueries (IN (SELECT ...)) at position {Current.Position + 1}.");
            }

            var values = new List<object?>();
            do
            {
                values.Add(ReadLiteral(field));
            }
            while (TakeSymbol(","));
            ExpectSymbol(")");
            return new SoqlIn(field, values, negated);
        }

        if (negated)
        {
            throw Unexpected(Current);
        }

        var op = Take();
        if (op.Kind != SoqlTokenKind.Symbol || op.Text is "(" or ")" or "," or ".")
        {
            throw Unexpected(op);
        }

        var value = ReadLiteral(field);
        if (field.Type == "boolean" && op.Text is not ("=" or "!=" or "<>"))
        {
            throw new SoqlException("INVALID_FIELD", $"invalid operator on boolean field: {field.Name}");
        }

        return new SoqlComparison(field, op.Text == "<>" ? "!=" : op.Text, value);
    }

    private object? ReadLiteral(SObjectField field)
    {
        var token = Take();
        if (token.Kind == SoqlTokenKind.Word && token.Is("null"))
        {
            return null;
        }

        string MustBe(string type, bool quoted) =>
            $"value of filter criterion for field '{field.Name}' must be of type {type} and should {(quoted ? string.Empty : "not ")}be enclosed in quotes";

        switch (field.Type)
        {
            case "boolean":
                if (token.Is("true") || token.Is("false"))
                {
                    return token.Is("true");
                }

                throw new SoqlException("INVALID_FIELD", MustBe("boolean", false));
            case "currency" or "double" or "percent" or "int" or "long":
                if (token.Kind == SoqlTokenKind.Number && decimal.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return number;
                }

                throw new SoqlException("INVALID_FIELD", MustBe(field.SoapType == "xsd:int" ? "int" : "double", false));
            case "date":
                if (token.Kind == SoqlTokenKind.Word && FieldValues.TryParseDate(token.Text, out var date))
                {
                    return date;
                }

                if (token.Kind == SoqlTokenKind.Word && DateKeyword(token.Text) is { } day)
                {
                    return day;
                }

                throw new SoqlException("INVALID_FIELD", MustBe("date", false));
            case "datetime":
                if (token.Kind == SoqlTokenKind.Word && token.Text.Contains('T', StringComparison.Ordinal) && FieldValues.TryParseDateTime(token.Text, out var dateTime))
                {
                    return dateTime;
                }

                if (token.Kind == SoqlTokenKind.Word && DateKeyword(token.Text) is { } midnight)
                {
                    return new DateTimeOffset(midnight.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                }

                throw new SoqlException("INVALID_FIELD", MustBe("dateTime", false));
            case "id" or "reference":
                if (token.Kind != SoqlTokenKind.String)
                {
                    throw new SoqlException("INVALID_FIELD", MustBe("reference", true));
                }

                return SalesforceId.Normalize(token.Text) ?? throw new SoqlException("INVALID_QUERY_FILTER_OPERATOR", $"invalid ID field: {token.Text}");
            default:
                if (token.Kind != SoqlTokenKind.String)
                {
                    throw new SoqlException("INVALID_FIELD", MustBe("string", true));
                }

                return Regex.Replace(token.Text, @"\\([%_])", "$1");
        }
    }

    private DateOnly? DateKeyword(string word)
    {
        var today = DateOnly.FromDateTime(_now().UtcDateTime);
        return word.ToUpperInvariant() switch
        {
            "TODAY" => today,
            "YESTERDAY" => today.AddDays(-1),
            "TOMORROW" => today.AddDays(1),
            _ => null,
        };
    }

    private static Regex LikeToRegex(string pattern)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                sb.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else
            {
                sb.Append(c switch { '%' => ".*", '_' => ".", _ => Regex.Escape(c.ToString()) });
            }
        }

        return new Regex(sb.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    private static SObjectField Field(SObjectSchema schema, string name)
        => schema.FindField(name) ?? throw new SoqlException("INVALID_FIELD",
            $"No such column '{name}' on entity '{schema.Name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.");

    /// <summary>FUNCTION ( field ) [alias]: the field is bound once FROM names the object.</summary>
    private (string Name, List<string> Path, string? Alias) ReadFunction()
    {
        var name = Take().Text.ToUpperInvariant();
        ExpectSymbol("(");
        var path = ReadPath();
        ExpectSymbol(")");
        var alias = Current.Kind == SoqlTokenKind.Word && !IsReserved(Current.Text) ? Take().Text : null;
        return (name, path, alias);
    }

    private List<SoqlFunction> BindFunctions(List<(string Name, List<string> Path, string? Alias)> functions)
    {
        var unnamed = 0;
        return functions.Select(f => new SoqlFunction(f.Name, Field(_from, Single(f.Path, f.Name)), f.Alias ?? "expr" + (unnamed++).ToString(CultureInfo.InvariantCulture))).ToList();
    }

    private static string Single(List<string> path, string what)
        => path.Count == 1 ? path[0] : throw SoqlException.Malformed($"The sandbox {what} fields of the queried object only, not '{string.Join('.', path)}'.");

    private List<string> ReadPath()
    {
        var parts = new List<string>();
        do
        {
            var t = Take();
            if (t.Kind != SoqlTokenKind.Word || IsReserved(t.Text))
            {
                throw Unexpected(t);
            }

            parts.Add(t.Text);
        }
        while (TakeSymbol("."));
        return parts;
    }

    private static bool IsReserved(string word) => word.ToUpperInvariant() is "SELECT" or "FROM" or "WHERE" or "AND" or "OR" or "NOT" or "ORDER" or "BY" or "LIMIT" or "OFFSET" or "GROUP" or "IN" or "LIKE" or "NULL" or "TRUE" or "FALSE";

    private int ReadCount(string clause, int max)
    {
        var t = Take();
        if (t.Kind != SoqlTokenKind.Number || !int.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            throw Unexpected(t);
        }

        if (n > max)
        {
            throw new SoqlException("NUMBER_OUTSIDE_VALID_RANGE", $"Maximum SOQL {clause} allowed is {max}");
        }

        return n;
    }

    private SoqlToken Take() => _tokens[_pos < _tokens.Count - 1 ? _pos++ : _pos];

    private bool TakeWord(string word)
    {
        if (Current.Is(word))
        {
            _pos++;
            return true;
        }

        return false;
    }

    private bool TakeSymbol(string symbol)
    {
        if (Current.IsSymbol(symbol))
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void ExpectWord(string word)
    {
        if (!TakeWord(word))
        {
            throw Unexpected(Current, word);
        }
    }

    private void ExpectSymbol(string symbol)
    {
        if (!TakeSymbol(symbol))
        {
            throw Unexpected(Current, symbol);
        }
    }

    private static SoqlException Unexpected(SoqlToken token, string? expected = null)
    {
        var what = token.Kind == SoqlTokenKind.End ? "<EOF>" : token.Kind == SoqlTokenKind.String ? $"'{token.Text}'" : token.Text;
        return SoqlException.Malformed($"unexpected token: {what} at position {token.Position + 1}{(expected is null ? string.Empty : $" (expecting {expected})")}");
    }
}
