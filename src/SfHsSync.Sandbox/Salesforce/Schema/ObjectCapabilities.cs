namespace SfHsSync.Sandbox.Salesforce.Schema;

/// <summary>
/// What an object's describe says the API may do with it. The sandbox refuses what is false the way Salesforce does:
/// a query of an object that is not queryable, getUpdated/getDeleted of one that is not replicateable, and a create,
/// update or delete the object does not allow each answer 400 INVALID_TYPE_FOR_OPERATION (<see cref="ObjectRefusals"/>).
/// </summary>
public sealed record ObjectCapabilities
{
    /// <summary>Every operation allowed: an ordinary custom or standard data object.</summary>
    public static ObjectCapabilities All { get; } = new();

    /// <summary>An object the API only reads (the Demo seed's RecordType, Organization).</summary>
    public static ObjectCapabilities ReadOnly { get; } = new() { Createable = false, Updateable = false, Deletable = false, Undeletable = false, Triggerable = false };

    /// <summary>SOQL may select from it (query and queryAll).</summary>
    public bool Queryable { get; init; } = true;

    /// <summary>getUpdated and getDeleted (<c>/sobjects/X/updated</c>, <c>/deleted</c>) work on it.</summary>
    public bool Replicateable { get; init; } = true;

    /// <summary>A record can be read by id (<c>GET /sobjects/X/{id}</c>).</summary>
    public bool Retrieveable { get; init; } = true;

    /// <summary>SOSL searches it (describe only: the sandbox has no search endpoint).</summary>
    public bool Searchable { get; init; } = true;

    public bool Createable { get; init; } = true;

    public bool Updateable { get; init; } = true;

    public bool Deletable { get; init; } = true;

    /// <summary>Deleted records can be restored from the recycle bin (describe only).</summary>
    public bool Undeletable { get; init; } = true;

    /// <summary>Apex triggers can be defined on it (describe only).</summary>
    public bool Triggerable { get; init; } = true;
}
