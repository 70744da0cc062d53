using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>Associations v4: types (default and labeled) between object types, and links between records.</summary>
public sealed partial class HubSpotAccount
{
    private const int MaxAssociationReadInputs = 1_000;
    private const int MaxAssociationWriteInputs = 2_000;

    /// <summary>The association types from one object type to another (the unlabeled default first among equals by id).</summary>
    public IReadOnlyList<HubSpotAssociationType> AssociationTypes(string fromObjectType, string toObjectType)
    {
        lock (_gate)
        {
            return _graph.TypesBetween(TypeOrThrow(fromObjectType).ObjectTypeId, TypeOrThrow(toObjectType).ObjectTypeId).ToArray();
        }
    }

    /// <summary>Links two records directly, with the given type id or the pair's default type.</summary>
    public void Associate(string fromObjectType, string fromId, string toObjectType, string toId, int? associationTypeId = null)
    {
        lock (_gate)
        {
            var from = TypeOrThrow(fromObjectType);
            var to = TypeOrThrow(toObjectType);
            var fromRecord = LiveRecord(from, fromId, null);
            var toRecord = LiveRecord(to, toId, null);
            var type = associationTypeId is { } id
                ? CheckedType(from, to, id, null)
                : _graph.DefaultBetween(from.ObjectTypeId, to.ObjectTypeId)
                  ?? throw new HubSpotApiException(HubSpotError.Validation($"No default association type from {from.Name} to {to.Name}."));
            _graph.Link(from.ObjectTypeId, fromRecord.Id, to.ObjectTypeId, toRecord.Id, type);
        }
    }

    /// <summary>Ids of the records of <paramref name="toObjectType"/> linked to one record, in id order.</summary>
    public IReadOnlyList<string> AssociatedIds(string fromObjectType, string fromId, string toObjectType)
    {
        lock (_gate)
        {
            var from = TypeOrThrow(fromObjectType);
            var to = TypeOrThrow(toObjectType);
            var record = from.Find(fromId);
            return record is null ? [] : _graph.LinksOf(from.ObjectTypeId, record.Id, to.ObjectTypeId).Select(l => IdText(l.ToId)).ToArray();
        }
    }

    internal (JsonObject Body, int Status) BatchCreateAssociationsJson(string fromObjectType, string toObjectType, JsonElement body)
    {
        var inputs = HubSpotJson.Inputs(body, MaxAssociationWriteInputs);
        var batch = new HubSpotBatchAnswer();
        lock (_gate)
        {
            var from = TypeOrThrow(fromObjectType);
            var to = TypeOrThrow(toObjectType);
            for (var i = 0; i < inputs.Count; i++)
            {
                try
                {
                    var (fromRecord, toRecord) = LinkEnds(from, to, inputs[i]);
                    if (!inputs[i].TryGetProperty("types", out var types) || types.ValueKind != JsonValueKind.Array || types.GetArrayLength() == 0)
                    {
                        throw new HubSpotApiException(HubSpotError.Validation($"Association input {i} needs 'types': at least one associationCategory and associationTypeId."));
                    }

                    foreach (var spec in types.EnumerateArray())
                    {
                        var type = SpecType(from, to, spec);
                        _graph.Link(from.ObjectTypeId, fromRecord.Id, to.ObjectTypeId, toRecord.Id, type);
                    }

                    batch.Results.Add(LabelsBetween(from, fromRecord, to, toRecord));
                }
                catch (HubSpotApiException e)
                {
                    batch.Errors.Add(InputError(e.Error, i, null, null));
                }
            }
        }

        return batch.ToJson(201);
    }

    internal JsonObject BatchAssociateDefaultJson(string fromObjectType, string toObjectType, JsonElement body)
    {
        var inputs = HubSpotJson.Inputs(body, MaxAssociationWriteInputs);
        var batch = new HubSpotBatchAnswer();
        lock (_gate)
        {
            var from = TypeOrThrow(fromObjectType);
            var to = TypeOrThrow(toObjectType);
            var type = _graph.DefaultBetween(from.ObjectTypeId, to.ObjectTypeId)
                ?? throw new HubSpotApiException(HubSpotError.Validation($"There is no default association type from {from.Name} to {to.Name}."));
            for (var i = 0; i < inputs.Count; i++)
            {
                try
                {
                    var (fromRecord, toRecord) = LinkEnds(from, to, inputs[i]);
                    _graph.Link(from.ObjectTypeId, fromRecord.Id, to.ObjectTypeId, toRecord.Id, type);
                    batch.Results.Add(DefaultAssociationJson(fromRecord.Id, toRecord.Id, type));
                }
                catch (HubSpotApiException e)
                {
                    batch.Errors.Add(InputError(e.Error, i, null, null));
                }
            }
        }

        // The contract gives this call only a 200 answer; errors ride inside it.
        return batch.ToJson(200).Body;
    }

    internal (JsonObject Body, int Status) BatchReadAssociationsJson(string fromObjectType, string toObjectType, JsonElement body)
    {
        var inputs = HubSpotJson.Inputs(body, MaxAssociationReadInputs);
        var batch = new HubSpotBatchAnswer();
        lock (_gate)
        {
            var from = TypeOrThrow(fromObjectType);
            var to = TypeOrThrow(toObjectType);
            foreach (var input in inputs)
            {
                var id = HubSpotJson.Id(input) ?? "";
                var record = from.Find(id);
                var links = record is null || record.Archived ? [] : _graph.LinksOf(from.ObjectTypeId, record.Id, to.ObjectTypeId);
                if (links.Count == 0)
                {
                    batch.Errors.Add(HubSpotError.NotFound($"No {to.Name} is associated with {from.Name} {id}.")
                        with { Context = new Dictionary<string, IReadOnlyList<string>> { ["fromObjectId"] = [id] } });
                    continue;
                }

                batch.Results.Add(new JsonObject
                {
                    ["from"] = new JsonObject { ["id"] = id },
                    ["to"] = new JsonArray(links.Select(l => (JsonNode?)MultiAssociatedJson(l.ToId, l.TypeIds)).ToArray()),
                });
            }
        }

        return batch.ToJson(200);
    }

    internal void BatchArchiveAssociations(string fromObjectType, string toObjectType, JsonElement body)
    {
        var inputs = HubSpotJson.Inputs(body, MaxAssociationWriteInputs);
        lock (_gate)
        {
            var from = TypeOrThrow(fromObjectType);
            var to = TypeOrThrow(toObjectType);
            foreach (var input in inputs)
            {
                if (!input.TryGetProperty("from", out var fromRef) || from.Find(HubSpotJson.Id(fromRef) ?? "") is not { } fromRecord)
                {
                    continue;
                }

                if (input.TryGetProperty("to", out var targets) && targets.ValueKind == JsonValueKind.Array)
                {
                    foreach (var target in targets.EnumerateArray())
                    {
                        if (to.Find(HubSpotJson.Id(target) ?? "") is { } toRecord)
                        {
                            _graph.Unlink(from.ObjectTypeId, fromRecord.Id, to.ObjectTypeId, toRecord.Id);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// batch/labels/archive: removes the given association types between each pair, and only those; removing the
    /// pair's unlabeled (default) type removes every type between the two, as HubSpot documents.
    /// </summary>
    internal void BatchArchiveAssociationLabels(string fromObjectType, string toObjectType, JsonElement body)
    {
        var inputs = HubSpotJson.Inputs(body, MaxAssociationWriteInputs);
        lock (_gate)
        {
            var from = TypeOrThrow(fromObjectType);
            var to = TypeOrThrow(toObjectType);
            for (var i = 0; i < inputs.Count; i++)
            {
                if (!inputs[i].TryGetProperty("types", out var specs) || specs.ValueKind != JsonValueKind.Array || specs.GetArrayLength() == 0)
                {
                    throw new HubSpotApiException(HubSpotError.Validation($"Input {i} needs 'types': the association types to remove."));
                }

                var types = specs.EnumerateArray().Select(spec => SpecType(from, to, spec)).ToList();
                if (!inputs[i].TryGetProperty("from", out var fromRef) || from.Find(HubSpotJson.Id(fromRef) ?? "") is not { } fromRecord
                    || !inputs[i].TryGetProperty("to", out var toRef) || to.Find(HubSpotJson.Id(toRef) ?? "") is not { } toRecord)
                {
                    continue;
                }

                foreach (var type in types)
                {
                    if (type.Label is null)
                    {
                        _graph.Unlink(from.ObjectTypeId, fromRecord.Id, to.ObjectTypeId, toRecord.Id);
                    }
                    else
                    {
                        _graph.Unlink(from.ObjectTypeId, fromRecord.Id, to.ObjectTypeId, toRecord.Id, type);
                    }
                }
            }
        }
    }

    internal JsonObject ListAssociationsJson(string objectType, string objectId, string toObjectType, string? limitText, string? after)
    {
        var limit = ParseLimit(limitText, 500, 500);
        long start = 0;
        if (!string.IsNullOrEmpty(after) && !long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out start))
        {
            throw new HubSpotApiException(HubSpotError.Validation($"'after' must be the paging token from a previous page; '{after}' is not."));
        }

        lock (_gate)
        {
            var from = TypeOrThrow(objectType);
            var to = TypeOrThrow(toObjectType);
            var record = LiveRecord(from, objectId, null);
            var links = _graph.LinksOf(from.ObjectTypeId, record.Id, to.ObjectTypeId).Where(l => l.ToId >= start).ToArray();
            var body = new JsonObject
            {
                ["results"] = new JsonArray(links.Take(limit).Select(l => (JsonNode?)MultiAssociatedJson(l.ToId, l.TypeIds)).ToArray()),
            };
            if (links.Length > limit)
            {
                body["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = IdText(links[limit].ToId) } };
            }

            return body;
        }
    }

    internal JsonObject PutAssociationJson(string objectType, string objectId, string toObjectType, string toObjectId, JsonElement specs)
    {
        if (specs.ValueKind != JsonValueKind.Array || specs.GetArrayLength() == 0)
        {
            throw new HubSpotApiException(HubSpotError.Validation("The body must be a non-empty array of {associationCategory, associationTypeId}."));
        }

        lock (_gate)
        {
            var from = TypeOrThrow(objectType);
            var to = TypeOrThrow(toObjectType);
            var fromRecord = LiveRecord(from, objectId, null);
            var toRecord = LiveRecord(to, toObjectId, null);
            var types = specs.EnumerateArray().Select(s => SpecType(from, to, s)).ToArray();
            foreach (var type in types)
            {
                _graph.Link(from.ObjectTypeId, fromRecord.Id, to.ObjectTypeId, toRecord.Id, type);
            }

            return LabelsBetween(from, fromRecord, to, toRecord);
        }
    }

    internal JsonObject PutDefaultAssociationJson(string objectType, string objectId, string toObjectType, string toObjectId)
    {
        var batch = new HubSpotBatchAnswer();
        lock (_gate)
        {
            var from = TypeOrThrow(objectType);
            var to = TypeOrThrow(toObjectType);
            var fromRecord = LiveRecord(from, objectId, null);
            var toRecord = LiveRecord(to, toObjectId, null);
            var type = _graph.DefaultBetween(from.ObjectTypeId, to.ObjectTypeId)
                ?? throw new HubSpotApiException(HubSpotError.Validation($"There is no default association type from {from.Name} to {to.Name}."));
            _graph.Link(from.ObjectTypeId, fromRecord.Id, to.ObjectTypeId, toRecord.Id, type);
            batch.Results.Add(DefaultAssociationJson(fromRecord.Id, toRecord.Id, type));
        }

        return batch.ToJson(200).Body;
    }

    internal void DeleteAssociation(string objectType, string objectId, string toObjectType, string toObjectId)
    {
        lock (_gate)
        {
            var from = TypeOrThrow(objectType);
            var to = TypeOrThrow(toObjectType);
            if (from.Find(objectId) is { } fromRecord && to.Find(toObjectId) is { } toRecord)
            {
                _graph.Unlink(from.ObjectTypeId, fromRecord.Id, to.ObjectTypeId, toRecord.Id);
            }
        }
    }

    internal JsonObject LabelsJson(string fromObjectType, string toObjectType)
    {
        lock (_gate)
        {
            var from = TypeOrThrow(fromObjectType);
            var to = TypeOrThrow(toObjectType);
            return new JsonObject
            {
                ["results"] = new JsonArray(_graph.TypesBetween(from.ObjectTypeId, to.ObjectTypeId).Select(t => (JsonNode?)t.ToSpecWithLabel()).ToArray()),
            };
        }
    }

    /// <summary>Creates a labeled user-defined pair of types (POST .../labels {label, name, inverseLabel?}).</summary>
    internal JsonObject CreateLabelJson(string fromObjectType, string toObjectType, JsonElement body)
    {
        var label = HubSpotJson.String(body, "label");
        var name = HubSpotJson.String(body, "name");
        if (string.IsNullOrEmpty(label) || string.IsNullOrEmpty(name))
        {
            throw new HubSpotApiException(HubSpotError.Validation("A label needs 'label' and 'name'."));
        }

        lock (_gate)
        {
            var from = TypeOrThrow(fromObjectType);
            var to = TypeOrThrow(toObjectType);
            if (_graph.Types.Any(t => t.Name == name && t.FromObjectTypeId == from.ObjectTypeId && t.ToObjectTypeId == to.ObjectTypeId))
            {
                throw new HubSpotApiException(HubSpotError.Conflict($"An association label named '{name}' already exists from {from.Name} to {to.Name}."));
            }

            var inverseLabel = HubSpotJson.String(body, "inverseLabel");
            var forward = _graph.AddUserPair(from.ObjectTypeId, to.ObjectTypeId, name, name + "_inverse", label, inverseLabel, Clock.Now());
            var inverse = _graph.Type(forward.InverseTypeId)!;
            return new JsonObject { ["results"] = new JsonArray(forward.ToSpecWithLabel(), inverse.ToSpecWithLabel()) };
        }
    }

    /// <summary>The "associations" member of objects create inputs: [{to:{id}, types:[{associationCategory, associationTypeId}]}].</summary>
    private List<(long ToId, string ToTypeId, HubSpotAssociationType Type)> AssociationInputs(JsonElement input)
    {
        var links = new List<(long, string, HubSpotAssociationType)>();
        if (!input.TryGetProperty("associations", out var associations) || associations.ValueKind != JsonValueKind.Array)
        {
            return links;
        }

        foreach (var association in associations.EnumerateArray())
        {
            var toId = association.TryGetProperty("to", out var to) ? HubSpotJson.Id(to) : null;
            if (toId is null || !association.TryGetProperty("types", out var types) || types.ValueKind != JsonValueKind.Array)
            {
                throw new HubSpotApiException(HubSpotError.Validation("Each association needs 'to': {id} and 'types': [{associationCategory, associationTypeId}]."));
            }

            foreach (var spec in types.EnumerateArray())
            {
                var typeId = spec.TryGetProperty("associationTypeId", out var t) && t.TryGetInt32(out var n) ? n : -1;
                var type = _graph.Type(typeId)
                    ?? throw new HubSpotApiException(HubSpotError.Validation(string.Create(CultureInfo.InvariantCulture, $"associationTypeId {typeId} is not a known association type.")));
                var target = _types.First(x => x.ObjectTypeId == type.ToObjectTypeId);
                var record = target.Find(toId) is { Archived: false } r
                    ? r
                    : throw new HubSpotApiException(HubSpotError.NotFound($"Cannot associate with {target.Name} {toId}: no such record."));
                links.Add((record.Id, target.ObjectTypeId, type));
            }
        }

        return links;
    }

    private JsonObject AssociationsJson(HubSpotObjectType type, HubSpotRecord record, IReadOnlyList<string> requested)
    {
        var json = new JsonObject();
        foreach (var name in requested)
        {
            if (Resolve(name) is not { } to)
            {
                continue;
            }

            var results = new JsonArray();
            foreach (var (toId, typeIds) in _graph.LinksOf(type.ObjectTypeId, record.Id, to.ObjectTypeId))
            {
                foreach (var typeId in typeIds)
                {
                    results.Add(new JsonObject { ["id"] = IdText(toId), ["type"] = _graph.Type(typeId)?.Name ?? "" });
                }
            }

            if (results.Count > 0)
            {
                json[name] = new JsonObject { ["results"] = results };
            }
        }

        return json;
    }

    private (HubSpotRecord From, HubSpotRecord To) LinkEnds(HubSpotObjectType from, HubSpotObjectType to, JsonElement input)
    {
        var fromId = input.TryGetProperty("from", out var f) ? HubSpotJson.Id(f) : null;
        var toId = input.TryGetProperty("to", out var t) ? HubSpotJson.Id(t) : null;
        if (fromId is null || toId is null)
        {
            throw new HubSpotApiException(HubSpotError.Validation("An association input needs 'from': {id} and 'to': {id}."));
        }

        return (LiveRecord(from, fromId, null), LiveRecord(to, toId, null));
    }

    private HubSpotAssociationType SpecType(HubSpotObjectType from, HubSpotObjectType to, JsonElement spec)
    {
        var typeId = spec.TryGetProperty("associationTypeId", out var t) && t.TryGetInt32(out var n) ? n : -1;
        return CheckedType(from, to, typeId, HubSpotJson.String(spec, "associationCategory"));
    }

    private HubSpotAssociationType CheckedType(HubSpotObjectType from, HubSpotObjectType to, int typeId, string? category)
    {
        var type = _graph.Type(typeId);
        if (type is null || type.FromObjectTypeId != from.ObjectTypeId || type.ToObjectTypeId != to.ObjectTypeId)
        {
            var valid = string.Join(", ", _graph.TypesBetween(from.ObjectTypeId, to.ObjectTypeId).Select(x => $"{x.Category} {x.TypeId}"));
            throw new HubSpotApiException(HubSpotError.Validation(string.Create(CultureInfo.InvariantCulture,
                $"associationTypeId {typeId} is not an association type from {from.Name} to {to.Name}; valid: [{valid}].")));
        }

        if (category is not null && category != type.Category)
        {
            throw new HubSpotApiException(HubSpotError.Validation(string.Create(CultureInfo.InvariantCulture,
                $"associationTypeId {typeId} is {type.Category}, not {category}.")));
        }

        return type;
    }

    private JsonObject LabelsBetween(HubSpotObjectType from, HubSpotRecord fromRecord, HubSpotObjectType to, HubSpotRecord toRecord)
    {
        var typeIds = _graph.LinksOf(from.ObjectTypeId, fromRecord.Id, to.ObjectTypeId).FirstOrDefault(l => l.ToId == toRecord.Id).TypeIds ?? [];
        return new JsonObject
        {
            ["fromObjectTypeId"] = from.ObjectTypeId,
            ["fromObjectId"] = IdText(fromRecord.Id),
            ["toObjectTypeId"] = to.ObjectTypeId,
            ["toObjectId"] = IdText(toRecord.Id),
            ["labels"] = new JsonArray(typeIds.Select(id => _graph.Type(id)?.Label).Where(l => l is not null).Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
        };
    }

    private JsonObject MultiAssociatedJson(long toId, IReadOnlyCollection<int> typeIds) => new()
    {
        ["toObjectId"] = IdText(toId),
        ["associationTypes"] = new JsonArray(typeIds.Select(id => _graph.Type(id)).Where(t => t is not null).Select(t => (JsonNode?)t!.ToSpecWithLabel()).ToArray()),
    };

    private static JsonObject DefaultAssociationJson(long fromId, long toId, HubSpotAssociationType type) => new()
    {
        ["from"] = new JsonObject { ["id"] = IdText(fromId) },
        ["to"] = new JsonObject { ["id"] = IdText(toId) },
        ["associationSpec"] = new JsonObject { ["associationCategory"] = type.Category, ["associationTypeId"] = type.TypeId },
    };
}
