using RestSharp;

namespace SfHsSync.Engine.HubSpot;

public sealed partial class HubSpotClient
{
    /// <summary>
    /// Reads records by id (or by the values of the unique property <paramref name="idProperty"/>), 100 a call;
    /// one result per id, in the order given; an id HubSpot does not know fails with OBJECT_NOT_FOUND.
    /// </summary>
    public Task<IReadOnlyList<HubSpotBatchResult>> BatchReadAsync(
        string objectType,
        IReadOnlyList<string> ids,
        IEnumerable<string> properties,
        string? idProperty = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectType);
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = properties.ToList();
        if (idProperty is not null && !wanted.Contains(idProperty, StringComparer.Ordinal))
        {
            wanted.Add(idProperty);
        }

        return InChunksAsync(ids, (chunk, offset, token) => SendObjectBatchAsync(
            objectType,
            "read",
            new WireBatchRead(chunk.Select(id => new WireObjectId(id)).ToList(), wanted, new List<string>(), idProperty),
            new HubSpotBatchMatcher(offset, chunk.ToList()!),
            o => idProperty is null ? o.Id : o.Properties?.GetValueOrDefault(idProperty),
            token), cancellationToken);
    }

    /// <summary>Creates records, 100 a call, with any associations given; one result per input, in the order given.</summary>
    public Task<IReadOnlyList<HubSpotBatchResult>> BatchCreateAsync(string objectType, IReadOnlyList<HubSpotCreateInput> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectType);
        ArgumentNullException.ThrowIfNull(inputs);
        return InChunksAsync(inputs, (chunk, offset, token) => SendObjectBatchAsync(
            objectType,
            "create",
            new WireInputs<WireCreateInput>(chunk.Select((input, i) => new WireCreateInput(
                new Dictionary<string, string>(input.Properties),
                input.Associations.Select(a => new WireAssociationForCreate(new WireObjectId(a.ToId), new List<WireAssociationSpec> { Spec(a.Type) })).ToList(),
                Trace(i))).ToList()),
            new HubSpotBatchMatcher(offset, new string?[chunk.Count]),
            _ => null,
            token), cancellationToken);
    }

    /// <summary>Updates records named by id (or by the unique property <paramref name="idProperty"/>), 100 a call.</summary>
    public Task<IReadOnlyList<HubSpotBatchResult>> BatchUpdateAsync(
        string objectType,
        IReadOnlyList<HubSpotUpdateInput> inputs,
        string? idProperty = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectType);
        ArgumentNullException.ThrowIfNull(inputs);
        return InChunksAsync(inputs, (chunk, offset, token) => SendObjectBatchAsync(
            objectType,
            "update",
            new WireInputs<WireUpdateInput>(chunk.Select((input, i) => new WireUpdateInput(input.Id, new Dictionary<string, string>(input.Properties), Trace(i), idProperty)).ToList()),
            new HubSpotBatchMatcher(offset, chunk.Select(c => (string?)c.Id).ToList()),
            o => idProperty is null ? o.Id : o.Properties?.GetValueOrDefault(idProperty),
            token), cancellationToken);
    }

    /// <summary>
    /// Creates or updates records named by the value of the unique property <paramref name="idProperty"/>, 100 a call;
    /// each result says whether the record is new.
    /// </summary>
    public Task<IReadOnlyList<HubSpotBatchResult>> BatchUpsertAsync(
        string objectType,
        string idProperty,
        IReadOnlyList<HubSpotUpsertInput> inputs,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectType);
        ArgumentException.ThrowIfNullOrEmpty(idProperty);
        ArgumentNullException.ThrowIfNull(inputs);
        return InChunksAsync(inputs, (chunk, offset, token) => SendObjectBatchAsync(
            objectType,
            "upsert",
            new WireInputs<WireUpsertInput>(chunk.Select((input, i) => new WireUpsertInput(input.IdValue, idProperty, new Dictionary<string, string>(input.Properties), Trace(i))).ToList()),
            new HubSpotBatchMatcher(offset, chunk.Select(c => (string?)c.IdValue).ToList()),
            o => o.Properties?.GetValueOrDefault(idProperty),
            token), cancellationToken);
    }

    /// <summary>Archives records by id, 100 a call; HubSpot answers 204 for the whole call.</summary>
    public Task<IReadOnlyList<HubSpotBatchResult>> BatchArchiveAsync(string objectType, IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectType);
        ArgumentNullException.ThrowIfNull(ids);
        return InChunksAsync(ids, async (chunk, offset, token) =>
        {
            var matcher = new HubSpotBatchMatcher(offset, chunk.ToList()!);
            var request = HubSpotTransport.Json(_routes.Objects.Batch(objectType, "archive"), Method.Post, new WireInputs<WireObjectId>(chunk.Select(id => new WireObjectId(id)).ToList()));
            var response = await _transport.SendAsync(request, HubSpotCallKind.Standard, objectType, token, returnRefusals: true).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                matcher.FailAll(RefusalOf(response));
            }

            matcher.SucceedRemaining();
            return matcher.Complete();
        }, cancellationToken);
    }

    private async Task<IReadOnlyList<HubSpotBatchResult>> SendObjectBatchAsync(
        string objectType,
        string operation,
        object body,
        HubSpotBatchMatcher matcher,
        Func<WireObject, string?> keyOfResult,
        CancellationToken cancellationToken)
    {
        var request = HubSpotTransport.Json(_routes.Objects.Batch(objectType, operation), Method.Post, body);
        var response = await _transport.SendAsync(request, HubSpotCallKind.Standard, objectType, cancellationToken, returnRefusals: true).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            matcher.FailAll(RefusalOf(response));
            return matcher.Complete();
        }

        var answer = _transport.Read<WireBatchObjects>(response, request);
        foreach (var result in answer.Results)
        {
            matcher.AddResult(result.ToRecord(), result.ObjectWriteTraceId, keyOfResult(result), result.New ?? false);
        }

        AddErrors(matcher, answer.Errors);
        return matcher.Complete();
    }

    private void AddErrors(HubSpotBatchMatcher matcher, List<WireError>? errors)
    {
        var secret = _transport.SecretForScrubbing();
        foreach (var error in errors ?? new List<WireError>())
        {
            var context = error.Context ?? new Dictionary<string, List<string>>();
            matcher.AddError(
                HubSpotFailure.ToRecordError(error, secret),
                context.GetValueOrDefault("objectWriteTraceId") ?? new List<string>(),
                (context.GetValueOrDefault("ids") ?? new List<string>()).Concat(context.GetValueOrDefault("id") ?? new List<string>()));
        }
    }

    private HubSpotRecordError RefusalOf(RestResponse response)
    {
        var error = HubSpotFailure.ReadError(response) ?? new WireError(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), "UNKNOWN", response.Content, null, null, null, null, null);
        return HubSpotFailure.ToRecordError(error, _transport.SecretForScrubbing());
    }

    private static async Task<IReadOnlyList<TResult>> InChunksAsync<TInput, TResult>(
        IReadOnlyList<TInput> inputs,
        Func<IReadOnlyList<TInput>, int, CancellationToken, Task<IReadOnlyList<TResult>>> send,
        CancellationToken cancellationToken,
        int size = BatchSize)
    {
        var results = new List<TResult>(inputs.Count);
        for (var offset = 0; offset < inputs.Count; offset += size)
        {
            var chunk = inputs.Skip(offset).Take(size).ToList();
            results.AddRange(await send(chunk, offset, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private static string Trace(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static WireAssociationSpec Spec(HubSpotAssociationType type) => new(type.WireCategory, type.TypeId);
}
