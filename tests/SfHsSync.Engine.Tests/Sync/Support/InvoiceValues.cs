using System.Globalization;
using SfHsSync.Sandbox.HubSpot;
using SfHsSync.Sandbox.Salesforce.Data;

namespace SfHsSync.Engine.Tests.Sync.Support;

/// <summary>
/// The proofs' own reading of an invoice on either side, kept apart from the engine's FieldConverter so that a wrong
/// conversion in the engine cannot hide itself: one text per field, equal on both sides when the values are the same.
/// </summary>
internal static class InvoiceValues
{
    /// <summary>Salesforce field, HubSpot property and how the value reads, for every field the proofs compare.</summary>
    public static readonly IReadOnlyList<(string Field, string Property, Func<string?, string?> Read)> Fields =
    [
        ("Name", "invoice_number", Text),
        ("Amount__c", "amount", Number),
        ("Units__c", "units", Number),
        ("Status__c", "status", Text),
        ("Channels__c", "channels", Multi),
        ("Due_Date__c", "due_date", Day),
        ("Paid__c", "paid", Flag),
        ("Billing_Email__c", "billing_email", Text),
    ];

    public static IReadOnlyDictionary<string, string?> Of(SObjectRecord record)
        => Fields.ToDictionary(f => f.Field, f => f.Read(WireText(record[f.Field])), StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, string?> Of(HubSpotRecordSnapshot record)
        => Fields.ToDictionary(f => f.Field, f => f.Read(record.Properties.GetValueOrDefault(f.Property)), StringComparer.Ordinal);

    /// <summary>The value as the proofs compare it, from a value a test wrote or generated on either side.</summary>
    public static string? Read(string field, string? value) => Fields.First(f => f.Field == field).Read(value);

    public static string Show(IReadOnlyDictionary<string, string?> values)
        => string.Join(", ", values.Select(kv => $"{kv.Key}={kv.Value ?? "null"}"));

    private static string? WireText(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string? Text(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? Number(string? value)
        => string.IsNullOrEmpty(value) ? null
            : decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? (d / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture) : "?" + value;

    private static string? Multi(string? value)
    {
        var parts = (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return parts.Length == 0 ? null : string.Join(";", parts);
    }

    private static string? Day(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return value.Length >= 10 ? value[..10] : "?" + value;
    }

    // A Salesforce checkbox has no null, and HubSpot leaves an unset bool out: both read as false.
    private static string? Flag(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) ? "true" : "false";
}
