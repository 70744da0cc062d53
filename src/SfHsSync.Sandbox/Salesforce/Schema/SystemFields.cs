namespace SfHsSync.Sandbox.Salesforce.Schema;

/// <summary>
/// The audit fields an object may carry. Most carry all of them; setup objects often lack IsDeleted (their deletes are
/// not kept in a recycle bin), *Share objects have only LastModifiedDate, a few only CreatedDate or only SystemModstamp.
/// A seed lists the ones an object has in "systemFields"; without the member an object has all six.
/// </summary>
public static class SystemFields
{
    public const string IsDeleted = "IsDeleted";
    public const string CreatedDate = "CreatedDate";
    public const string CreatedById = "CreatedById";
    public const string LastModifiedDate = "LastModifiedDate";
    public const string LastModifiedById = "LastModifiedById";
    public const string SystemModstamp = "SystemModstamp";

    /// <summary>All of them, in describe order.</summary>
    public static IReadOnlyList<string> All { get; } = [IsDeleted, CreatedDate, CreatedById, LastModifiedDate, LastModifiedById, SystemModstamp];

    public static SObjectField Field(string name) => name switch
    {
        IsDeleted => new SObjectField { Name = name, Label = "Deleted", Type = "boolean", Nillable = false, DefaultedOnCreate = true, System = true },
        CreatedDate => new SObjectField { Name = name, Label = "Created Date", Type = "datetime", Nillable = false, DefaultedOnCreate = true, System = true },
        CreatedById => new SObjectField { Name = name, Label = "Created By ID", Type = "reference", Length = 18, Nillable = false, DefaultedOnCreate = true, ReferenceTo = ["User"], RelationshipName = "CreatedBy", System = true },
        LastModifiedDate => new SObjectField { Name = name, Label = "Last Modified Date", Type = "datetime", Nillable = false, DefaultedOnCreate = true, System = true },
        LastModifiedById => new SObjectField { Name = name, Label = "Last Modified By ID", Type = "reference", Length = 18, Nillable = false, DefaultedOnCreate = true, ReferenceTo = ["User"], RelationshipName = "LastModifiedBy", System = true },
        SystemModstamp => new SObjectField { Name = name, Label = "System Modstamp", Type = "datetime", Nillable = false, DefaultedOnCreate = true, System = true },
        _ => throw new FormatException($"'{name}' is no system field; the system fields are {string.Join(", ", All)}"),
    };
}
