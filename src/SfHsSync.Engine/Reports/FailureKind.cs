using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Reports;

/// <summary>
/// How failed records are grouped wherever they are summed up (the report's charts and tables, the pipeline summary):
/// by the error's category (PropertyValue, ValidationRule, Permission...), stored with the error. One place, so the
/// charts and summaries that use it never disagree on what a kind is.
/// </summary>
public static class FailureKind
{
    /// <summary>The group a failed record is counted under: its category.</summary>
    public static string Of(RecordError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Category.ToString();
    }

    /// <summary>What fixes it: the error's own one-line hint, naming the field and value where the failure named them.</summary>
    public static string? Hint(RecordError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return string.IsNullOrWhiteSpace(error.Hint) ? null : error.Hint;
    }
}
