using System.Globalization;

namespace SfHsSync.Engine.Metadata;

/// <summary>The field a Salesforce object stamps its changes with, as its describe lists it.</summary>
public enum ChangeStamp
{
    /// <summary>SystemModstamp: moves on every change, the user's and the system's.</summary>
    SystemModstamp,

    /// <summary>LastModifiedDate only: moves on every change a user or the API makes.</summary>
    LastModifiedDate,

    /// <summary>Only CreatedDate: a later change leaves no stamp to read it by.</summary>
    CreatedDate,

    /// <summary>No date field at all.</summary>
    None,
}

/// <summary>How a pass reads an object's changes and deletes, from its describe.</summary>
public enum SalesforceReadKind
{
    /// <summary>Records changed since the watermark (by the change stamp), deletes from the recycle bin through queryAll.</summary>
    Incremental,

    /// <summary>Records changed since the watermark; deletes found by comparing the object's Ids with the linked ones (the object is not replicateable or keeps no recycle bin).</summary>
    IncrementalIdSetDeletes,

    /// <summary>No usable change stamp: every record is read each pass and compared with its last-synced values; a linked record no longer read is deleted.</summary>
    FullComparison,
}

/// <summary>
/// What the API lets a sync do with one Salesforce object, decided from its describe and never from its name: read it,
/// read its changes incrementally, read its deletes, create, update and delete records, and which fields only a create
/// can fill. Objects with SystemModstamp, IsDeleted and replicateable read as they always did (<see cref="SalesforceReadKind.Incremental"/>).
/// </summary>
public sealed record ObjectCapabilities
{
    /// <summary>Rows a query page holds at most (Salesforce's largest batchSize), and so what a full read costs per 2,000 records.</summary>
    public const int PageSize = 2000;

    public required string Name { get; init; }

    public bool Queryable { get; init; }

    public bool Retrieveable { get; init; }

    public bool Replicateable { get; init; }

    public bool Createable { get; init; }

    public bool Updateable { get; init; }

    public bool Deletable { get; init; }

    /// <summary>The field describe marks nameField (Name, CaseNumber, OrderNumber, ContractNumber, Subject...), or null.</summary>
    public string? NameField { get; init; }

    /// <summary>True when the name field is an auto-number: Salesforce fills it, nothing can write it.</summary>
    public bool NameIsAutoNumber { get; init; }

    public ChangeStamp ChangeStamp { get; init; }

    /// <summary>True when describe lists IsDeleted: deletes go to the recycle bin, where queryAll sees them.</summary>
    public bool HasRecycleBin { get; init; }

    /// <summary>Fields a create can fill but an update cannot (createable, not updateable), such as a junction's parent lookups.</summary>
    public IReadOnlySet<string> CreateOnlyFields { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The field incremental reads filter and order on, or null when there is none (a full comparison).</summary>
    public string? ChangeStampField => ChangeStamp switch
    {
        ChangeStamp.SystemModstamp => "SystemModstamp",
        ChangeStamp.LastModifiedDate => "LastModifiedDate",
        _ => null,
    };

    public SalesforceReadKind ReadKind => ChangeStampField is null
        ? SalesforceReadKind.FullComparison
        : ChangeStamp == ChangeStamp.SystemModstamp && HasRecycleBin && Replicateable
            ? SalesforceReadKind.Incremental
            : SalesforceReadKind.IncrementalIdSetDeletes;

    /// <summary>True when an update may not carry <paramref name="field"/>: the object cannot be updated, or the field can only be set on create.</summary>
    public bool IsCreateOnly(string field) => !Updateable || CreateOnlyFields.Contains(field);

    public static ObjectCapabilities Of(SalesforceObjectDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var name = description.Fields.FirstOrDefault(f => f.NameField);
        var stamp = description.FindField("SystemModstamp") is not null ? ChangeStamp.SystemModstamp
            : description.FindField("LastModifiedDate") is not null ? ChangeStamp.LastModifiedDate
            : description.FindField("CreatedDate") is not null ? ChangeStamp.CreatedDate
            : ChangeStamp.None;
        return new ObjectCapabilities
        {
            Name = description.Name,
            Queryable = description.Queryable,
            Retrieveable = description.Retrieveable,
            Replicateable = description.Replicateable,
            Createable = description.Createable,
            Updateable = description.Updateable,
            Deletable = description.Deletable,
            NameField = name?.Name,
            NameIsAutoNumber = name?.AutoNumber ?? false,
            ChangeStamp = stamp,
            HasRecycleBin = description.FindField("IsDeleted") is not null,
            CreateOnlyFields = description.Fields.Where(f => f.Createable && !f.Updateable && !f.Calculated)
                .Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase),
        };
    }

    private string WhyNoDeleteRead => !Replicateable ? "it is not replicateable"
        : !HasRecycleBin ? "it has no IsDeleted, so no recycle bin"
        : "it has no SystemModstamp to read its deletes by";

    /// <summary>Query pages a full read of <paramref name="records"/> records costs: ceil(N / 2,000), at least one.</summary>
    public static long Pages(long records) => Math.Max(1, (records + PageSize - 1) / PageSize);

    /// <summary>How this object is read and what it costs per pass, in one sentence (Test-SyncMapping and Start-Sync -WhatIf).</summary>
    public string DescribeReading(long? records)
    {
        string Cost(long n) => string.Create(CultureInfo.InvariantCulture, $"{Pages(n):N0} call(s) per pass for its {n:N0} record(s)");
        var count = records is { } n ? Cost(n) : "ceil(N / 2,000) call(s) per pass for N records";
        return ReadKind switch
        {
            SalesforceReadKind.FullComparison =>
                $"{Name} has no change stamp (no SystemModstamp or LastModifiedDate{(ChangeStamp == ChangeStamp.CreatedDate ? "; CreatedDate does not move when a record changes" : string.Empty)}), so each pass reads it by a full comparison: "
                + $"every record is read ({count}, pages of 2,000) and compared with its last-synced values, only changes are written, and a linked record no longer read counts as deleted (no further call).",
            SalesforceReadKind.IncrementalIdSetDeletes =>
                $"{Name} is read incrementally by {ChangeStampField}, but its deletes cannot be read from getDeleted or queryAll ({WhyNoDeleteRead}), "
                + $"so each pass also queries its Ids ({count}, pages of 2,000) and a linked record whose Id is gone counts as deleted.",
            _ => $"{Name} is read incrementally by SystemModstamp, with its deletes from the recycle bin (queryAll): one call per 2,000 changed records, one for the deletes.",
        };
    }
}
