using System.Text;

namespace SfHsSync.Sandbox.Salesforce.Soql;

internal enum SoqlTokenKind
{
    Word,
    String,
    Number,
    Symbol,
    End,
}

/// <summary>One token and where it starts, so an error can say where the query went wrong.</summary>
internal sealed record SoqlToken(SoqlTokenKind Kind, string Text, int Position)
{
    public bool Is(string word) => Kind == SoqlTokenKind.Word && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == SoqlTokenKind.Symbol && Text == symbol;
}

/// <summary>
/// Splits SOQL into words, quoted strings (with SOQL's backslash escapes, so a quote inside a literal stays in the literal),
/// numbers and symbols. A date or datetime literal lexes as one word, since SOQL writes them unquoted.
/// </summary>
internal static class SoqlLexer
{
    public static IReadOnlyList<SoqlToken> Read(string text)
    {
        var tokens = new List<SoqlToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (c == '\'')
            {
                tokens.Add(new SoqlToken(SoqlTokenKind.String, ReadString(text, ref i), start));
                continue;
            }

            if (char.IsAsciiDigit(c) || (c is '-' or '+' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && PreviousAllowsSign(tokens)))
            {
                i++;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or ':' or '-' or '+'))
                {
                    // A datetime's zone offset is part of the literal, but "5-3" is not one number: only dates take '-'.
                    if (text[i] is '-' or '+' && !LooksLikeDate(text, start, i))
                    {
                        break;
                    }

                    i++;
                }

                var word = text[start..i];
                tokens.Add(new SoqlToken(word.Contains('-', StringComparison.Ordinal) && word.Length >= 10 && word[4] == '-' ? SoqlTokenKind.Word : SoqlTokenKind.Number, word, start));
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or ':'))
                {
                    i++;
                }

                tokens.Add(new SoqlToken(SoqlTokenKind.Word, text[start..i], start));
                continue;
            }

            foreach (var symbol in new[] { "!=", "<>", "<=", ">=", "=", "<", ">", "(", ")", ",", "." })
            {
                if (string.CompareOrdinal(text, i, symbol, 0, symbol.Length) == 0)
                {
                    tokens.Add(new SoqlToken(SoqlTokenKind.Symbol, symbol, start));
                    i += symbol.Length;
                    goto next;
                }
            }

            throw SoqlException.Malformed($"unexpected token: '{c}' at position {start + 1}");
        next:;
        }

        tokens.Add(new SoqlToken(SoqlTokenKind.End, string.Empty, text.Length));
        return tokens;
    }

    private static bool PreviousAllowsSign(List<SoqlToken> tokens)
        => tokens.Count > 0 && tokens[^1].Kind == SoqlTokenKind.Symbol && tokens[^1].Text is not ")";

    private static bool LooksLikeDate(string text, int start, int at)
        => at - start is 4 or 7 || (at - start >= 19 && text.IndexOf('T', start, at - start) > 0);

    private static string ReadString(string text, ref int i)
    {
        var start = i;
        i++;
        var sb = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                if (i + 1 >= text.Length)
                {
                    break;
                }

                var e = text[i + 1];
                sb.Append(e switch
                {
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    'b' => '\b',
                    'f' => '\f',
                    '\'' or '"' or '\\' or '%' or '_' => e,
                    _ => throw SoqlException.Malformed($"Invalid string literal '{text[start..Math.Min(text.Length, i + 2)]}'. Illegal character sequence '\\{e}' in string literal."),
                });
                if (e is '%' or '_')
                {
                    // Kept escaped so LIKE can tell a literal % from a wildcard.
                    sb.Insert(sb.Length - 1, '\\');
                }

                i += 2;
                continue;
            }

            if (c == '\'')
            {
                i++;
                return sb.ToString();
            }

            sb.Append(c);
            i++;
        }

        throw SoqlException.Malformed($"unterminated string literal starting at position {start + 1}");
    }
}
