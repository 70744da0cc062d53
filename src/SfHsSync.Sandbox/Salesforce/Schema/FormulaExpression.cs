using System.Globalization;

namespace SfHsSync.Sandbox.Salesforce.Schema;

/// <summary>
/// The small part of Salesforce's formula language the sandbox needs for formula fields and validation rules:
/// numbers, 'text', field names, + - * / &amp; (text join), parentheses and one comparison (= != &lt;&gt; &lt; &lt;= &gt; &gt;=).
/// As in Salesforce with "treat blank as blank", arithmetic over a blank field is blank.
/// </summary>
public sealed class FormulaExpression
{
    private readonly Node _root;

    private FormulaExpression(string text, Node root)
    {
        Text = text;
        _root = root;
        Fields = root.FieldNames().Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    public string Text { get; }

    /// <summary>The field names the formula reads.</summary>
    public IReadOnlyList<string> Fields { get; }

    public static FormulaExpression Parse(string text)
    {
        var parser = new Parser(text);
        var root = parser.ParseComparison();
        parser.ExpectEnd();
        return new FormulaExpression(text, root);
    }

    /// <summary>The formula's value over a record: decimal, string, bool or null.</summary>
    public object? Evaluate(Func<string, object?> field) => _root.Evaluate(field);

    private abstract record Node
    {
        public abstract object? Evaluate(Func<string, object?> field);

        public virtual IEnumerable<string> FieldNames() => [];
    }

    private sealed record Literal(object Value) : Node
    {
        public override object? Evaluate(Func<string, object?> field) => Value;
    }

    private sealed record FieldRef(string Name) : Node
    {
        public override object? Evaluate(Func<string, object?> field) => field(Name);

        public override IEnumerable<string> FieldNames() => [Name];
    }

    private sealed record Negate(Node Operand) : Node
    {
        public override object? Evaluate(Func<string, object?> field) => Operand.Evaluate(field) is decimal d ? -d : null;

        public override IEnumerable<string> FieldNames() => Operand.FieldNames();
    }

    private sealed record Binary(char Op, Node Left, Node Right) : Node
    {
        public override object? Evaluate(Func<string, object?> field)
        {
            var l = Left.Evaluate(field);
            var r = Right.Evaluate(field);
            if (Op == '&')
            {
                return Convert.ToString(l, CultureInfo.InvariantCulture) + Convert.ToString(r, CultureInfo.InvariantCulture);
            }

            if (l is not decimal a || r is not decimal b)
            {
                return null;
            }

            return Op switch
            {
                '+' => a + b,
                '-' => a - b,
                '*' => a * b,
                _ => b == 0 ? null : a / b,
            };
        }

        public override IEnumerable<string> FieldNames() => Left.FieldNames().Concat(Right.FieldNames());
    }

    private sealed record Comparison(string Op, Node Left, Node Right) : Node
    {
        public override object? Evaluate(Func<string, object?> field)
        {
            var l = Left.Evaluate(field);
            var r = Right.Evaluate(field);
            if (l is null || r is null)
            {
                return Op is "=" ? l is null && r is null : Op is "!=" ? (l is null) != (r is null) : false;
            }

            var c = l is decimal a && r is decimal b ? a.CompareTo(b) : string.CompareOrdinal(Convert.ToString(l, CultureInfo.InvariantCulture), Convert.ToString(r, CultureInfo.InvariantCulture));
            return Op switch
            {
                "=" => c == 0,
                "!=" => c != 0,
                "<" => c < 0,
                "<=" => c <= 0,
                ">" => c > 0,
                _ => c >= 0,
            };
        }

        public override IEnumerable<string> FieldNames() => Left.FieldNames().Concat(Right.FieldNames());
    }

    private sealed class Parser(string text)
    {
        private int _pos;

        public Node ParseComparison()
        {
            var left = ParseAdditive();
            SkipSpace();
            foreach (var op in new[] { "<=", ">=", "!=", "<>", "=", "<", ">" })
            {
                if (string.CompareOrdinal(text, _pos, op, 0, op.Length) == 0)
                {
                    _pos += op.Length;
                    return new Comparison(op == "<>" ? "!=" : op, left, ParseAdditive());
                }
            }

            return left;
        }

        public void ExpectEnd()
        {
            SkipSpace();
            if (_pos < text.Length)
            {
                throw Error($"unexpected '{text[_pos]}'");
            }
        }

        private Node ParseAdditive()
        {
            var left = ParseTerm();
            while (true)
            {
                SkipSpace();
                if (_pos < text.Length && text[_pos] is '+' or '-' or '&')
                {
                    var op = text[_pos++];
                    left = new Binary(op, left, ParseTerm());
                }
                else
                {
                    return left;
                }
            }
        }

        private Node ParseTerm()
        {
            var left = ParseUnary();
            while (true)
            {
                SkipSpace();
                if (_pos < text.Length && text[_pos] is '*' or '/')
                {
                    var op = text[_pos++];
                    left = new Binary(op, left, ParseUnary());
                }
                else
                {
                    return left;
                }
            }
        }

        private Node ParseUnary()
        {
            SkipSpace();
            if (_pos < text.Length && text[_pos] == '-')
            {
                _pos++;
                return new Negate(ParseUnary());
            }

            return ParsePrimary();
        }

        private Node ParsePrimary()
        {
            SkipSpace();
            if (_pos >= text.Length)
            {
                throw Error("the formula ends too early");
            }

            var c = text[_pos];
            if (c == '(')
            {
                _pos++;
                var inner = ParseComparison();
                SkipSpace();
                if (_pos >= text.Length || text[_pos] != ')')
                {
                    throw Error("a ')' is missing");
                }

                _pos++;
                return inner;
            }

            if (c == '\'' || c == '"')
            {
                var end = text.IndexOf(c, _pos + 1);
                if (end < 0)
                {
                    throw Error("a text literal is not closed");
                }

                var value = text[(_pos + 1)..end];
                _pos = end + 1;
                return new Literal(value);
            }

            var start = _pos;
            if (char.IsAsciiDigit(c) || c == '.')
            {
                while (_pos < text.Length && (char.IsAsciiDigit(text[_pos]) || text[_pos] == '.'))
                {
                    _pos++;
                }

                return new Literal(decimal.Parse(text[start.._pos], CultureInfo.InvariantCulture));
            }

            if (char.IsAsciiLetter(c))
            {
                while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] == '_'))
                {
                    _pos++;
                }

                return new FieldRef(text[start.._pos]);
            }

            throw Error($"unexpected '{c}'");
        }

        private void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
            {
                _pos++;
            }
        }

        private FormatException Error(string what) => new($"Formula '{text}' is not understood at position {_pos + 1}: {what}.");
    }
}
