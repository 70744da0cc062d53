using System.Globalization;
using SfHsSync.Engine.Errors;

namespace SfHsSync.Engine.Pipelines;

/// <summary>
/// -MaxFailedRecords: how many failed records a run may have before it counts as failed, as a count ("25") or as a
/// share of the records the run read ("5%"). At or below it, failed records leave the run CompletedWithErrors as always.
/// </summary>
public sealed record FailedRecordLimit
{
    private FailedRecordLimit(long? count, double? percent)
    {
        Count = count;
        Percent = percent;
    }

    /// <summary>The most failed records allowed, when given as a count.</summary>
    public long? Count { get; }

    /// <summary>The most failed records allowed as a percentage of the records read, when given as one.</summary>
    public double? Percent { get; }

    /// <summary>Reads "N" (a whole number, 0 or more) or "P%" (0 to 100); anything else is refused naming the parameter.</summary>
    public static FailedRecordLimit Parse(string text, string parameter = "-MaxFailedRecords")
    {
        var value = (text ?? string.Empty).Trim();
        if (value.EndsWith('%')
            && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
            && percent is >= 0 and <= 100)
        {
            return new FailedRecordLimit(null, percent);
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return new FailedRecordLimit(count, null);
        }

        throw new SyncException("SyncParameterOutOfRange", SyncErrorKind.InvalidArgument,
            $"{parameter} '{text}' is neither a number of records (0 or more) nor a percentage from 0% to 100% (for example 25 or '5%').", text);
    }

    /// <summary>The most failed records a run that read <paramref name="read"/> records may have.</summary>
    public long Allowed(long read) => Count ?? (long)Math.Floor(Percent!.Value * Math.Max(0, read) / 100.0);

    /// <summary>True when <paramref name="failed"/> is more than the limit allows.</summary>
    public bool IsExceeded(long failed, long read) => failed > Allowed(read);

    public override string ToString() => Count is { } count
        ? count.ToString(CultureInfo.InvariantCulture)
        : Percent!.Value.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
