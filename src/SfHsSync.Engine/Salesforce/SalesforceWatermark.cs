namespace SfHsSync.Engine.Salesforce;

/// <summary>
/// Where an incremental read stopped: the SystemModstamp of the last record read and its Id. Many records can share one
/// SystemModstamp (a bulk update stamps them alike), so the Id breaks the tie: the next read continues after this exact
/// record, losing none of the others stamped at the same instant and never returning this one again.
/// </summary>
public sealed record SalesforceWatermark(DateTimeOffset SystemModstamp, string? LastId = null)
{
    /// <summary>The watermark just after <paramref name="record"/>, which must have been read with SystemModstamp.</summary>
    public static SalesforceWatermark After(SalesforceRecord record) => After(record, "SystemModstamp");

    /// <summary>The watermark just after <paramref name="record"/>, read with <paramref name="stampField"/> (SystemModstamp or LastModifiedDate).</summary>
    public static SalesforceWatermark After(SalesforceRecord record, string stampField)
    {
        ArgumentNullException.ThrowIfNull(record);
        var stamp = record[stampField];
        if (stamp is null || !SalesforceWireValue.TryParseDateTime(stamp, out var instant) || record.Id is null)
        {
            throw new ArgumentException($"The record {record.Id} of {record.ObjectType} carries no {stampField} and Id to continue from.", nameof(record));
        }

        return new SalesforceWatermark(instant, record.Id);
    }

    public override string ToString() => LastId is null
        ? SalesforceWireValue.FormatDateTime(SystemModstamp)
        : $"{SalesforceWireValue.FormatDateTime(SystemModstamp)} after {LastId}";
}
