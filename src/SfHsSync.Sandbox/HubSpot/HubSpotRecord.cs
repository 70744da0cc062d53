namespace SfHsSync.Sandbox.HubSpot;

/// <summary>A stored CRM record. Mutable, and only touched under the account's lock.</summary>
internal sealed class HubSpotRecord(long id, DateTimeOffset createdAt)
{
    public long Id { get; } = id;

    /// <summary>Stored values in HubSpot's normalized string form, system properties included.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset UpdatedAt { get; set; } = createdAt;

    public bool Archived { get; set; }

    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>Wall-clock time from which search sees this record's last write.</summary>
    public DateTimeOffset SearchableAt { get; set; }

    public HubSpotRecordSnapshot Snapshot() =>
        new(Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new Dictionary<string, string>(Values), CreatedAt, UpdatedAt, Archived);
}

/// <summary>A copy of a record as a test sees it.</summary>
public sealed record HubSpotRecordSnapshot(
    string Id,
    IReadOnlyDictionary<string, string> Properties,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Archived);
