namespace SfHsSync.Engine.State;

/// <summary>
/// One line of Get-SyncError -Summary: the errors of one category and code, how many, since when and until when, the
/// message most of them carry, and the hint of the first of those.
/// </summary>
public sealed record SyncErrorSummary
{
    public required SyncErrorCategory Category { get; init; }

    public required string ErrorCode { get; init; }

    public int Count { get; init; }

    /// <summary>The mappings these errors belong to.</summary>
    public IReadOnlyList<string> Mappings { get; init; } = Array.Empty<string>();

    /// <summary>When the oldest of them was first seen.</summary>
    public DateTimeOffset Oldest { get; init; }

    /// <summary>When the newest of them was last seen.</summary>
    public DateTimeOffset Newest { get; init; }

    /// <summary>The message most of them carry (the earliest seen, of those tied).</summary>
    public required string CommonestMessage { get; init; }

    public required string Hint { get; init; }

    /// <summary>One summary per category and code, in category order and, within one, the commonest code first.</summary>
    public static IReadOnlyList<SyncErrorSummary> Of(IEnumerable<RecordError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.GroupBy(e => (e.Category, e.ErrorCode))
            .Select(g =>
            {
                var commonest = g.GroupBy(e => e.Message, StringComparer.Ordinal)
                    .OrderByDescending(m => m.Count()).ThenBy(m => m.Min(e => e.FirstSeen)).First();
                return new SyncErrorSummary
                {
                    Category = g.Key.Category,
                    ErrorCode = g.Key.ErrorCode,
                    Count = g.Count(),
                    Mappings = g.Select(e => e.Mapping).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                    Oldest = g.Min(e => e.FirstSeen),
                    Newest = g.Max(e => e.LastSeen),
                    CommonestMessage = commonest.Key,
                    Hint = commonest.OrderBy(e => e.FirstSeen).First().Hint,
                };
            })
            .OrderBy(s => s.Category).ThenByDescending(s => s.Count).ThenBy(s => s.ErrorCode, StringComparer.Ordinal)
            .ToList();
    }

    public override string ToString() => $"{Category} {ErrorCode}: {Count} ({CommonestMessage})";
}
