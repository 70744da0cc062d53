using SfHsSync.Engine.Mapping;

namespace SfHsSync.Engine.Tests.Validation;

/// <summary>Mappings of the Demo seed (DEMO-SEED.md): a good one of Invoice__c, and bare ones to break one rule at a time.</summary>
internal static class DemoMappings
{
    public const string Invoices = "p12345678_invoices";

    /// <summary>Invoice__c to invoices, every field that fits, creates to HubSpot keyed by salesforce_id, Account__c to companies.</summary>
    public static SyncMapping GoodInvoices(string name = "Invoices")
        => Bare(name)
            .AddField("Amount__c", "amount")
            .AddField("Tax_Rate__c", "tax_rate")
            .AddField("Units__c", "units")
            .AddField("Due_Date__c", "due_date", SyncDirection.SalesforceToHubSpot)
            .AddField("Sent_At__c", "sent_at")
            .AddField("Paid__c", "paid")
            .AddField("Status__c", "status")
            .AddField("Channels__c", "channels")
            .AddField("Notes__c", "notes", SyncDirection.SalesforceToHubSpot)
            .AddField("Billing_Email__c", "billing_email", SyncDirection.SalesforceToHubSpot)
            .AddAssociation(new AssociationMapping("Account__c", "companies", targetIdProperty: "salesforceaccountid"));

    /// <summary>Invoice__c to invoices with only the required invoice_number, created in HubSpot and keyed by salesforce_id.</summary>
    public static SyncMapping Bare(string name = "Invoices", SyncDirection create = SyncDirection.SalesforceToHubSpot)
        => new SyncMapping(name, "Invoice__c", Invoices, createDirection: create, salesforceIdProperty: "salesforce_id", hubSpotIdField: "HubSpot_Id__c")
            .AddField("Name", "invoice_number", SyncDirection.SalesforceToHubSpot);
}
