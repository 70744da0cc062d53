namespace SfHsSync.Engine.HubSpot;

/// <summary>
/// Puts each result and error of one batch answer at the input it belongs to. HubSpot does not promise results in
/// input order, so a result is placed by the objectWriteTraceId we sent (the input's position), else by the id or unique
/// value the input named; an error by the trace id or the ids in its context. Inputs left over take the remaining
/// errors in order, and an input HubSpot said nothing about is reported as such rather than taken for a success.
/// </summary>
internal sealed class HubSpotBatchMatcher
{
    private readonly HubSpotBatchResult?[] _slots;
    private readonly IReadOnlyList<string?> _keys;
    private readonly int _offset;
    private readonly List<HubSpotRecordError> _unplaced = new();

    /// <param name="offset">Position of the chunk's first input in the caller's whole list.</param>
    /// <param name="keys">The id or unique value each input named (null for creates).</param>
    public HubSpotBatchMatcher(int offset, IReadOnlyList<string?> keys)
    {
        _offset = offset;
        _keys = keys;
        _slots = new HubSpotBatchResult?[keys.Count];
    }

    public void AddResult(HubSpotRecord record, string? traceId, string? key, bool isNew)
    {
        var slot = SlotOfTrace(traceId) ?? SlotOfKey(key);
        if (slot is null)
        {
            return;
        }

        _slots[slot.Value] = new HubSpotBatchResult
        {
            Index = _offset + slot.Value,
            Key = _keys[slot.Value],
            Id = record.Id,
            Record = record,
            IsNew = isNew,
        };
    }

    /// <summary>Marks the inputs named by <paramref name="traceIds"/> or <paramref name="ids"/> as failed with <paramref name="error"/>.</summary>
    public void AddError(HubSpotRecordError error, IEnumerable<string> traceIds, IEnumerable<string> ids)
    {
        var placed = false;
        foreach (var trace in traceIds)
        {
            placed |= Fail(SlotOfTrace(trace), error);
        }

        foreach (var id in ids)
        {
            var slot = SlotOfKey(id);
            while (slot is not null)
            {
                placed |= Fail(slot, error);
                slot = SlotOfKey(id);
            }
        }

        if (!placed)
        {
            _unplaced.Add(error);
        }
    }

    /// <summary>Every input placed as a success (an archive answered 204) unless already failed.</summary>
    public void SucceedRemaining()
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] ??= new HubSpotBatchResult { Index = _offset + i, Key = _keys[i], Id = _keys[i] };
        }
    }

    /// <summary>Every input fails with <paramref name="error"/> (HubSpot refused the whole chunk).</summary>
    public void FailAll(HubSpotRecordError error)
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            Fail(i, error);
        }
    }

    public IReadOnlyList<HubSpotBatchResult> Complete()
    {
        var open = Enumerable.Range(0, _slots.Length).Where(i => _slots[i] is null).ToList();
        if (_unplaced.Count == open.Count || _unplaced.Count == 1)
        {
            for (var i = 0; i < open.Count; i++)
            {
                Fail(open[i], _unplaced[Math.Min(i, _unplaced.Count - 1)]);
            }
        }

        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] ??= new HubSpotBatchResult
            {
                Index = _offset + i,
                Key = _keys[i],
                Error = new HubSpotRecordError("MISSING_RESULT", "HubSpot's answer named neither a result nor an error for this input."),
            };
        }

        return _slots!;
    }

    private bool Fail(int? slot, HubSpotRecordError error)
    {
        if (slot is not { } i || _slots[i] is { Success: false })
        {
            return false;
        }

        _slots[i] = new HubSpotBatchResult { Index = _offset + i, Key = _keys[i], Error = error };
        return true;
    }

    private int? SlotOfTrace(string? traceId)
        => int.TryParse(traceId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i >= 0 && i < _slots.Length
            ? i
            : null;

    /// <summary>The first input naming <paramref name="key"/> that has no outcome yet.</summary>
    private int? SlotOfKey(string? key)
    {
        if (key is null)
        {
            return null;
        }

        for (var i = 0; i < _keys.Count; i++)
        {
            if (_slots[i] is null && string.Equals(_keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return null;
    }
}
