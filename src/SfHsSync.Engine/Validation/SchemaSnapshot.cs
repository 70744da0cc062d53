using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Metadata;
using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Engine.Validation;

/// <summary>
/// Both sides' metadata for one set of mappings, read once before any rule runs, so every rule is a pure check and a
/// set of mappings costs one global describe, one describe per Salesforce object, one schema list, one read per
/// standard or unknown HubSpot object, and one association-type read per object pair, however many rules look.
/// </summary>
public sealed class SchemaSnapshot
{
    private readonly Dictionary<string, SalesforceObjectSummary> _salesforceObjects;
    private readonly Dictionary<string, SalesforceObjectDescription> _descriptions;
    private readonly Dictionary<string, HubSpotObjectSchema?> _hubSpotObjects;
    private readonly Dictionary<(string From, string To), IReadOnlyList<HubSpotAssociationType>> _associationTypes;

    private SchemaSnapshot(
        IReadOnlyList<SalesforceObjectSummary> salesforceObjects,
        Dictionary<string, SalesforceObjectDescription> descriptions,
        IReadOnlyList<HubSpotObjectSchema> hubSpotCustomObjects,
        Dictionary<string, HubSpotObjectSchema?> hubSpotObjects,
        Dictionary<(string From, string To), IReadOnlyList<HubSpotAssociationType>> associationTypes)
    {
        SalesforceObjects = salesforceObjects;
        _salesforceObjects = new Dictionary<string, SalesforceObjectSummary>(StringComparer.OrdinalIgnoreCase);
        foreach (var summary in salesforceObjects)
        {
            _salesforceObjects.TryAdd(summary.Name, summary);
        }

        _descriptions = descriptions;
        HubSpotCustomObjects = hubSpotCustomObjects;
        _hubSpotObjects = hubSpotObjects;
        _associationTypes = associationTypes;
    }

    /// <summary>The HubSpot token's scopes (access-token information), or null when they are unknown.</summary>
    public IReadOnlyList<string>? HubSpotTokenScopes { get; private init; }

    /// <summary>Every object of the Salesforce org.</summary>
    public IReadOnlyList<SalesforceObjectSummary> SalesforceObjects { get; }

    /// <summary>Every custom object of the HubSpot account.</summary>
    public IReadOnlyList<HubSpotObjectSchema> HubSpotCustomObjects { get; }

    public static async Task<SchemaSnapshot> LoadAsync(IReadOnlyList<SyncMapping> mappings, ISchemaSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        ArgumentNullException.ThrowIfNull(source);

        // One call at a time on purpose: call counts stay deterministic and HubSpot's pacing sees no burst.
        var salesforceObjects = await source.GetSalesforceObjectsAsync(cancellationToken).ConfigureAwait(false);
        var known = salesforceObjects.GroupBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var descriptions = new Dictionary<string, SalesforceObjectDescription>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in mappings.Select(m => m.SalesforceObject).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (known.TryGetValue(name, out var summary)
                && await source.DescribeSalesforceObjectAsync(summary.Name, cancellationToken).ConfigureAwait(false) is { } description)
            {
                descriptions[name] = description;
            }
        }

        var customObjects = await source.GetHubSpotCustomObjectsAsync(cancellationToken).ConfigureAwait(false);
        var hubSpotObjects = new Dictionary<string, HubSpotObjectSchema?>(StringComparer.OrdinalIgnoreCase);
        var wanted = mappings.Select(m => m.HubSpotObject).Concat(mappings.SelectMany(m => m.Associations).Select(a => a.HubSpotObject));
        foreach (var name in wanted.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            hubSpotObjects[name] = customObjects.FirstOrDefault(s => s.IsNamed(name))
                                   ?? await source.GetHubSpotObjectAsync(name, cancellationToken).ConfigureAwait(false);
        }

        var associationTypes = new Dictionary<(string From, string To), IReadOnlyList<HubSpotAssociationType>>();
        foreach (var mapping in mappings)
        {
            if (hubSpotObjects[mapping.HubSpotObject] is not { } from)
            {
                continue;
            }

            foreach (var association in mapping.Associations)
            {
                if (hubSpotObjects[association.HubSpotObject] is { } to && !associationTypes.ContainsKey((from.ObjectTypeId, to.ObjectTypeId)))
                {
                    associationTypes[(from.ObjectTypeId, to.ObjectTypeId)] =
                        await source.GetHubSpotAssociationTypesAsync(from.ObjectTypeId, to.ObjectTypeId, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return new SchemaSnapshot(salesforceObjects, descriptions, customObjects, hubSpotObjects, associationTypes)
        {
            HubSpotTokenScopes = await source.GetHubSpotTokenScopesAsync(cancellationToken).ConfigureAwait(false),
            RecordCounts = await CountUnstampedAsync(descriptions.Values, source, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>Records held by each mapped object a pass reads in full or checks by its Ids (one COUNT() each), for the cost the rules state.</summary>
    private IReadOnlyDictionary<string, long> RecordCounts { get; init; } = new Dictionary<string, long>();

    /// <summary>How many records the object holds, when it is read in full or by its Ids and could be counted; else null.</summary>
    public long? SalesforceRecordCount(string name) => RecordCounts.TryGetValue(name, out var count) ? count : null;

    private static async Task<IReadOnlyDictionary<string, long>> CountUnstampedAsync(IEnumerable<SalesforceObjectDescription> descriptions, ISchemaSource source, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var description in descriptions.Where(d => d.Queryable && ObjectCapabilities.Of(d).ReadKind != SalesforceReadKind.Incremental))
        {
            if (await source.CountSalesforceRecordsAsync(description.Name, cancellationToken).ConfigureAwait(false) is { } count)
            {
                counts[description.Name] = count;
            }
        }

        return counts;
    }

    /// <summary>The org's object of this name (case-insensitive), or null when the org has none.</summary>
    public SalesforceObjectSummary? FindSalesforceObject(string name) => _salesforceObjects.GetValueOrDefault(name);

    /// <summary>The describe of a mapped Salesforce object, or null when it does not exist.</summary>
    public SalesforceObjectDescription? DescribeSalesforceObject(string name) => _descriptions.GetValueOrDefault(name);

    /// <summary>A mapped or associated HubSpot object by the name the mapping uses, or null when the account has none.</summary>
    public HubSpotObjectSchema? FindHubSpotObject(string name) => _hubSpotObjects.GetValueOrDefault(name);

    /// <summary>The association types from one object type to another, or null when they were not read (an object is missing).</summary>
    public IReadOnlyList<HubSpotAssociationType>? AssociationTypes(string fromObjectTypeId, string toObjectTypeId)
        => _associationTypes.GetValueOrDefault((fromObjectTypeId, toObjectTypeId));
}
