namespace SfHsSync.Sandbox.Salesforce.Schema;

/// <summary>
/// Record ids as Salesforce makes them: a 3-character key prefix, a pod and reserved part, a base-62 counter,
/// and the 3-character suffix that makes the 18-character form safe for case-insensitive systems.
/// </summary>
public static class SalesforceId
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    /// <summary>The 18-character id for a key prefix and a sequence number.</summary>
    public static string Create(string keyPrefix, long sequence)
    {
        Span<char> body = stackalloc char[15];
        keyPrefix.AsSpan().CopyTo(body);
        body[3] = '5';
        body[4] = 'g';
        body[5] = '0';
        var n = sequence;
        for (var i = 14; i >= 6; i--)
        {
            body[i] = Base62[(int)(n % 62)];
            n /= 62;
        }

        return AddSuffix(new string(body));
    }

    /// <summary>The 18-character form of a 15- or 18-character id, or null when the text is no id.</summary>
    public static string? Normalize(string? id)
    {
        if (id is null || (id.Length != 15 && id.Length != 18) || !id.All(char.IsAsciiLetterOrDigit))
        {
            return null;
        }

        var full = AddSuffix(id[..15]);
        return id.Length == 18 && !string.Equals(full, id, StringComparison.OrdinalIgnoreCase) ? null : full;
    }

    private static string AddSuffix(string id15)
    {
        Span<char> suffix = stackalloc char[3];
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var bits = 0;
            for (var i = 0; i < 5; i++)
            {
                if (char.IsAsciiLetterUpper(id15[(chunk * 5) + i]))
                {
                    bits |= 1 << i;
                }
            }

            suffix[chunk] = SuffixAlphabet[bits];
        }

        return id15 + new string(suffix);
    }
}
