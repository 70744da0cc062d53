using System.Globalization;
using SfHsSync.Sandbox.Salesforce.Schema;

namespace SfHsSync.Sandbox.Salesforce.Data;

/// <summary>
/// The dates Salesforce stores: from 1700-01-01T00:00:00Z to 4000-12-31T00:00:00Z (GMT). A date or datetime outside is
/// refused FIELD_INTEGRITY_EXCEPTION, the value shown as Java prints a date ("invalid date: Fri Jan 01 00:00:00 GMT 1650").
/// </summary>
internal static class DateRange
{
    private static readonly DateTimeOffset Earliest = new(1700, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Latest = new(4000, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The refusal of a date or datetime value out of range, or null.</summary>
    public static RecordError? Check(SObjectField field, object value)
    {
        DateTimeOffset? at = value switch
        {
            DateOnly day => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            DateTimeOffset instant => instant.ToUniversalTime(),
            _ => null,
        };
        if (at is not { } t || (t >= Earliest && t <= Latest))
        {
            return null;
        }

        var shown = t.UtcDateTime.ToString("ddd MMM dd HH:mm:ss 'GMT' yyyy", CultureInfo.InvariantCulture);
        return new RecordError("FIELD_INTEGRITY_EXCEPTION", $"{field.Label}: invalid date: {shown}", [field.Name]);
    }
}
