using SfHsSync.Engine.Mapping;

namespace SfHsSync.Bench.Protocol;

/// <summary>
/// The mapping every scenario syncs: the Demo invoice with ten fields of every kind (text, currency, percent, number,
/// date, datetime, boolean, picklist, multi-select, email), two-way but for Channels; Salesforce wins conflicts.
/// </summary>
internal static class BenchMapping
{
    public static SyncMapping Invoices()
        => new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices", ConflictWinner.Salesforce, SyncDirection.SalesforceToHubSpot, SyncDirection.None, "salesforce_id", "HubSpot_Id__c")
            .AddField("Name", "invoice_number")
            .AddField("Amount__c", "amount")
            .AddField("Tax_Rate__c", "tax_rate")
            .AddField("Units__c", "units")
            .AddField("Due_Date__c", "due_date")
            .AddField("Sent_At__c", "sent_at")
            .AddField("Paid__c", "paid")
            .AddField("Status__c", "status")
            .AddField("Channels__c", "channels", SyncDirection.SalesforceToHubSpot)
            .AddField("Billing_Email__c", "billing_email");
}
