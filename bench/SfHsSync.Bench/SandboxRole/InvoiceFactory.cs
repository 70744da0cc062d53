using System.Globalization;

namespace SfHsSync.Bench.SandboxRole;

/// <summary>
/// Invoices made up for the benchmark: every mapped field filled, all valid on both sides, values varied by number so
/// no two records are alike. Streamed, so a million of them never sit in memory as input.
/// </summary>
internal static class InvoiceFactory
{
    public const string Invoice = "Invoice__c";
    public const string HubSpotType = "2-1234567";
    public const string SalesforceIdProperty = "salesforce_id";

    private static readonly string[] Statuses = ["Draft", "Sent", "Paid"];
    private static readonly string[] Channels = ["Email", "Email;Portal", "Portal;Mail", "Mail"];
    private static readonly DateTime SentBase = new(2025, 1, 6, 9, 30, 0, DateTimeKind.Utc);

    public static IEnumerable<IReadOnlyDictionary<string, object?>> Make(string prefix, int first, int count)
    {
        for (var i = first; i < first + count; i++)
        {
            yield return new Dictionary<string, object?>(12)
            {
                ["Name"] = prefix + i.ToString("D7", CultureInfo.InvariantCulture),
                ["Amount__c"] = 100m + (i % 5000) + 0.25m,
                ["Tax_Rate__c"] = (i % 20) + 0.5m,
                ["Units__c"] = (decimal)(i % 50),
                ["Due_Date__c"] = new DateOnly(2025, 3, 1).AddDays(i % 90),
                ["Sent_At__c"] = SentBase.AddMinutes(i % 100_000),
                ["Paid__c"] = i % 2 == 0,
                ["Status__c"] = Statuses[i % Statuses.Length],
                ["Channels__c"] = Channels[i % Channels.Length],
                ["Billing_Email__c"] = $"billing{i}@example.com",
            };
        }
    }
}
