using System.Globalization;
using SfHsSync.Sandbox.Salesforce.Schema;

namespace SfHsSync.Sandbox.Salesforce.Data;

/// <summary>
/// The ranges Salesforce stores. Numbers: as many integer digits as precision minus scale, after rounding to the scale
/// (NUMBER_OUTSIDE_VALID_RANGE). Dates: from 1700-01-01T00:00:00Z to 4000-12-31T00:00:00Z (GMT); a date or datetime
/// outside is refused FIELD_INTEGRITY_EXCEPTION, the value shown as Java prints a date ("invalid date: Fri Jan 01 00:00:00 GMT 1650").
/// </summary>
internal static class ValueRanges
{
    private static readonly DateTimeOffset Earliest = new(1700, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Latest = new(4000, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The refusal of a number too large for the field, or null with the number rounded to the field's scale.</summary>
    public static RecordError? CheckNumber(SObjectField field, decimal number, out object? value)
    {
        var rounded = Math.Round(number, field.Scale, MidpointRounding.AwayFromZero);
        value = rounded;
        var integerDigits = field.Precision - field.Scale;
        return field.Precision > 0 && Math.Abs(decimal.Truncate(rounded)) >= Pow10(integerDigits)
            ? new RecordError("NUMBER_OUTSIDE_VALID_RANGE", $"{field.Label}: value outside of valid range on numeric field: {number.ToString(CultureInfo.InvariantCulture)}", [field.Name])
            : null;
    }

    /// <summary>The refusal of a date or datetime value out of range, or null.</summary>
    public static RecordError? CheckDate(SObjectField field, object value)
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

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent && i < 28; i++)
        {
            result *= 10;
        }

        return result;
    }
}
