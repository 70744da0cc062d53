using System.Runtime.CompilerServices;
using SfHsSync.Engine.Metadata;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Sync.Reading;

/// <summary>
/// How one pass reads a Salesforce object, as its describe allows (<see cref="ObjectCapabilities.ReadKind"/>):
/// <list type="bullet">
/// <item>incremental: the records changed since the watermark by SystemModstamp (or LastModifiedDate), and the deletes
/// from the recycle bin through queryAll, as every pass always did;</item>
/// <item>incremental with an Id-set delete check: the same change read, and the deletes found by one query of the
/// object's Ids against the linked ones (one call per 2,000 Ids, made only when something is linked);</item>
/// <item>full comparison: every record, read in pages of 2,000, which the reconciler compares with the last-synced values
/// (so only changes are written); a linked record the completed read did not return is deleted.</item>
/// </list>
/// One instance per pass.
/// </summary>
internal sealed class SalesforceReading
{
    private readonly SalesforceClient _salesforce;
    private readonly MappingRuntime _runtime;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private bool _readCompleted;

    public SalesforceReading(SalesforceClient salesforce, MappingRuntime runtime)
    {
        _salesforce = salesforce;
        _runtime = runtime;
    }

    public SalesforceReadKind Kind => _runtime.Capabilities.ReadKind;

    public bool IsFullComparison => Kind == SalesforceReadKind.FullComparison;

    /// <summary>Records the full read or the Id query found this pass, when one was made; else null.</summary>
    public long? Counted { get; private set; }

    /// <summary>How this pass read the object and what that costs per pass (Start-Sync -WhatIf), with the records it counted.</summary>
    public string Describe() => _runtime.Capabilities.DescribeReading(Counted);

    /// <summary>The records this pass reads: those changed since <paramref name="watermark"/>, or all of them for a full comparison.</summary>
    public async IAsyncEnumerable<SalesforceRecord> ReadAsync(SalesforceWatermark? watermark, Action<DateTimeOffset> serverTime, [EnumeratorCancellation] CancellationToken stop)
    {
        var objectName = _runtime.Mapping.SalesforceObject;
        var records = IsFullComparison
            ? _salesforce.ReadAllAsync(objectName, _runtime.SalesforceFields, stop)
            : _salesforce.ReadStampedSinceAsync(objectName, _runtime.SalesforceFields, watermark, _runtime.Capabilities.ChangeStampField!, serverTime, stop);
        await foreach (var record in records.ConfigureAwait(false))
        {
            if (IsFullComparison)
            {
                _read.Add(record.Id!);
            }

            yield return record;
        }

        _readCompleted = !stop.IsCancellationRequested;
        if (IsFullComparison && _readCompleted)
        {
            Counted = _read.Count;
        }
    }

    /// <summary>The watermark just after <paramref name="record"/>, or null for a full comparison (it keeps none).</summary>
    public SalesforceWatermark? After(SalesforceRecord record)
        => IsFullComparison ? null : SalesforceWatermark.After(record, _runtime.Capabilities.ChangeStampField!);

    /// <summary>
    /// The Ids of linked records deleted in Salesforce: from the recycle bin since <paramref name="since"/>, or those of
    /// the links the Id query (or the completed full read) no longer finds. Nothing before the read finished.
    /// </summary>
    public async Task<IReadOnlyList<string>> ReadDeletedAsync(IStateStore state, DateTimeOffset? since, CancellationToken stop)
    {
        var mapping = _runtime.Mapping.Name;
        switch (Kind)
        {
            case SalesforceReadKind.Incremental:
                var deleted = new List<string>();
                if (since is { } from)
                {
                    await foreach (var gone in _salesforce.ReadDeletedSinceAsync(_runtime.Mapping.SalesforceObject, from, cancellationToken: stop).ConfigureAwait(false))
                    {
                        deleted.Add(gone.Id);
                    }
                }

                return deleted;
            case SalesforceReadKind.FullComparison:
                return _readCompleted ? await LinkedOutsideAsync(state, mapping, _read, stop).ConfigureAwait(false) : [];
            default:
                if (await state.CountLinksAsync(mapping, stop).ConfigureAwait(false) == 0)
                {
                    return [];
                }

                var ids = new HashSet<string>(StringComparer.Ordinal);
                await foreach (var id in _salesforce.ReadIdsAsync(_runtime.Mapping.SalesforceObject, stop).ConfigureAwait(false))
                {
                    ids.Add(id);
                }

                if (stop.IsCancellationRequested)
                {
                    return [];
                }

                Counted = ids.Count;
                return await LinkedOutsideAsync(state, mapping, ids, stop).ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyList<string>> LinkedOutsideAsync(IStateStore state, string mapping, HashSet<string> present, CancellationToken stop)
    {
        var gone = new List<string>();
        await foreach (var link in state.ReadLinksAsync(mapping, stop).ConfigureAwait(false))
        {
            if (!present.Contains(link.SalesforceId))
            {
                gone.Add(link.SalesforceId);
            }
        }

        return gone;
    }
}
