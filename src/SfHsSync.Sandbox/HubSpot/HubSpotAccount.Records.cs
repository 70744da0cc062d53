using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>Records: checked writes (create, update, upsert, archive), reads, and the JSON HubSpot answers with.</summary>
public sealed partial class HubSpotAccount
{
    private const int MaxBatchInputs = 100;
    private const int MaxListLimit = 100;

    /// <summary>Creates records directly (no HTTP, one lock), with every check the API makes; returns their ids.</summary>
    /// <exception cref="HubSpotApiException">A value is refused; records before it were created.</exception>
    public IReadOnlyList<string> CreateRecords(string objectType, IEnumerable<IReadOnlyDictionary<string, string>> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        lock (_gate)
        {
            var type = TypeOrThrow(objectType);
            var ids = new List<string>();
            foreach (var values in records)
            {
                ids.Add(IdText(CreateLocked(type, values.ToDictionary(kv => kv.Key, kv => (string?)kv.Value), [], null).Id));
            }

            return ids;
        }
    }

    /// <summary>Creates one record directly; returns its id.</summary>
    public string CreateRecord(string objectType, IReadOnlyDictionary<string, string> properties) => CreateRecords(objectType, [properties])[0];

    /// <summary>Updates a record directly, as PATCH does ("" clears a value).</summary>
    public void UpdateRecord(string objectType, string id, IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        lock (_gate)
        {
            var type = TypeOrThrow(objectType);
            var record = LiveRecord(type, id, null);
            var values = CheckValues(type, properties.ToDictionary(kv => kv.Key, kv => (string?)kv.Value), [], creating: false, record);
            Apply(type, record, values);
        }
    }

    /// <summary>Archives a record directly, as DELETE does.</summary>
    public void ArchiveRecord(string objectType, string id)
    {
        lock (_gate)
        {
            var type = TypeOrThrow(objectType);
            Archive(type, LiveRecord(type, id, null));
        }
    }

    /// <summary>A record by id, archived or not; null when there is none.</summary>
    public HubSpotRecordSnapshot? FindRecord(string objectType, string id)
    {
        lock (_gate)
        {
            return TypeOrThrow(objectType).Find(id)?.Snapshot();
        }
    }

    /// <summary>The live record holding a value of a unique-value property (e.g. salesforce_id); null when there is none.</summary>
    public HubSpotRecordSnapshot? FindRecordByUniqueValue(string objectType, string property, string value)
    {
        lock (_gate)
        {
            return TypeOrThrow(objectType).FindUnique(property, value)?.Snapshot();
        }
    }

    /// <summary>Records in id order.</summary>
    public IReadOnlyList<HubSpotRecordSnapshot> Records(string objectType, bool includeArchived = false)
    {
        lock (_gate)
        {
            return TypeOrThrow(objectType).RecordsInIdOrder.Where(r => includeArchived || !r.Archived).Select(r => r.Snapshot()).ToArray();
        }
    }

    public int CountRecords(string objectType, bool includeArchived = false)
    {
        lock (_gate)
        {
            return TypeOrThrow(objectType).RecordsInIdOrder.Count(r => includeArchived || !r.Archived);
        }
    }

    internal JsonObject ListJson(string objectType, string? limitText, string? after, IReadOnlyList<string> properties, bool archived, string path)
    {
        var limit = ParseLimit(limitText, 10, MaxListLimit);
        long start = 0;
        if (!string.IsNullOrEmpty(after) && !long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out start))
        {
            throw new HubSpotApiException(HubSpotError.Validation($"'after' must be the paging token from a previous page; '{after}' is not."));
        }

        lock (_gate)
        {
            var type = TypeOrThrow(objectType);
            var all = type.RecordsInIdOrder;
            var results = new JsonArray();
            HubSpotRecord? next = null;
            for (var i = type.IndexAtOrAfter(start); i < all.Count; i++)
            {
                if (all[i].Archived != archived)
                {
                    continue;
                }

                if (results.Count == limit)
                {
                    next = all[i];
                    break;
                }

                results.Add(RecordJson(type, all[i], properties));
            }

            var body = new JsonObject { ["results"] = results };
            if (next is not null)
            {
                var token = IdText(next.Id);
                body["paging"] = new JsonObject
                {
                    ["next"] = new JsonObject
                    {
                        ["after"] = token,
                        ["link"] = new Uri(BaseUrl, path.TrimStart('/') + "?after=" + token).ToString(),
                    },
                };
            }

            return body;
        }
    }

    internal JsonObject GetJson(string objectType, string id, string? idProperty, IReadOnlyList<string> properties, bool archived, IReadOnlyList<string> associations)
    {
        lock (_gate)
        {
            var type = TypeOrThrow(objectType);
            var record = FindBy(type, id, idProperty);
            if (record is null || record.Archived != archived)
            {
                throw new HubSpotApiException(HubSpotError.NotFound(NotFoundMessage(type, id, idProperty)));
            }

            var json = RecordJson(type, record, properties);
            if (associations.Count > 0)
            {
                json["associations"] = AssociationsJson(type, record, associations);
            }

            return json;
        }
    }

    internal JsonObject CreateJson(string objectType, JsonElement body)
    {
        lock (_gate)
        {
            var type = TypeOrThrow(objectType);
            var (values, shapeProblems) = ReadProperties(body);
            var record = CreateLocked(type, values, shapeProblems, AssociationInputs(body));
            return WrittenJson(type, record, values.Keys);
        }
    }

    internal JsonObject UpdateJson(string objectType, string id, string? idProperty, JsonElement body)
    {
        lock (_gate)
        {
            var type = TypeOrThrow(objectType);
            var record = LiveRecord(type, id, idProperty);
            var (values, shapeProblems) = ReadProperties(body);
            Apply(type, record, CheckValues(type, values, shapeProblems, creating: false, record));
            return WrittenJson(type, record, values.Keys);
        }
    }

    internal void ArchiveById(string objectType, string id, string? idProperty)
    {
        lock (_gate)
        {
            var type = TypeOrThrow(objectType);

            // HubSpot answers 204 whether or not the record exists.
            if (FindBy(type, id, idProperty) is { Archived: false } record)
            {
                Archive(type, record);
            }
        }
    }

    internal (JsonObject Body, int Status) BatchReadJson(string objectType, JsonElement body, bool archived)
    {
        var inputs = HubSpotJson.Inputs(body, MaxBatchInputs);
        var properties = HubSpotJson.Strings(body, "properties");
        var idProperty = HubSpotJson.String(body, "idProperty");
        var batch = new HubSpotBatchAnswer();
        lock (_gate)
        {
            var type = TypeOrThrow(objectType);
            CheckIdProperty(type, idProperty);
            var missing = new List<string>();
            foreach (var input in inputs)
            {
                var id = HubSpotJson.Id(input) ?? "";
                var record = FindBy(type, id, idProperty);
                if (record is null || record.Archived != archived)
                {
                    missing.Add(id);
                    continue;
                }

                batch.Results.Add(RecordJson(type, record, properties));
            }

            if (missing.Count > 0)
            {
                batch.Errors.Add(HubSpotError.NotFound($"Could not get some {type.Name} objects, they may be deleted or not exist. Check that ids are valid.")
                    with { Context = new Dictionary<string, IReadOnlyList<string>> { ["ids"] = missing } });
            }
        }

        return batch.ToJson(200);
    }

    internal (JsonObject Body, int Status) BatchCreateJson(string objectType, JsonElement body)
    {
        var inputs = HubSpotJson.Inputs(body, MaxBatchInputs);
        var batch = new HubSpotBatchAnswer();
        lock (_gate)
        {
            var type = TypeOrThrow(objectType);
            for (var i = 0; i < inputs.Count; i++)
            {
                var trace = HubSpotJson.String(inputs[i], "objectWriteTraceId");
                try
                {
                    var (values, shapeProblems) = ReadProperties(inputs[i]);
                    var record = CreateLocked(type, values, shapeProblems, AssociationInputs(inputs[i]));
                    batch.Results.Add(WithTrace(WrittenJson(type, record, values.Keys), trace));
                }
                catch (HubSpotApiException e)
                {
                    batch.Errors.Add(InputError(e.Error, i, trace, null));
                }
            }
        }

        return batch.ToJson(201);
    }

    internal (JsonObject Body, int Status) BatchUpdateJson(string objectType, JsonElement body)
    {
        var inputs = HubSpotJson.Inputs(body, MaxBatchInputs);
        RefuseDuplicateIds(inputs);
        var batch = new HubSpotBatchAnswer();
        lock (_gate)
        {
            var type = TypeOrThrow(objectType);
            for (var i = 0; i < inputs.Count; i++)
            {
                var id = HubSpotJson.Id(inputs[i]) ?? "";
                var trace = HubSpotJson.String(inputs[i], "objectWriteTraceId");
                try
                {
                    var record = LiveRecord(type, id, HubSpotJson.String(inputs[i], "idProperty"));
                    var (values, shapeProblems) = ReadProperties(inputs[i]);
                    Apply(type, record, CheckValues(type, values, shapeProblems, creating: false, record));
                    batch.Results.Add(WithTrace(WrittenJson(type, record, values.Keys), trace));
                }
                catch (HubSpotApiException e)
                {
                    batch.Errors.Add(InputError(e.Error, i, trace, id));
                }
            }
        }

        return batch.ToJson(200);
    }

    internal (JsonObject Body, int Status) BatchUpsertJson(string objectType, JsonElement body)
    {
        var inputs = HubSpotJson.Inputs(body, MaxBatchInputs);
        RefuseDuplicateIds(inputs);
        var batch = new HubSpotBatchAnswer();
        lock (_gate)
        {
            var type = TypeOrThrow(objectType);
            for (var i = 0; i < inputs.Count; i++)
            {
                var id = HubSpotJson.Id(inputs[i]) ?? "";
                var trace = HubSpotJson.String(inputs[i], "objectWriteTraceId");
                try
                {
                    var idProperty = HubSpotJson.String(inputs[i], "idProperty")
                        ?? throw new HubSpotApiException(HubSpotError.Validation($"Upsert input {i} has no 'idProperty': name the unique-value property that 'id' holds."));
                    CheckIdProperty(type, idProperty);
                    var (values, shapeProblems) = ReadProperties(inputs[i]);
                    var existing = type.FindUnique(idProperty, id);
                    bool created;
                    HubSpotRecord record;
                    if (existing is not null)
                    {
                        Apply(type, existing, CheckValues(type, values, shapeProblems, creating: false, existing));
                        (record, created) = (existing, false);
                    }
                    else
                    {
                        if (idProperty == "hs_object_id")
                        {
                            throw new HubSpotApiException(HubSpotError.NotFound(NotFoundMessage(type, id, idProperty)));
                        }

                        values[idProperty] = id;
                        (record, created) = (CreateLocked(type, values, shapeProblems, []), true);
                    }

                    var json = WithTrace(WrittenJson(type, record, values.Keys), trace);
                    json["new"] = created;
                    batch.Results.Add(json);
                }
                catch (HubSpotApiException e)
                {
                    batch.Errors.Add(InputError(e.Error, i, trace, id));
                }
            }
        }

        return batch.ToJson(200);
    }

    internal void BatchArchive(string objectType, JsonElement body)
    {
        var inputs = HubSpotJson.Inputs(body, MaxBatchInputs);
        lock (_gate)
        {
            var type = TypeOrThrow(objectType);
            foreach (var input in inputs)
            {
                if (type.Find(HubSpotJson.Id(input) ?? "") is { Archived: false } record)
                {
                    Archive(type, record);
                }
            }
        }
    }

    private HubSpotRecord CreateLocked(HubSpotObjectType type, Dictionary<string, string?> values, IReadOnlyList<PropertyProblem> shapeProblems, IReadOnlyList<(long ToId, string ToTypeId, HubSpotAssociationType Type)>? associations)
    {
        var normalized = CheckValues(type, values, shapeProblems, creating: true, null);
        var links = associations ?? [];
        var now = Clock.Now();
        var record = new HubSpotRecord(NextRecordId(), now);
        foreach (var (name, value) in normalized)
        {
            if (!string.IsNullOrEmpty(value))
            {
                record.Values[name] = value;
            }
        }

        Stamp(type, record, now);
        type.Add(record);
        foreach (var (toId, toTypeId, associationType) in links)
        {
            _graph.Link(type.ObjectTypeId, record.Id, toTypeId, toId, associationType);
        }

        return record;
    }

    private void Apply(HubSpotObjectType type, HubSpotRecord record, Dictionary<string, string?> normalized)
    {
        type.Unindex(record);
        foreach (var (name, value) in normalized)
        {
            if (string.IsNullOrEmpty(value))
            {
                record.Values.Remove(name);
            }
            else
            {
                record.Values[name] = value;
            }
        }

        Stamp(type, record, Clock.Now());
        type.Index(record);
        type.Touch();
    }

    private void Archive(HubSpotObjectType type, HubSpotRecord record)
    {
        type.Unindex(record);
        record.Archived = true;
        record.ArchivedAt = Clock.Now();
        type.Touch();
    }

    private void Stamp(HubSpotObjectType type, HubSpotRecord record, DateTimeOffset now)
    {
        foreach (var (name, formula) in type.Formulas)
        {
            if (formula.Evaluate(record.Values) is { } result)
            {
                record.Values[name] = HubSpotValueRules.FormatNumber(Math.Round(result, 10));
            }
            else
            {
                record.Values.Remove(name);
            }
        }

        record.UpdatedAt = now;
        record.SearchableAt = DateTimeOffset.UtcNow + Options.SearchableDelay;
        var created = HubSpotJson.Timestamp(record.CreatedAt);
        var modified = HubSpotJson.Timestamp(now);
        record.Values["hs_object_id"] = IdText(record.Id);
        record.Values["hs_createdate"] = created;
        record.Values["hs_lastmodifieddate"] = modified;
        if (type.Properties.ContainsKey("createdate"))
        {
            record.Values["createdate"] = created;
        }

        if (type.Properties.ContainsKey("lastmodifieddate"))
        {
            record.Values["lastmodifieddate"] = modified;
        }
    }

    /// <summary>Checks a write as HubSpot does and gives the stored forms (null or "": clear); unique clashes are 409.</summary>
    private static Dictionary<string, string?> CheckValues(HubSpotObjectType type, Dictionary<string, string?> values, IReadOnlyList<PropertyProblem> shapeProblems, bool creating, HubSpotRecord? existing)
    {
        var problems = new List<PropertyProblem>(shapeProblems);
        var normalized = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, raw) in values)
        {
            var property = type.Property(name);
            if (property is null)
            {
                problems.Add(new PropertyProblem(name, "PROPERTY_DOESNT_EXIST", $"Property \"{name}\" does not exist"));
                continue;
            }

            if (property.ReadOnlyValue)
            {
                problems.Add(new PropertyProblem(name, "READ_ONLY_VALUE",
                    property.Calculated ? $"{name} is a calculated property; its value cannot be set." : $"{name} is a read only property; its value cannot be set."));
                continue;
            }

            if (string.IsNullOrEmpty(raw))
            {
                normalized[name] = null;
                continue;
            }

            var (value, problem) = HubSpotValueRules.Normalize(property, raw);
            if (problem is not null)
            {
                problems.Add(problem);
            }
            else
            {
                normalized[name] = value;
            }
        }

        foreach (var required in type.RequiredProperties)
        {
            var has = normalized.TryGetValue(required, out var v)
                ? !string.IsNullOrEmpty(v)
                : !creating && existing is not null && existing.Values.ContainsKey(required);
            if (!has && !problems.Any(p => p.PropertyName == required))
            {
                problems.Add(new PropertyProblem(required, "REQUIRED_PROPERTY", $"{required} is a required property of {type.FullyQualifiedName} and cannot be empty."));
            }
        }

        if (HubSpotApiVersions.AppliesAdminRules(HubSpotCallVersion.Current))
        {
            string? ValueAfter(string name) => normalized.TryGetValue(name, out var given) ? given : creating ? null : existing?.Values.GetValueOrDefault(name);
            problems.AddRange(type.AdminRules.Select(r => r.Check(ValueAfter, creating)).OfType<PropertyProblem>().Where(p => problems.All(q => q.PropertyName != p.PropertyName)));
        }

        if (problems.Count > 0)
        {
            throw new HubSpotApiException(HubSpotError.InvalidValues(problems));
        }

        foreach (var (name, value) in normalized)
        {
            if (value is not null && type.Property(name)!.HasUniqueValue && type.FindUnique(name, value) is { } holder && holder != existing)
            {
                throw new HubSpotApiException(HubSpotError.Conflict(
                    $"A {type.Name} record with {name} '{value}' already exists. Existing ID: {IdText(holder.Id)}")
                    with { Context = new Dictionary<string, IReadOnlyList<string>> { ["propertyName"] = [name], ["existingId"] = [IdText(holder.Id)] } });
            }
        }

        return normalized;
    }

    /// <summary>The "properties" member of an input: HubSpot takes every value as a string (null clears).</summary>
    private static (Dictionary<string, string?> Values, List<PropertyProblem> Problems) ReadProperties(JsonElement input)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var problems = new List<PropertyProblem>();
        if (!input.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            throw new HubSpotApiException(HubSpotError.Validation("'properties' is required and must be an object of property names to string values."));
        }

        foreach (var p in properties.EnumerateObject())
        {
            switch (p.Value.ValueKind)
            {
                case JsonValueKind.String:
                    values[p.Name] = p.Value.GetString();
                    break;
                case JsonValueKind.Null:
                    values[p.Name] = null;
                    break;
                default:
                    problems.Add(new PropertyProblem(p.Name, "INVALID_TYPE", $"{p.Name} has a {p.Value.ValueKind.ToString().ToLowerInvariant()} value; every property value must be a string."));
                    break;
            }
        }

        return (values, problems);
    }

    private HubSpotRecord? FindBy(HubSpotObjectType type, string id, string? idProperty)
    {
        if (string.IsNullOrEmpty(idProperty) || idProperty == "hs_object_id")
        {
            return type.Find(id);
        }

        CheckIdProperty(type, idProperty);
        return type.FindUnique(idProperty, id);
    }

    private HubSpotRecord LiveRecord(HubSpotObjectType type, string id, string? idProperty) =>
        FindBy(type, id, idProperty) is { Archived: false } record
            ? record
            : throw new HubSpotApiException(HubSpotError.NotFound(NotFoundMessage(type, id, idProperty))
                with { Context = new Dictionary<string, IReadOnlyList<string>> { ["ids"] = [id] } });

    private static void CheckIdProperty(HubSpotObjectType type, string? idProperty)
    {
        if (string.IsNullOrEmpty(idProperty) || idProperty == "hs_object_id")
        {
            return;
        }

        if (type.Property(idProperty) is not { HasUniqueValue: true })
        {
            throw new HubSpotApiException(HubSpotError.Validation(
                $"idProperty '{idProperty}' is not a unique-value property of {type.FullyQualifiedName}; only hs_object_id and unique-value properties can identify records."));
        }
    }

    private static string NotFoundMessage(HubSpotObjectType type, string id, string? idProperty) =>
        string.IsNullOrEmpty(idProperty) || idProperty == "hs_object_id"
            ? $"No {type.Name} record with id '{id}'."
            : $"No {type.Name} record with {idProperty} '{id}'.";

    private static void RefuseDuplicateIds(IReadOnlyList<JsonElement> inputs)
    {
        var duplicates = inputs.Select(HubSpotJson.Id).Where(id => id is not null).GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key!).ToArray();
        if (duplicates.Length > 0)
        {
            throw new HubSpotApiException(HubSpotError.Validation($"Duplicate IDs found in batch input: [{string.Join(", ", duplicates)}]. IDs must be unique."));
        }
    }

    private static HubSpotError InputError(HubSpotError error, int index, string? trace, string? id)
    {
        var context = new Dictionary<string, IReadOnlyList<string>>(error.Context)
        {
            ["inputIndex"] = [index.ToString(CultureInfo.InvariantCulture)],
        };
        if (trace is not null)
        {
            context["objectWriteTraceId"] = [trace];
        }

        if (id is not null && !context.ContainsKey("ids"))
        {
            context["ids"] = [id];
        }

        return error with { Context = context };
    }

    private static JsonObject WithTrace(JsonObject json, string? trace)
    {
        if (trace is not null)
        {
            json["objectWriteTraceId"] = trace;
        }

        return json;
    }

    internal static int ParseLimit(string? text, int fallback, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 && limit <= max
            ? limit
            : throw new HubSpotApiException(HubSpotError.Validation($"'limit' must be a whole number from 1 to {max}; '{text}' is not."));
    }

    /// <summary>A write's answer: HubSpot echoes the properties written, beside the default read properties.</summary>
    private static JsonObject WrittenJson(HubSpotObjectType type, HubSpotRecord record, IEnumerable<string> written)
        => RecordJson(type, record, type.DefaultProperties.Concat(written).ToList());

    /// <summary>The "SimplePublicObject" schema: requested properties plus those HubSpot always returns; unset ones are left out.</summary>
    private static JsonObject RecordJson(HubSpotObjectType type, HubSpotRecord record, IReadOnlyList<string> requested)
    {
        var properties = new JsonObject();
        var names = requested.Count == 0 ? type.DefaultProperties.Concat(type.AlwaysReturned) : requested.Concat(type.AlwaysReturned);
        foreach (var name in names.Distinct())
        {
            if (record.Values.TryGetValue(name, out var value))
            {
                properties[name] = value;
            }
        }

        var json = new JsonObject
        {
            ["id"] = IdText(record.Id),
            ["properties"] = properties,
            ["createdAt"] = HubSpotJson.Timestamp(record.CreatedAt),
            ["updatedAt"] = HubSpotJson.Timestamp(record.UpdatedAt),
            ["archived"] = record.Archived,
        };
        if (record.ArchivedAt is { } archivedAt)
        {
            json["archivedAt"] = HubSpotJson.Timestamp(archivedAt);
        }

        return json;
    }
}
