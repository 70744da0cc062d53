namespace SfHsSync.Sandbox.Salesforce.Schema;

/// <summary>One record type of an object, as describe's recordTypeInfos lists it.</summary>
public sealed record RecordTypeInfo(string Name, string DeveloperName, string RecordTypeId, bool Active, bool Available, bool DefaultRecordTypeMapping, bool Master);
