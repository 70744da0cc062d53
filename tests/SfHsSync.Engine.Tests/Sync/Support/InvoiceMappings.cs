using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Tests.Sync.Support;

/// <summary>Mappings of the Demo seed's invoice object that the proofs run under.</summary>
internal static class InvoiceMappings
{
    /// <summary>
    /// Every kind of field rule: two-way fields (Name, Amount, Units, Status, Channels), a Salesforce-to-HubSpot one
    /// (Due Date), a HubSpot-to-Salesforce one (Paid) and an unsynced one (Billing Email); creates and deletes both ways.
    /// </summary>
    public static SyncMapping AllRules(ConflictWinner winner = ConflictWinner.Salesforce, SyncDirection create = SyncDirection.TwoWay, SyncDirection delete = SyncDirection.TwoWay)
        => new SyncMapping("Invoices", "Invoice__c", "p12345678_invoices", winner, create, delete, "salesforce_id", "HubSpot_Id__c")
            .AddField("Name", "invoice_number")
            .AddField("Amount__c", "amount")
            .AddField("Units__c", "units")
            .AddField("Status__c", "status")
            .AddField("Channels__c", "channels")
            .AddField("Due_Date__c", "due_date", SyncDirection.SalesforceToHubSpot)
            .AddField("Paid__c", "paid", SyncDirection.HubSpotToSalesforce)
            .AddField("Billing_Email__c", "billing_email", SyncDirection.None);
}
