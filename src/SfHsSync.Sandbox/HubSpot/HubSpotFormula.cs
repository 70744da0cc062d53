using System.Globalization;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>
/// A calculation property's formula: + - * / and parentheses over numbers and number properties,
/// e.g. "amount * (1 + tax_rate / 100)". A missing operand or a division by zero leaves the value empty,
/// as HubSpot leaves a calculation blank when an input is blank.
/// </summary>
internal sealed class HubSpotFormula
{
    private readonly Func<IReadOnlyDictionary<string, string>, decimal?> _evaluate;

    private HubSpotFormula(Func<IReadOnlyDictionary<string, string>, decimal?> evaluate, IReadOnlyList<string> inputs)
    {
        _evaluate = evaluate;
        Inputs = inputs;
    }

    /// <summary>The property names the formula reads.</summary>
    public IReadOnlyList<string> Inputs { get; }

    public decimal? Evaluate(IReadOnlyDictionary<string, string> values) => _evaluate(values);

    /// <exception cref="FormatException">The formula is not arithmetic over property names.</exception>
    public static HubSpotFormula Parse(string formula)
    {
        var parser = new Parser(formula);
        var root = parser.Expression();
        parser.ExpectEnd();
        return new HubSpotFormula(root, parser.Names.Distinct().ToArray());
    }

    private sealed class Parser(string text)
    {
        private int _at;

        public List<string> Names { get; } = [];

        public Func<IReadOnlyDictionary<string, string>, decimal?> Expression()
        {
            var left = Term();
            while (Peek() is '+' or '-')
            {
                var op = text[_at++];
                var (l, r) = (left, Term());
                left = op == '+' ? v => l(v) + r(v) : v => l(v) - r(v);
            }

            return left;
        }

        public void ExpectEnd()
        {
            if (Peek() is { } c)
            {
                throw new FormatException($"unexpected '{c}' at position {_at + 1}");
            }
        }

        private Func<IReadOnlyDictionary<string, string>, decimal?> Term()
        {
            var left = Factor();
            while (Peek() is '*' or '/')
            {
                var op = text[_at++];
                var (l, r) = (left, Factor());
                left = op == '*' ? v => l(v) * r(v) : v => r(v) is 0m or null ? null : l(v) / r(v);
            }

            return left;
        }

        private Func<IReadOnlyDictionary<string, string>, decimal?> Factor()
        {
            var c = Peek() ?? throw new FormatException("the formula ends too early");
            if (c == '(')
            {
                _at++;
                var inner = Expression();
                if (Peek() != ')')
                {
                    throw new FormatException($"')' expected at position {_at + 1}");
                }

                _at++;
                return inner;
            }

            if (c == '-')
            {
                _at++;
                var operand = Factor();
                return v => -operand(v);
            }

            var start = _at;
            if (char.IsAsciiDigit(c) || c == '.')
            {
                while (_at < text.Length && (char.IsAsciiDigit(text[_at]) || text[_at] == '.'))
                {
                    _at++;
                }

                var number = decimal.Parse(text.AsSpan(start, _at - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                return _ => number;
            }

            if (char.IsAsciiLetterLower(c))
            {
                while (_at < text.Length && (char.IsAsciiLetterLower(text[_at]) || char.IsAsciiDigit(text[_at]) || text[_at] == '_'))
                {
                    _at++;
                }

                var name = text[start.._at];
                Names.Add(name);
                return v => v.TryGetValue(name, out var s) && decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
            }

            throw new FormatException($"unexpected '{c}' at position {_at + 1}");
        }

        private char? Peek()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }

            return _at < text.Length ? text[_at] : null;
        }
    }
}
