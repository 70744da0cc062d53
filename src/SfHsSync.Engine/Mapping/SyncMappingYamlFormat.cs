namespace SfHsSync.Engine.Mapping;

/// <summary>
/// The mapping file format, version 1. One file holds one mapping (its keys at the top level) or a set
/// (a <c>mappings</c> list); either way it starts with <c>formatVersion</c>. Keys are camelCase and case-sensitive.
/// The writer writes every mapping-level key, defaults included, so a file reads the same to a person as to the
/// module; optional names (salesforceIdProperty, hubSpotIdField, association label, type id) are written only when set.
/// Enum values are read case-insensitively by name; numbers are not accepted for them.
/// </summary>
/// <example><code>
/// formatVersion: 1
/// mappings:
/// - name: Invoices
///   status: Active
///   salesforceObject: Invoice__c
///   hubSpotObject: p12345678_invoices
///   conflictWinner: Salesforce
///   createDirection: SalesforceToHubSpot
///   deleteDirection: None
///   salesforceIdProperty: salesforce_id
///   hubSpotIdField: HubSpot_Id__c
///   fields:
///   - { salesforceField: Name, hubSpotProperty: invoice_number, direction: TwoWay }
///   associations:
///   - salesforceField: Account__c
///     hubSpotObject: companies
///     targetIdProperty: salesforceaccountid
///     direction: SalesforceToHubSpot
/// </code></example>
public static class SyncMappingYamlFormat
{
    /// <summary>The newest format version this module reads and the one it writes.</summary>
    public const int CurrentVersion = 1;

    public const string FormatVersionKey = "formatVersion";
    public const string MappingsKey = "mappings";

    /// <summary>Run settings for every mapping of the file (<see cref="SyncFileSettings"/>), beside the mappings.</summary>
    public const string SettingsKey = "settings";
    public const string SalesforceApiBudgetKey = "salesforceApiBudget";

    public const string NameKey = "name";
    public const string StatusKey = "status";
    public const string SalesforceObjectKey = "salesforceObject";
    public const string HubSpotObjectKey = "hubSpotObject";
    public const string ConflictWinnerKey = "conflictWinner";
    public const string CreateDirectionKey = "createDirection";
    public const string DeleteDirectionKey = "deleteDirection";
    public const string SalesforceIdPropertyKey = "salesforceIdProperty";
    public const string HubSpotIdFieldKey = "hubSpotIdField";
    public const string FieldsKey = "fields";
    public const string AssociationsKey = "associations";

    public const string SalesforceFieldKey = "salesforceField";
    public const string HubSpotPropertyKey = "hubSpotProperty";
    public const string DirectionKey = "direction";
    public const string ViaKey = "via";
    public const string TargetIdPropertyKey = "targetIdProperty";
    public const string AssociationLabelKey = "associationLabel";
    public const string AssociationTypeIdKey = "associationTypeId";

    internal static readonly string[] MappingKeys =
    [
        NameKey, StatusKey, SalesforceObjectKey, HubSpotObjectKey, ConflictWinnerKey, CreateDirectionKey, DeleteDirectionKey,
        SalesforceIdPropertyKey, HubSpotIdFieldKey, FieldsKey, AssociationsKey,
    ];

    internal static readonly string[] FieldKeys = [SalesforceFieldKey, HubSpotPropertyKey, DirectionKey];

    internal static readonly string[] AssociationKeys =
    [
        SalesforceFieldKey, HubSpotObjectKey, AssociationLabelKey, AssociationTypeIdKey, ViaKey, TargetIdPropertyKey, DirectionKey,
    ];
}
