using System.Globalization;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>
/// An object type (contacts, companies, or a custom object's schema) with its properties and records,
/// indexed by id and by every unique-value property. Only touched under the account's lock.
/// </summary>
internal sealed class HubSpotObjectType
{
    private readonly List<HubSpotRecord> _inIdOrder = [];
    private readonly Dictionary<long, HubSpotRecord> _byId = [];
    private readonly Dictionary<string, Dictionary<string, HubSpotRecord>> _unique = new(StringComparer.Ordinal);

    public required string ObjectTypeId { get; init; }

    /// <summary>"invoices", "contacts", "companies".</summary>
    public required string Name { get; init; }

    /// <summary>The schema id (the number in the objectTypeId for custom objects).</summary>
    public required string SchemaId { get; init; }

    public required string FullyQualifiedName { get; init; }

    public required bool IsCustom { get; init; }

    /// <summary>Singular names the association APIs also accept ("contact", "company").</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public string SingularLabel { get; set; } = "";

    public string PluralLabel { get; set; } = "";

    public string? Description { get; set; }

    public string? PrimaryDisplayProperty { get; set; }

    public List<string> SecondaryDisplayProperties { get; set; } = [];

    public List<string> RequiredProperties { get; set; } = [];

    public List<string> SearchableProperties { get; set; } = [];

    /// <summary>Returned when a read names no properties.</summary>
    public IReadOnlyList<string> DefaultProperties { get; init; } = [];

    /// <summary>Returned with every read, whatever properties it names.</summary>
    public IReadOnlyList<string> AlwaysReturned { get; init; } = [];

    public Dictionary<string, HubSpotProperty> Properties { get; } = new(StringComparer.Ordinal);

    /// <summary>Admin-configured validation rules, applied to writes from API version 2026-09 on.</summary>
    public List<HubSpotAdminRule> AdminRules { get; } = [];

    /// <summary>Calculated number properties and their formulas, evaluated on every write.</summary>
    public Dictionary<string, HubSpotFormula> Formulas { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Moves on every write, so a cached search result knows it is stale.</summary>
    public long Version { get; private set; }

    public IReadOnlyList<HubSpotRecord> RecordsInIdOrder => _inIdOrder;

    public void AddProperty(HubSpotProperty property)
    {
        Properties[property.Name] = property;
        if (property.HasUniqueValue && !_unique.ContainsKey(property.Name))
        {
            _unique[property.Name] = new Dictionary<string, HubSpotRecord>(StringComparer.Ordinal);
        }
    }

    public HubSpotRecord? Find(long id) => _byId.GetValueOrDefault(id);

    public HubSpotRecord? Find(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Find(n) : null;

    /// <summary>The live record holding <paramref name="value"/> in a unique property (archived records free their values).</summary>
    public HubSpotRecord? FindUnique(string property, string value) =>
        property == "hs_object_id" ? Find(value) is { Archived: false } r ? r : null
        : _unique.TryGetValue(property, out var index) ? index.GetValueOrDefault(value) : null;

    public void Add(HubSpotRecord record)
    {
        // Ids only grow, so appending keeps the list in id order for `after` paging.
        _inIdOrder.Add(record);
        _byId[record.Id] = record;
        Index(record);
        Version++;
    }

    public void Unindex(HubSpotRecord record)
    {
        foreach (var (property, index) in _unique)
        {
            if (record.Values.TryGetValue(property, out var v) && index.TryGetValue(v, out var holder) && holder == record)
            {
                index.Remove(v);
            }
        }
    }

    public void Index(HubSpotRecord record)
    {
        if (record.Archived)
        {
            return;
        }

        foreach (var (property, index) in _unique)
        {
            if (record.Values.TryGetValue(property, out var v))
            {
                index[v] = record;
            }
        }
    }

    public void Touch() => Version++;

    /// <summary>Position of the first record with an id at or above <paramref name="id"/>.</summary>
    public int IndexAtOrAfter(long id)
    {
        int lo = 0, hi = _inIdOrder.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_inIdOrder[mid].Id < id)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    public HubSpotProperty? Property(string name) => Properties.GetValueOrDefault(name);

    public bool Matches(string reference) =>
        string.Equals(reference, ObjectTypeId, StringComparison.OrdinalIgnoreCase)
        || string.Equals(reference, FullyQualifiedName, StringComparison.OrdinalIgnoreCase)
        || string.Equals(reference, Name, StringComparison.OrdinalIgnoreCase)
        || (IsCustom && string.Equals(reference, "p_" + Name, StringComparison.OrdinalIgnoreCase))
        || Aliases.Any(a => string.Equals(reference, a, StringComparison.OrdinalIgnoreCase));

    public JsonObject LabelsJson() => new() { ["singular"] = SingularLabel, ["plural"] = PluralLabel };
}
