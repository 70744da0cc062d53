namespace SfHsSync.Engine.Validation;

/// <summary>Names close to a mistyped one (edit distance, ignoring case), for "did you mean" suggestions.</summary>
public static class NearestNames
{
    /// <summary>Up to <paramref name="max"/> of <paramref name="candidates"/> close to <paramref name="wanted"/>, closest first.</summary>
    public static IReadOnlyList<string> Find(string wanted, IEnumerable<string> candidates, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(candidates);
        // Three edits catch a forgotten "__c" and most typos; longer names may stray further.
        var limit = Math.Max(3, wanted.Length / 3);
        return candidates
            .Where(c => !string.IsNullOrEmpty(c))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(c => (Name: c, Distance: Distance(wanted.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(c => c.Name)
            .ToArray();
    }

    /// <summary>"Did you mean 'Amount__c'?" or "Did you mean 'a' or 'b'?", or null when nothing is close.</summary>
    public static string? DidYouMean(string wanted, IEnumerable<string> candidates)
    {
        var near = Find(wanted, candidates);
        return near.Count == 0 ? null : $"Did you mean {string.Join(" or ", near.Select(n => $"'{n}'"))}?";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
