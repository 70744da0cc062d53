namespace SfHsSync.Sandbox.HubSpot;

/// <summary>
/// Association types and the links between records. Each link is stored in both directions, with the type's
/// inverse on the way back, so reads from either side agree. Only touched under the account's lock.
/// </summary>
internal sealed class HubSpotAssociationGraph
{
    private readonly Dictionary<int, HubSpotAssociationType> _types = [];
    private readonly Dictionary<(string TypeId, long Id), Dictionary<(string TypeId, long Id), SortedSet<int>>> _links = [];
    private int _nextUserTypeId = 100;

    public IEnumerable<HubSpotAssociationType> Types => _types.Values;

    public HubSpotAssociationType? Type(int typeId) => _types.GetValueOrDefault(typeId);

    public IEnumerable<HubSpotAssociationType> TypesBetween(string fromTypeId, string toTypeId) =>
        _types.Values.Where(t => t.FromObjectTypeId == fromTypeId && t.ToObjectTypeId == toTypeId).OrderBy(t => t.TypeId);

    /// <summary>The unlabeled type between two object types, which "default" associations use.</summary>
    public HubSpotAssociationType? DefaultBetween(string fromTypeId, string toTypeId) =>
        TypesBetween(fromTypeId, toTypeId).FirstOrDefault(t => t.Label is null);

    /// <summary>Adds a pair of types (one per direction) with fixed ids, as HubSpot defines for its own objects.</summary>
    public void AddFixedPair(int id, int inverseId, string category, string fromTypeId, string toTypeId, string name, string inverseName, string? label, DateTimeOffset at)
    {
        _types[id] = new HubSpotAssociationType(id, category, fromTypeId, toTypeId, name, label, inverseId, at);
        _types[inverseId] = new HubSpotAssociationType(inverseId, category, toTypeId, fromTypeId, inverseName, label, id, at);
    }

    /// <summary>Allocates a new user-defined pair of types; returns the from→to one.</summary>
    public HubSpotAssociationType AddUserPair(string fromTypeId, string toTypeId, string name, string inverseName, string? label, string? inverseLabel, DateTimeOffset at)
    {
        var id = _nextUserTypeId++;
        var inverseId = _nextUserTypeId++;
        var forward = new HubSpotAssociationType(id, "USER_DEFINED", fromTypeId, toTypeId, name, label, inverseId, at);
        _types[id] = forward;
        _types[inverseId] = new HubSpotAssociationType(inverseId, "USER_DEFINED", toTypeId, fromTypeId, inverseName, inverseLabel ?? label, id, at);
        return forward;
    }

    public void RemovePair(int typeId)
    {
        if (_types.Remove(typeId, out var t))
        {
            _types.Remove(t.InverseTypeId);
            foreach (var targets in _links.Values)
            {
                foreach (var set in targets.Values)
                {
                    set.Remove(typeId);
                    set.Remove(t.InverseTypeId);
                }
            }
        }
    }

    public void Link(string fromTypeId, long fromId, string toTypeId, long toId, HubSpotAssociationType type)
    {
        Set(fromTypeId, fromId, toTypeId, toId).Add(type.TypeId);
        Set(toTypeId, toId, fromTypeId, fromId).Add(type.InverseTypeId);
    }

    /// <summary>Removes every type between the two records (both directions).</summary>
    public bool Unlink(string fromTypeId, long fromId, string toTypeId, long toId)
    {
        var removed = Remove(fromTypeId, fromId, toTypeId, toId);
        Remove(toTypeId, toId, fromTypeId, fromId);
        return removed;
    }

    /// <summary>Removes one type (and its inverse) between the two records.</summary>
    public void Unlink(string fromTypeId, long fromId, string toTypeId, long toId, HubSpotAssociationType type)
    {
        if (_links.TryGetValue((fromTypeId, fromId), out var targets) && targets.TryGetValue((toTypeId, toId), out var set))
        {
            set.Remove(type.TypeId);
            if (set.Count == 0)
            {
                targets.Remove((toTypeId, toId));
            }
        }

        if (_links.TryGetValue((toTypeId, toId), out var back) && back.TryGetValue((fromTypeId, fromId), out var backSet))
        {
            backSet.Remove(type.InverseTypeId);
            if (backSet.Count == 0)
            {
                back.Remove((fromTypeId, fromId));
            }
        }
    }

    /// <summary>The records of type <paramref name="toTypeId"/> linked to one record, in id order, with their type ids.</summary>
    public IReadOnlyList<(long ToId, IReadOnlyCollection<int> TypeIds)> LinksOf(string fromTypeId, long fromId, string toTypeId)
    {
        if (!_links.TryGetValue((fromTypeId, fromId), out var targets))
        {
            return [];
        }

        return targets
            .Where(kv => kv.Key.TypeId == toTypeId && kv.Value.Count > 0)
            .OrderBy(kv => kv.Key.Id)
            .Select(kv => (kv.Key.Id, (IReadOnlyCollection<int>)kv.Value.ToArray()))
            .ToArray();
    }

    /// <summary>Drops every link of a record (used when a record or schema goes away for good).</summary>
    public void Forget(string typeId, long id)
    {
        if (_links.Remove((typeId, id), out var targets))
        {
            foreach (var other in targets.Keys)
            {
                if (_links.TryGetValue(other, out var back))
                {
                    back.Remove((typeId, id));
                }
            }
        }
    }

    private SortedSet<int> Set(string fromTypeId, long fromId, string toTypeId, long toId)
    {
        if (!_links.TryGetValue((fromTypeId, fromId), out var targets))
        {
            targets = [];
            _links[(fromTypeId, fromId)] = targets;
        }

        if (!targets.TryGetValue((toTypeId, toId), out var set))
        {
            set = [];
            targets[(toTypeId, toId)] = set;
        }

        return set;
    }

    private bool Remove(string fromTypeId, long fromId, string toTypeId, long toId) =>
        _links.TryGetValue((fromTypeId, fromId), out var targets) && targets.Remove((toTypeId, toId));
}
