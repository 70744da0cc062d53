using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Tests.Salesforce;

/// <summary>A hand-made describe of the demo Invoice__c, for tests that need no sandbox.</summary>
internal static class InvoiceDescription
{
    public static SalesforceObjectDescription Create() => new()
    {
        Name = "Invoice__c",
        Label = "Invoice",
        Custom = true,
        Queryable = true,
        Fields =
        [
            Field("Id", "id"),
            Field("Name", "string"),
            Field("Amount__c", "currency"),
            Field("Units__c", "double"),
            Field("Due_Date__c", "date"),
            Field("Sent_At__c", "datetime"),
            Field("Paid__c", "boolean"),
            Field("Status__c", "picklist"),
            Field("Notes__c", "textarea"),
            Field("Account__c", "reference"),
            Field("HubSpot_Id__c", "string") with { ExternalId = true, Unique = true },
            Field("SystemModstamp", "datetime"),
            Field("IsDeleted", "boolean"),
            Field("Billing_Address__c", "address"),
        ],
    };

    private static SalesforceFieldDescription Field(string name, string type) => new() { Name = name, Type = type };
}
