namespace SfHsSync.Engine.Sandbox.Seeds;

/// <summary>What Export-SyncSandboxSeed reads: objects of each side, how many records of each, and the fields to mask.</summary>
public sealed record SeedExportRequest
{
    /// <summary>Salesforce objects by API name (Invoice__c, Account).</summary>
    public IReadOnlyList<string> SalesforceObjects { get; init; } = Array.Empty<string>();

    /// <summary>HubSpot object types by name, objectTypeId or fully qualified name (invoices, companies).</summary>
    public IReadOnlyList<string> HubSpotObjects { get; init; } = Array.Empty<string>();

    /// <summary>Lookups ("Invoice__c.Account__c") whose target objects join the Salesforce objects (a mapping's associations).</summary>
    public IReadOnlyList<string> SalesforceLookups { get; init; } = Array.Empty<string>();

    /// <summary>Records of each object to put in the seed; 0 writes the schema alone.</summary>
    public int SampleRecords { get; init; }

    /// <summary>
    /// Fields and properties whose values are replaced by generated ones: a name (Email, matched on both sides, any
    /// object, case-insensitively) or an object and a name (Contact.Email, contacts.email).
    /// </summary>
    public IReadOnlyList<string> Mask { get; init; } = Array.Empty<string>();

    /// <summary>Makes the generated values the same on every run over the same records.</summary>
    public int MaskSeed { get; init; } = 23;
}
