using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.State;

namespace SfHsSync.Engine.Sync.Associations;

/// <summary>
/// Records a step gave a Salesforce record from HubSpot: a create, or an upsert that found the record by its HubSpot
/// id (a rerun after a kill). Their pair had no Salesforce id, so the step names it. They are decided on Salesforce's
/// side like every other record the step wrote, so each link the sync makes keeps its association row (an empty
/// Synced row when the lookup is empty), whether or not a kill came between. A created record's lookup needs no read:
/// the create wrote none. A found one's is read first (one retrieve per 200), as for any record never carried.
/// HubSpot's associations are not read here (no call): the pass's scan still reads them (see <see cref="MarkDecided"/>),
/// and so does a pass where HubSpot's record changes; an association found then is a change made in HubSpot, carried
/// to the lookup.
/// </summary>
public sealed partial class AssociationSync
{
    /// <summary>How a step gave the record its Salesforce side, if it did.</summary>
    private enum MadeBy
    {
        None,
        Create,
        Upsert,
    }

    /// <summary>One record as the association step sees it: ids, the Salesforce record when read, whether HubSpot's was read, how the step made it.</summary>
    private sealed record Input(string SalesforceId, string? HubSpotId, SalesforceRecord? Record, bool HubSpotRead)
    {
        public MadeBy Made { get; init; }
    }

    /// <summary>
    /// The records of a step's committed pairs, as inputs: the linked ones (one state read for their links) and those
    /// the step gave a Salesforce record. Pairs whose record did not reach the other side (a failed create) are left
    /// for the pass that links them.
    /// </summary>
    private async Task<List<Input>> InputsAsync(IEnumerable<RecordPair> pairs, CancellationToken cancellationToken)
    {
        var live = pairs.Where(p => p.Salesforce.State != SideState.Deleted && p.HubSpot.State != SideState.Deleted).ToList();
        var candidates = live.Where(p => p.SalesforceId is not null).ToList();
        var inputs = new List<Input>();
        if (candidates.Count > 0)
        {
            var links = await _state.GetLinksBySalesforceIdAsync(_runtime.Mapping.Name, candidates.Select(p => p.SalesforceId!).ToArray(), cancellationToken).ConfigureAwait(false);
            inputs.AddRange(candidates.Where(p => links.ContainsKey(p.SalesforceId!))
                .Select(p => new Input(p.SalesforceId!, links[p.SalesforceId!].HubSpotId, p.SalesforceRecord, p.HubSpotRecord is not null)));
        }

        inputs.AddRange(MadeInSalesforce(live));
        return inputs;
    }

    /// <summary>The pairs among <paramref name="pairs"/> whose Salesforce record the step created or found, and committed.</summary>
    private static List<Input> MadeInSalesforce(IEnumerable<RecordPair> pairs)
        => pairs.Where(p => p.SalesforceId is null && p.StepSalesforceId is not null && p.HubSpotId is not null)
            .Select(p => new Input(p.StepSalesforceId!, p.HubSpotId, null, HubSpotRead: false) { Made = p.StepCreatedSalesforce ? MadeBy.Create : MadeBy.Upsert })
            .ToList();

    /// <summary>
    /// Marks records decided this pass, so the retry of pending rows leaves them alone. Only those whose HubSpot
    /// associations were read are left alone by the scan too: a record decided on Salesforce's side alone (its
    /// Salesforce record changed, or the step made it) may still have an association added in HubSpot alone.
    /// </summary>
    private void MarkDecided(IEnumerable<Input> inputs)
    {
        foreach (var input in inputs)
        {
            _decided.Add(input.SalesforceId);
            if (input.HubSpotRead)
            {
                _compared.Add(input.SalesforceId);
            }
        }
    }

    /// <summary>True when the mapping also writes the association's lookup as a field, so a create may have set it.</summary>
    private bool WritesLookup(AssociationRuntime association)
        => _runtime.Mapping.Fields.Any(f => string.Equals(f.SalesforceField, association.Field, StringComparison.OrdinalIgnoreCase));
}
