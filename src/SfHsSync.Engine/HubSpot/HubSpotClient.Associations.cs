using RestSharp;

namespace SfHsSync.Engine.HubSpot;

public sealed partial class HubSpotClient
{
    /// <summary>HubSpot's cap on inputs per associations batch/read call.</summary>
    public const int AssociationReadBatchSize = 1000;

    /// <summary>The association types (with labels) defined from <paramref name="fromObjectType"/> to <paramref name="toObjectType"/>.</summary>
    public async Task<IReadOnlyList<HubSpotAssociationType>> GetAssociationTypesAsync(string fromObjectType, string toObjectType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(fromObjectType);
        ArgumentException.ThrowIfNullOrEmpty(toObjectType);
        var list = await _transport.SendAsync<WireAssociationTypeList>(
            new RestRequest(_routes.Associations.Labels(fromObjectType, toObjectType)), HubSpotCallKind.Standard, $"{fromObjectType}->{toObjectType}", cancellationToken).ConfigureAwait(false);
        return list.Results.Select(ToType).ToList();
    }

    /// <summary>Defines a labelled association type; returns the types HubSpot created for it.</summary>
    public async Task<IReadOnlyList<HubSpotAssociationType>> CreateAssociationLabelAsync(
        string fromObjectType,
        string toObjectType,
        string label,
        string name,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var list = await _transport.SendAsync<WireAssociationTypeList>(
            HubSpotTransport.Json(_routes.Associations.Labels(fromObjectType, toObjectType), Method.Post, new WireLabelCreate(label, name)),
            HubSpotCallKind.Standard,
            $"{fromObjectType}->{toObjectType}",
            cancellationToken).ConfigureAwait(false);
        return list.Results.Select(ToType).ToList();
    }

    /// <summary>Creates associations, 100 a call; one result per input, in the order given.</summary>
    public Task<IReadOnlyList<HubSpotAssociationResult>> CreateAssociationsAsync(
        string fromObjectType,
        string toObjectType,
        IReadOnlyList<HubSpotAssociationInput> inputs,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(fromObjectType);
        ArgumentException.ThrowIfNullOrEmpty(toObjectType);
        ArgumentNullException.ThrowIfNull(inputs);
        return InChunksAsync(inputs, async (chunk, offset, token) =>
        {
            // A pair of ids is the key: results come back as from/to pairs, errors name the ids they are about.
            var matcher = new HubSpotBatchMatcher(offset, chunk.Select(a => (string?)PairKey(a.FromId, a.ToId)).ToList());
            var body = new WireInputs<WireAssociationCreate>(chunk
                .Select(a => new WireAssociationCreate(new WireObjectId(a.FromId), new WireObjectId(a.ToId), new List<WireAssociationSpec> { Spec(a.Type) }))
                .ToList());
            var request = HubSpotTransport.Json(_routes.Associations.Batch(fromObjectType, toObjectType, "create"), Method.Post, body);
            var response = await _transport.SendAsync(request, HubSpotCallKind.Standard, $"{fromObjectType}->{toObjectType}", token, returnRefusals: true).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                matcher.FailAll(RefusalOf(response));
            }
            else
            {
                var answer = _transport.Read<WireBatchAssociationCreated>(response, request);
                foreach (var pair in answer.Results)
                {
                    var key = PairKey(pair.FromObjectId, pair.ToObjectId);
                    matcher.AddResult(new HubSpotRecord(pair.FromObjectId, new Dictionary<string, string?>(), default, default, false), null, key, false);
                }

                AddErrors(matcher, answer.Errors);
            }

            return (IReadOnlyList<HubSpotAssociationResult>)matcher.Complete()
                .Select(r => new HubSpotAssociationResult(r.Index, inputs[r.Index], r.Error))
                .ToList();
        }, cancellationToken);
    }

    /// <summary>Every association from each of <paramref name="fromIds"/> to records of <paramref name="toObjectType"/>, following paging.</summary>
    public async Task<IReadOnlyList<HubSpotAssociationLink>> ReadAssociationsAsync(
        string fromObjectType,
        string toObjectType,
        IReadOnlyList<string> fromIds,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(fromObjectType);
        ArgumentException.ThrowIfNullOrEmpty(toObjectType);
        ArgumentNullException.ThrowIfNull(fromIds);
        var links = new List<HubSpotAssociationLink>();
        var pending = fromIds.Distinct(StringComparer.Ordinal).Select(id => new WireAssociationFetch(id)).ToList();
        while (pending.Count > 0)
        {
            var next = new List<WireAssociationFetch>();
            foreach (var chunk in pending.Chunk(AssociationReadBatchSize))
            {
                var request = HubSpotTransport.Json(_routes.Associations.Batch(fromObjectType, toObjectType, "read"), Method.Post, new WireInputs<WireAssociationFetch>(chunk.ToList()));
                var answer = await _transport.SendAsync<WireBatchAssociationRead>(request, HubSpotCallKind.Standard, $"{fromObjectType}->{toObjectType}", cancellationToken).ConfigureAwait(false);
                foreach (var result in answer.Results)
                {
                    links.AddRange(result.To.Select(to => new HubSpotAssociationLink(result.From.Id, to.ToObjectId, to.AssociationTypes.Select(ToType).ToList())));
                    if (result.Paging?.Next?.After is { Length: > 0 } after)
                    {
                        next.Add(new WireAssociationFetch(result.From.Id, after));
                    }
                }
            }

            pending = next;
        }

        return links;
    }

    /// <summary>Removes every association from each record to the records named, 100 inputs a call.</summary>
    public async Task ArchiveAssociationsAsync(
        string fromObjectType,
        string toObjectType,
        IReadOnlyList<HubSpotAssociationRemoval> removals,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(fromObjectType);
        ArgumentException.ThrowIfNullOrEmpty(toObjectType);
        ArgumentNullException.ThrowIfNull(removals);
        foreach (var chunk in removals.Chunk(BatchSize))
        {
            var body = new WireInputs<WireAssociationArchive>(chunk
                .Select(r => new WireAssociationArchive(new WireObjectId(r.FromId), r.ToIds.Select(id => new WireObjectId(id)).ToList()))
                .ToList());
            await _transport.SendAsync(
                HubSpotTransport.Json(_routes.Associations.Batch(fromObjectType, toObjectType, "archive"), Method.Post, body),
                HubSpotCallKind.Standard,
                $"{fromObjectType}->{toObjectType}",
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Removes one association type from each record to the records named, and no other type between them
    /// (batch/labels/archive), 100 pairs a call. HubSpot removes every type between two records when the type removed
    /// is the pair's unlabeled default, so use this for a labeled type and <see cref="ArchiveAssociationsAsync"/> otherwise.
    /// </summary>
    public async Task ArchiveAssociationTypeAsync(
        string fromObjectType,
        string toObjectType,
        IReadOnlyList<HubSpotAssociationRemoval> removals,
        HubSpotAssociationType type,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(fromObjectType);
        ArgumentException.ThrowIfNullOrEmpty(toObjectType);
        ArgumentNullException.ThrowIfNull(removals);
        ArgumentNullException.ThrowIfNull(type);
        var pairs = removals.SelectMany(r => r.ToIds.Select(to => new WireAssociationCreate(new WireObjectId(r.FromId), new WireObjectId(to), new List<WireAssociationSpec> { Spec(type) })));
        foreach (var chunk in pairs.Chunk(BatchSize))
        {
            await _transport.SendAsync(
                HubSpotTransport.Json(_routes.Associations.Batch(fromObjectType, toObjectType, "labels/archive"), Method.Post, new WireInputs<WireAssociationCreate>(chunk.ToList())),
                HubSpotCallKind.Standard,
                $"{fromObjectType}->{toObjectType}",
                cancellationToken).ConfigureAwait(false);
        }
    }

    private static HubSpotAssociationType ToType(WireAssociationSpecWithLabel wire)
        => new(wire.TypeId, HubSpotAssociationType.ParseCategory(wire.Category), wire.Label);

    private static string PairKey(string fromId, string toId) => fromId + "\u001f" + toId;
}
