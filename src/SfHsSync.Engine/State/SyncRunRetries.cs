using System.Globalization;
using SfHsSync.Engine.Connections;

namespace SfHsSync.Engine.State;

/// <summary>
/// The retries of one run by kind on each side (Get-SyncRun's Retries): calls Salesforce's and HubSpot's clients sent
/// again, and waits of the state store. Each dictionary maps a <see cref="RetryKind"/>'s name to its count and lists only
/// kinds that happened, so <c>$run.Retries.HubSpot.RateLimit</c> reads a count and an empty dictionary means none.
/// </summary>
public sealed record SyncRunRetries
{
    public static readonly SyncRunRetries None = new();

    public IReadOnlyDictionary<string, long> Salesforce { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> HubSpot { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>The state store's: StateBusy (SQLite locked) and StateUnavailable (PostgreSQL not answering).</summary>
    public IReadOnlyDictionary<string, long> State { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    public long Total => Salesforce.Values.Sum() + HubSpot.Values.Sum() + State.Values.Sum();

    /// <summary>The side names a stored row uses.</summary>
    public static readonly IReadOnlyList<string> Sides = ["Salesforce", "HubSpot", "State"];

    public IReadOnlyDictionary<string, long> Of(string side) => side switch
    {
        "Salesforce" => Salesforce,
        "HubSpot" => HubSpot,
        "State" => State,
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "Sides are Salesforce, HubSpot and State."),
    };

    /// <summary>Builds one from (side, kind, count) rows, as the store keeps them.</summary>
    public static SyncRunRetries FromRows(IEnumerable<(string Side, string Kind, long Count)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var bySide = Sides.ToDictionary(s => s, _ => new SortedDictionary<string, long>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var (side, kind, count) in rows)
        {
            if (count > 0 && bySide.TryGetValue(side, out var kinds))
            {
                kinds[kind] = kinds.GetValueOrDefault(kind) + count;
            }
        }

        Dictionary<string, long> Of(string side) => new(bySide[side], StringComparer.Ordinal);
        return new SyncRunRetries { Salesforce = Of("Salesforce"), HubSpot = Of("HubSpot"), State = Of("State") };
    }

    /// <summary>Builds one from the differences of the clients' and the store's counters over a run.</summary>
    public static SyncRunRetries From(IReadOnlyDictionary<RetryKind, long> salesforce, IReadOnlyDictionary<RetryKind, long> hubSpot, IReadOnlyDictionary<RetryKind, long> state)
    {
        ArgumentNullException.ThrowIfNull(salesforce);
        ArgumentNullException.ThrowIfNull(hubSpot);
        ArgumentNullException.ThrowIfNull(state);
        IEnumerable<(string, string, long)> Rows(string side, IReadOnlyDictionary<RetryKind, long> counts) => counts.Select(kv => (side, kv.Key.ToString(), kv.Value));
        return FromRows(Rows("Salesforce", salesforce).Concat(Rows("HubSpot", hubSpot)).Concat(Rows("State", state)));
    }

    /// <summary>(side, kind, count) rows of every kind that happened.</summary>
    public IEnumerable<(string Side, string Kind, long Count)> Rows()
        => Sides.SelectMany(side => Of(side).Select(kv => (side, kv.Key, kv.Value)));

    /// <summary>Equal when every side counts the same kinds the same (the dictionaries' contents, not their instances).</summary>
    public bool Equals(SyncRunRetries? other)
        => other is not null && Rows().OrderBy(r => r.Side, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal)
            .SequenceEqual(other.Rows().OrderBy(r => r.Side, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal));

    public override int GetHashCode() => Total.GetHashCode();

    /// <summary>"HubSpot RateLimit 3, ServerError 1; Salesforce RowLock 2", or "none".</summary>
    public override string ToString()
    {
        var parts = Sides.Where(s => Of(s).Count > 0)
            .Select(s => s + " " + string.Join(", ", Of(s).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value}"))))
            .ToList();
        return parts.Count == 0 ? "none" : string.Join("; ", parts);
    }
}
