using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Reports;

/// <summary>
/// How failed records are grouped wherever they are summed up (the report's charts and tables, the pipeline summary):
/// by the error code the other side gave. One place, so a coarser grouping (an error category) can replace the code
/// without touching the charts or summaries that use it.
/// </summary>
public static class FailureKind
{
    /// <summary>The group a failed record is counted under.</summary>
    public static string Of(RecordError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return string.IsNullOrWhiteSpace(error.ErrorCode) ? "UNKNOWN" : error.ErrorCode;
    }

    /// <summary>What usually fixes a failure of this kind, from the words of its code; null when the code says nothing general.</summary>
    public static string? Hint(RecordError error)
    {
        var code = Of(error).ToUpperInvariant();
        return code switch
        {
            _ when code.Contains("REQUIRED", StringComparison.Ordinal) => "A required field is empty on the source record: fill it in, or map a field that carries it.",
            _ when code.Contains("VALIDATION", StringComparison.Ordinal) => "A validation rule on the target refused the values: fix the record or the rule.",
            _ when code.Contains("DUPLICATE", StringComparison.Ordinal) => "The target already holds a record with this unique value: merge the two, or change one.",
            _ when new[] { "INVALID", "VALUE", "RANGE", "TOO_LONG", "NUMBER", "PICKLIST" }.Any(word => code.Contains(word, StringComparison.Ordinal))
                => "A value does not fit the target field (type, length or picklist): fix the value or widen the field.",
            _ when code.Contains("ACCESS", StringComparison.Ordinal) || code.Contains("PERMISSION", StringComparison.Ordinal) || code.Contains("FORBIDDEN", StringComparison.Ordinal)
                => "The integration user may not write this record or field: grant it the permission.",
            _ when code.Contains("NOT_FOUND", StringComparison.Ordinal) || code.Contains("DELETED", StringComparison.Ordinal) || code.Contains("ENTITY_IS_DELETED", StringComparison.Ordinal)
                => "The other half of the pair is gone: restore it, or let the delete rules unlink it.",
            _ when code.Contains("LOCK", StringComparison.Ordinal) || code.Contains("RATE", StringComparison.Ordinal) || code.Contains("LIMIT", StringComparison.Ordinal) || code.Contains("429", StringComparison.Ordinal)
                => "Busy or over a limit: the next run retries it.",
            _ => null,
        };
    }
}
