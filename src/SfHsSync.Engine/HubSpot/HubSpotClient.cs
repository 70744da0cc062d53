using System.Collections.Concurrent;
using RestSharp;
using SfHsSync.Engine.Connections;
using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.HubSpot;

/// <summary>
/// The engine's HubSpot CRM client: schemas and properties, streamed reads, windowed change reads through search,
/// batches of 100 with one result per input, and associations, in the connection's API version (every path from
/// <see cref="HubSpotRoutes"/>). Every call is paced under the account's rolling
/// budget and the search limit, and retried as HubSpot's own SDK retries.
/// </summary>
public sealed partial class HubSpotClient : IDisposable
{
    /// <summary>HubSpot's cap on inputs per batch call of the objects API.</summary>
    public const int BatchSize = 100;

    private static readonly IReadOnlyDictionary<string, string> StandardObjectTypeIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["contacts"] = "0-1",
        ["companies"] = "0-2",
        ["deals"] = "0-3",
        ["tickets"] = "0-5",
        ["products"] = "0-7",
        ["line_items"] = "0-8",
        ["quotes"] = "0-14",
        ["leads"] = "0-136",
    };

    private readonly HubSpotTransport _transport;
    private readonly HubSpotRoutes _routes;
    private readonly ConcurrentDictionary<string, HubSpotObjectSchema> _schemas = new(StringComparer.OrdinalIgnoreCase);

    public HubSpotClient(HubSpotConnection connection, HubSpotClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Options = options ?? new HubSpotClientOptions();
        Options.Validate();
        Connection = connection;
        _transport = new HubSpotTransport(connection, Options);
        _routes = new HubSpotRoutes(connection.ApiVersion);
    }

    public HubSpotConnection Connection { get; }

    public HubSpotClientOptions Options { get; }

    /// <summary>The API version every call uses (the connection's).</summary>
    public HubSpotApiVersion ApiVersion => _routes.Version;

    /// <summary>HTTP calls sent so far, retries included.</summary>
    public long ApiCallCount => _transport.CallCount;

    /// <summary>The account's daily request limit as HubSpot's last answer reported it; null before any did.</summary>
    public int? DailyLimit => _transport.DailyLimit;

    /// <summary>429 answers met so far (each was retried unless it was the DAILY limit).</summary>
    public long RateLimitHitCount => _transport.RateLimitedCount;

    /// <summary>Calls sent again after a 429, 423, 5xx or dropped connection.</summary>
    public long RetryCount => _transport.RetryCount;

    /// <summary>The calls sent again so far, by kind (a run records the difference over its life).</summary>
    public RetryCounter Retries => _transport.Retries;

    /// <summary>The standard objects (contacts, companies...) <see cref="GetSchemaAsync"/> knows by name.</summary>
    public static IReadOnlyList<string> StandardObjectNames { get; } = StandardObjectTypeIds.Keys.ToArray();

    /// <summary>The rolling budget as last learned from HubSpot's headers (or the initial guess).</summary>
    public int RequestsPerInterval => _transport.Pacer.RequestsPerInterval;

    public TimeSpan RateLimitInterval => _transport.Pacer.Interval;

    /// <summary>Every custom object schema of the account (standard objects have none; see <see cref="GetSchemaAsync"/>).</summary>
    public async Task<IReadOnlyList<HubSpotObjectSchema>> GetSchemasAsync(CancellationToken cancellationToken = default)
    {
        var list = await _transport.SendAsync<WireSchemaList>(new RestRequest(_routes.Schemas.List()), HubSpotCallKind.Standard, "schemas", cancellationToken).ConfigureAwait(false);
        var schemas = list.Results.Where(s => s.Archived != true).Select(ToSchema).ToList();
        foreach (var schema in schemas)
        {
            Remember(schema);
        }

        return schemas;
    }

    /// <summary>
    /// The schema of one object type: a custom object by name, objectTypeId or fully qualified name, or a standard
    /// object (companies, contacts...) built from the properties API. Cached per client.
    /// </summary>
    public async Task<HubSpotObjectSchema> GetSchemaAsync(string objectType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectType);
        if (_schemas.TryGetValue(objectType, out var cached))
        {
            return cached;
        }

        HubSpotObjectSchema schema;
        if (TryStandard(objectType, out var name, out var typeId))
        {
            var properties = await GetPropertiesAsync(name, cancellationToken).ConfigureAwait(false);
            schema = new HubSpotObjectSchema { Name = name, ObjectTypeId = typeId, FullyQualifiedName = name, Properties = properties };
        }
        else
        {
            var wire = await _transport.SendAsync<WireSchema>(
                new RestRequest(_routes.Schemas.One(objectType)), HubSpotCallKind.Standard, objectType, cancellationToken).ConfigureAwait(false);
            schema = ToSchema(wire);
        }

        Remember(schema);
        _schemas[objectType] = schema;
        return schema;
    }

    /// <summary>The properties of any object type, from the properties API.</summary>
    public async Task<IReadOnlyList<HubSpotPropertyDescription>> GetPropertiesAsync(string objectType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectType);
        var list = await _transport.SendAsync<WirePropertyList>(
            new RestRequest(_routes.Properties.List(objectType)), HubSpotCallKind.Standard, objectType, cancellationToken).ConfigureAwait(false);
        return list.Results.Where(p => p.Archived != true).Select(ToProperty).ToList();
    }

    /// <summary>Forgets cached schemas, e.g. after a schema changed.</summary>
    public void ClearSchemaCache() => _schemas.Clear();

    private void Remember(HubSpotObjectSchema schema)
    {
        foreach (var key in new[] { schema.Name, schema.ObjectTypeId, schema.FullyQualifiedName })
        {
            if (!string.IsNullOrEmpty(key))
            {
                _schemas[key] = schema;
            }
        }
    }

    private static bool TryStandard(string objectType, out string name, out string typeId)
    {
        foreach (var (knownName, knownId) in StandardObjectTypeIds)
        {
            if (string.Equals(objectType, knownName, StringComparison.OrdinalIgnoreCase) || string.Equals(objectType, knownId, StringComparison.Ordinal))
            {
                (name, typeId) = (knownName, knownId);
                return true;
            }
        }

        (name, typeId) = (string.Empty, string.Empty);
        return false;
    }

    private static HubSpotObjectSchema ToSchema(WireSchema wire) => new()
    {
        Id = wire.Id,
        Name = wire.Name,
        // The schemas API lists custom objects only; its ObjectSchema does not require objectTypeId, which is "2-" and the id.
        ObjectTypeId = wire.ObjectTypeId ?? "2-" + wire.Id,
        FullyQualifiedName = wire.FullyQualifiedName,
        PrimaryDisplayProperty = wire.PrimaryDisplayProperty,
        RequiredProperties = wire.RequiredProperties ?? new List<string>(),
        SearchableProperties = wire.SearchableProperties ?? new List<string>(),
        SecondaryDisplayProperties = wire.SecondaryDisplayProperties ?? new List<string>(),
        SingularLabel = wire.Labels?.Singular,
        PluralLabel = wire.Labels?.Plural,
        Description = wire.Description,
        Properties = (wire.Properties ?? new List<WireProperty>()).Where(p => p.Archived != true).Select(ToProperty).ToList(),
        Associations = (wire.Associations ?? new List<WireAssociationDefinition>())
            .Select(a => new HubSpotAssociationDefinition(a.Id, a.FromObjectTypeId, a.ToObjectTypeId, a.Name)).ToList(),
    };

    private static HubSpotPropertyDescription ToProperty(WireProperty p) => new()
    {
        Name = p.Name,
        Label = p.Label ?? string.Empty,
        Type = p.Type,
        FieldType = p.FieldType,
        Options = (p.Options ?? new List<WireOption>()).Select(o => new HubSpotPropertyOption(o.Value, o.Label, o.Hidden) { DisplayOrder = o.DisplayOrder }).ToList(),
        GroupName = p.GroupName,
        Description = p.Description,
        HubSpotDefined = p.HubSpotDefined ?? false,
        CalculationFormula = p.CalculationFormula,
        HasUniqueValue = p.HasUniqueValue ?? false,
        Calculated = p.Calculated ?? false,
        ReadOnlyValue = p.ModificationMetadata?.ReadOnlyValue ?? false,
    };

    public void Dispose() => _transport.Dispose();

    public override string ToString() => $"HubSpotClient ({Connection})";
}
