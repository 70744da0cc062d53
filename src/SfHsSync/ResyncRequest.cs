using SfHsSync.Engine.Sync;

namespace SfHsSync;

/// <summary>
/// The records Start-Sync is asked to resync, gathered from -SalesforceId/-HubSpotId and the pipeline: ids that came
/// with their mapping's name (a Get-SyncError row) are resynced by that mapping only; the others by every mapping run.
/// </summary>
internal sealed class ResyncRequest
{
    private readonly List<(string? Mapping, string Id)> _salesforce = new();
    private readonly List<(string? Mapping, string Id)> _hubSpot = new();

    /// <summary>Every record named, whichever mapping it came with.</summary>
    public ResyncTargets All => Targets(_ => true);

    public void Add(string? mapping, IEnumerable<string>? salesforceIds, IEnumerable<string>? hubSpotIds)
    {
        _salesforce.AddRange((salesforceIds ?? []).Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => (mapping, id)));
        _hubSpot.AddRange((hubSpotIds ?? []).Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => (mapping, id)));
    }

    /// <summary>The records <paramref name="mapping"/> resyncs: those named for it, and those named for no mapping.</summary>
    public ResyncTargets For(string mapping) => Targets(named => named is null || string.Equals(named, mapping, StringComparison.Ordinal));

    private ResyncTargets Targets(Func<string?, bool> take)
        => new(Distinct(_salesforce, take), Distinct(_hubSpot, take));

    private static List<string> Distinct(List<(string? Mapping, string Id)> ids, Func<string?, bool> take)
        => ids.Where(e => take(e.Mapping)).Select(e => e.Id).Distinct(StringComparer.Ordinal).ToList();
}
