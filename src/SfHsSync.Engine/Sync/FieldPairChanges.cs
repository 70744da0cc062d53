using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Sync;

/// <summary>
/// How a mapping's field pairs changed since its last pass (as the state recorded them), and what that asks of the
/// next pass. A last-synced value only means something for the pair it was agreed on: kept across a change of HubSpot
/// property, it would make the new property's value look like a HubSpot edit and overwrite Salesforce with it. So:
/// <list type="bullet">
/// <item><see cref="Forgotten"/>: fields whose HubSpot property changed, or that were removed; their last-synced values
/// are dropped, and nothing is deleted on either side.</item>
/// <item><see cref="Compared"/>: synced fields that have no honest last-synced value yet (a changed pair, a field newly
/// mapped, or one that was None before); every linked record lacking a value for one of them is compared once, both
/// sides read, whether or not it changed since the watermarks, so equal values become last-synced with no write and
/// different ones are aligned from the source side.</item>
/// </list>
/// A direction change keeps the values: they still describe the same pair. With no recorded pairs (a first pass, or a
/// state from before pairs were kept) nothing is known to have changed.
/// </summary>
public sealed record FieldPairChanges
{
    public static readonly FieldPairChanges None = new(new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));

    private FieldPairChanges(IReadOnlySet<string> forgotten, IReadOnlySet<string> compared)
    {
        Forgotten = forgotten;
        Compared = compared;
    }

    /// <summary>Fields (by Salesforce field, the key of last-synced values) whose last-synced values are dropped.</summary>
    public IReadOnlySet<string> Forgotten { get; }

    /// <summary>Fields every linked record lacking a last-synced value for is compared on, once.</summary>
    public IReadOnlySet<string> Compared { get; }

    public bool IsEmpty => Forgotten.Count == 0 && Compared.Count == 0;

    public static FieldPairChanges Between(IReadOnlyList<FieldPair>? last, SyncMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        if (last is null)
        {
            return None;
        }

        // Keys are compared as the link values store them: the Salesforce field exactly as the mapping spells it.
        var before = last.GroupBy(p => p.SalesforceField, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var now = mapping.Fields.ToDictionary(f => f.SalesforceField, StringComparer.Ordinal);
        var forgotten = new HashSet<string>(StringComparer.Ordinal);
        var compared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (field, pair) in before)
        {
            if (!now.TryGetValue(field, out var current))
            {
                forgotten.Add(field);
            }
            else if (!string.Equals(pair.HubSpotProperty, current.HubSpotProperty, StringComparison.Ordinal))
            {
                forgotten.Add(field);
            }
        }

        foreach (var (field, current) in now)
        {
            if (current.Direction == SyncDirection.None)
            {
                continue;
            }

            if (forgotten.Contains(field) || !before.TryGetValue(field, out var pair) || pair.Direction == SyncDirection.None)
            {
                compared.Add(field);
            }
        }

        return forgotten.Count == 0 && compared.Count == 0 ? None : new FieldPairChanges(forgotten, compared);
    }

    /// <summary>The link as the pass must see it: without the last-synced values of forgotten fields (a preview drops them in memory only).</summary>
    public RecordLink Strip(RecordLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return Forgotten.Count == 0 || !link.Values.Keys.Any(Forgotten.Contains)
            ? link
            : link with { Values = link.Values.Where(kv => !Forgotten.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal) };
    }

    /// <summary>Strips every link of a lookup answer.</summary>
    public IReadOnlyDictionary<string, RecordLink> Strip(IReadOnlyDictionary<string, RecordLink> links)
        => Forgotten.Count == 0 ? links : links.ToDictionary(kv => kv.Key, kv => Strip(kv.Value), StringComparer.Ordinal);

    /// <summary>True when a (stripped) link has no last-synced value for a compared field, so the pass must compare it.</summary>
    public bool NeedsCompare(RecordLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return Compared.Any(field => !link.Values.ContainsKey(field));
    }
}
