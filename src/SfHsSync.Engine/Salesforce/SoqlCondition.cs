using System.Text;
using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Salesforce;

/// <summary>
/// A WHERE condition held as a tree of field names and typed values, never as SOQL text: it is rendered only against an
/// object description, where every name is checked and every value becomes an escaped literal of the field's type.
/// </summary>
public abstract record SoqlCondition
{
    private protected SoqlCondition()
    {
    }

    public static SoqlCondition Compare(string field, SoqlOperator op, object? value) => new Comparison(field, op, value);

    public static SoqlCondition Equal(string field, object? value) => new Comparison(field, SoqlOperator.Equal, value);

    public static SoqlCondition NotEqual(string field, object? value) => new Comparison(field, SoqlOperator.NotEqual, value);

    public static SoqlCondition GreaterThan(string field, object value) => new Comparison(field, SoqlOperator.GreaterThan, value);

    public static SoqlCondition GreaterThanOrEqual(string field, object value) => new Comparison(field, SoqlOperator.GreaterThanOrEqual, value);

    public static SoqlCondition LessThan(string field, object value) => new Comparison(field, SoqlOperator.LessThan, value);

    public static SoqlCondition LessThanOrEqual(string field, object value) => new Comparison(field, SoqlOperator.LessThanOrEqual, value);

    /// <summary>A LIKE match; % and _ in <paramref name="pattern"/> are wildcards, quotes and backslashes are escaped.</summary>
    public static SoqlCondition Like(string field, string pattern) => new Comparison(field, SoqlOperator.Like, pattern);

    /// <summary>Values starting with <paramref name="prefix"/>; wildcards in the prefix match only themselves.</summary>
    public static SoqlCondition StartsWith(string field, string prefix)
        => new Comparison(field, SoqlOperator.Like, prefix) { LiteralPrefix = true };

    public static SoqlCondition In(string field, IEnumerable<object?> values) => new Membership(field, values.ToArray(), Negated: false);

    public static SoqlCondition NotIn(string field, IEnumerable<object?> values) => new Membership(field, values.ToArray(), Negated: true);

    public static SoqlCondition And(params SoqlCondition[] parts) => new Junction("AND", parts);

    public static SoqlCondition Or(params SoqlCondition[] parts) => new Junction("OR", parts);

    public static SoqlCondition Not(SoqlCondition inner) => new Negation(inner);

    internal abstract void Render(StringBuilder soql, SalesforceObjectDescription description);

    private sealed record Comparison(string Field, SoqlOperator Op, object? Value) : SoqlCondition
    {
        /// <summary>Value is a literal prefix: its % and _ are escaped and a % wildcard follows.</summary>
        public bool LiteralPrefix { get; init; }

        internal override void Render(StringBuilder soql, SalesforceObjectDescription description)
        {
            var field = SoqlQuery.ResolveField(description, Field);
            if (Value is null && Op is not (SoqlOperator.Equal or SoqlOperator.NotEqual))
            {
                throw SoqlLiteral.Invalid(field, description, null, "null can only be compared with = or !=");
            }

            var op = Op switch
            {
                SoqlOperator.Equal => "=",
                SoqlOperator.NotEqual => "!=",
                SoqlOperator.LessThan => "<",
                SoqlOperator.LessThanOrEqual => "<=",
                SoqlOperator.GreaterThan => ">",
                SoqlOperator.GreaterThanOrEqual => ">=",
                SoqlOperator.Like => "LIKE",
                _ => throw new ArgumentOutOfRangeException(nameof(Op), Op, "Unknown SOQL operator."),
            };
            var literal = Op == SoqlOperator.Like
                ? SoqlLiteral.FormatLike(field, description, Value, LiteralPrefix)
                : SoqlLiteral.Format(field, description, Value);

            soql.Append(field.Name).Append(' ').Append(op).Append(' ').Append(literal);
        }
    }

    private sealed record Membership(string Field, object?[] Values, bool Negated) : SoqlCondition
    {
        internal override void Render(StringBuilder soql, SalesforceObjectDescription description)
        {
            var field = SoqlQuery.ResolveField(description, Field);
            if (Values.Length == 0)
            {
                throw SoqlLiteral.Invalid(field, description, null, "IN needs at least one value");
            }

            soql.Append(field.Name).Append(Negated ? " NOT IN (" : " IN (");
            for (var i = 0; i < Values.Length; i++)
            {
                if (i > 0)
                {
                    soql.Append(", ");
                }

                soql.Append(SoqlLiteral.Format(field, description, Values[i]));
            }

            soql.Append(')');
        }
    }

    private sealed record Junction(string Keyword, SoqlCondition[] Parts) : SoqlCondition
    {
        internal override void Render(StringBuilder soql, SalesforceObjectDescription description)
        {
            if (Parts.Length == 0)
            {
                throw new ArgumentException($"{Keyword} needs at least one condition.");
            }

            if (Parts.Length == 1)
            {
                Parts[0].Render(soql, description);
                return;
            }

            soql.Append('(');
            for (var i = 0; i < Parts.Length; i++)
            {
                if (i > 0)
                {
                    soql.Append(' ').Append(Keyword).Append(' ');
                }

                Parts[i].Render(soql, description);
            }

            soql.Append(')');
        }
    }

    private sealed record Negation(SoqlCondition Inner) : SoqlCondition
    {
        internal override void Render(StringBuilder soql, SalesforceObjectDescription description)
        {
            soql.Append("(NOT ");
            Inner.Render(soql, description);
            soql.Append(')');
        }
    }
}
