using SfHsSync.Engine.Validation.Rules;

namespace SfHsSync.Engine.Validation;

/// <summary>
/// Every rule Test-SyncMapping checks, in the order they run. Ids are stable: a rule that goes away leaves its id unused.
/// <list type="table">
/// <item>SF001 SalesforceObjectMissing, SF002 SalesforceObjectNotSyncable, SF003 SalesforceObjectNotSupported,
/// SF004 SalesforceObjectReadInFull (Warning), SF005 SalesforceDeletesReadByIds (Warning), SF006 SalesforceObjectNotUpdateable (Warning),
/// SF007 SalesforceObjectNotCreateable (Warning), SF008 SalesforceObjectNotDeletable (Warning), SF009 RecordTypeDeletesKept (Information)</item>
/// <item>HS001 HubSpotObjectMissing, HS002 HubSpotObjectNotCustom</item>
/// <item>MP001 MappingLimitExceeded, MP002 MappingNameDuplicate, MP003 MappingObjectDuplicate, MP004 MappingSavedForLater (Information)</item>
/// <item>FD001 SalesforceFieldMissing, FD002 HubSpotPropertyMissing, FD003 RequiredPropertyUnmapped, FD004 LookupFieldMapped,
/// FD005 FieldTypeIncompatible, FD006 FieldTypeLossy (Warning), FD007 SalesforceFieldReadOnly, FD008 HubSpotPropertyReadOnly,
/// FD009 PicklistValuesUnmatched (Warning), FD010 RestrictedPicklistValuesUnmatched, FD011 TextLengthExceeded (Warning),
/// FD012 SalesforceFieldAccessMissing, FD013 SalesforceFieldCreateOnly (Warning)</item>
/// <item>AS001 AssociationFieldMissing, AS002 AssociationFieldNotLookup, AS003 AssociationTargetNotSynced, AS004 AssociationObjectMissing,
/// AS005 AssociationTypeMissing, AS006 AssociationContactsAndLeads, AS007 AssociationLookupReadOnly</item>
/// <item>CR001 SalesforceIdPropertyInvalid, CR002 HubSpotIdFieldInvalid</item>
/// </list>
/// All are errors unless marked.
/// </summary>
public static class MappingRules
{
    public static IReadOnlyList<MappingRule> All { get; } =
    [
        new SalesforceObjectMissing(),
        new SalesforceObjectNotSyncable(),
        new SalesforceObjectNotSupported(),
        new SalesforceObjectReadInFull(),
        new SalesforceDeletesReadByIds(),
        new SalesforceObjectNotUpdateable(),
        new SalesforceObjectNotCreateable(),
        new SalesforceObjectNotDeletable(),
        new RecordTypeDeletesKept(),
        new HubSpotObjectMissing(),
        new HubSpotObjectNotCustom(),
        new MappingLimitExceeded(),
        new MappingNameDuplicate(),
        new MappingObjectDuplicate(),
        new MappingSavedForLater(),
        new SalesforceFieldMissing(),
        new HubSpotPropertyMissing(),
        new RequiredPropertyUnmapped(),
        new LookupFieldMapped(),
        new FieldTypeIncompatible(),
        new FieldTypeLossy(),
        new SalesforceFieldReadOnly(),
        new HubSpotPropertyReadOnly(),
        new PicklistValuesUnmatched(),
        new RestrictedPicklistValuesUnmatched(),
        new TextLengthExceeded(),
        new SalesforceFieldCreateOnly(),
        new AssociationFieldMissing(),
        new AssociationFieldNotLookup(),
        new AssociationTargetNotSynced(),
        new AssociationObjectMissing(),
        new AssociationTypeMissing(),
        new AssociationContactsAndLeads(),
        new AssociationLookupReadOnly(),
        new SalesforceIdPropertyInvalid(),
        new HubSpotIdFieldInvalid(),
        new HubSpotScopeMissing(),
        new SalesforceFieldAccessMissing(),
    ];

    /// <summary>The rule with this id (e.g. FD002), or null.</summary>
    public static MappingRule? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));
}
