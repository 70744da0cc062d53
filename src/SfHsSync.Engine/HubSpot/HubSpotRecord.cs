using System.Globalization;

namespace SfHsSync.Engine.HubSpot;

/// <summary>One HubSpot CRM record as the objects API returns it: every property value is the string HubSpot sent.</summary>
public sealed record HubSpotRecord(
    string Id,
    IReadOnlyDictionary<string, string?> Properties,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Archived)
{
    public const string ObjectIdProperty = "hs_object_id";
    public const string LastModifiedProperty = "hs_lastmodifieddate";
    public const string CreateDateProperty = "hs_createdate";

    /// <summary>The value of <paramref name="name"/>, or null when the record has none.</summary>
    public string? this[string name] => Properties.TryGetValue(name, out var value) ? value : null;

    /// <summary>hs_lastmodifieddate when HubSpot returned it (search windows move on it), else updatedAt.</summary>
    public DateTimeOffset LastModified
        => HubSpotValues.TryParseDateTime(this[LastModifiedProperty], out var modified) ? modified : UpdatedAt;

    /// <summary>The numeric record id, which orders records that share a timestamp.</summary>
    public long NumericId => long.Parse(Id, NumberStyles.None, CultureInfo.InvariantCulture);

    public override string ToString() => $"HubSpot record {Id}";
}
