using SfHsSync.Engine.Errors;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Mapping;
using SfHsSync.Engine.Metadata;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.Sync.Values;

namespace SfHsSync.Engine.Sync;

/// <summary>
/// A mapping with both sides' metadata resolved: the Salesforce object's description, the HubSpot object's schema, a
/// converter per field, and the names every read and write uses. Built once per pass from live metadata.
/// </summary>
public sealed class MappingRuntime
{
    private MappingRuntime(SyncMapping mapping, SalesforceObjectDescription salesforce, HubSpotObjectSchema hubSpot, IReadOnlyList<FieldConverter> converters)
    {
        Mapping = mapping;
        Salesforce = salesforce;
        HubSpot = hubSpot;
        Converters = converters;
        Capabilities = ObjectCapabilities.Of(salesforce);

        // HubSpot's own rule for RecordType: a RecordType deleted in Salesforce never deletes its HubSpot record.
        Policy = CapabilityPolicy.Narrow(ReconcilePolicy.For(mapping, neverArchiveInHubSpot: string.Equals(salesforce.Name, "RecordType", StringComparison.OrdinalIgnoreCase)) with
        {
            ReadOnlyInHubSpot = converters.Where(c => c.HubSpot.ReadOnlyValue || c.HubSpot.Calculated).Select(c => c.Key).ToHashSet(StringComparer.Ordinal),
            ReadOnlyInSalesforce = converters.Where(c => !c.Salesforce.Createable).Select(c => c.Key).ToHashSet(StringComparer.Ordinal),
        }, Capabilities, converters);
    }

    /// <summary>What the Salesforce object's describe lets the sync do: how its changes and deletes are read, and which writes it takes.</summary>
    public ObjectCapabilities Capabilities { get; }

    public SyncMapping Mapping { get; }

    public SalesforceObjectDescription Salesforce { get; }

    public HubSpotObjectSchema HubSpot { get; }

    public IReadOnlyList<FieldConverter> Converters { get; }

    public ReconcilePolicy Policy { get; }

    /// <summary>The HubSpot object type as API paths take it (the objectTypeId).</summary>
    public string HubSpotObjectType => HubSpot.ObjectTypeId;

    /// <summary>The Salesforce fields every read asks for: the mapped ones, the HubSpot id field and the association lookups.</summary>
    public IReadOnlyList<string> SalesforceFields
        => Converters.Select(c => c.Salesforce.Name)
            .Concat(Mapping.HubSpotIdField is { } f ? new[] { f } : Array.Empty<string>())
            .Concat(Mapping.Associations.Select(a => Salesforce.FindField(a.SalesforceField)?.Name ?? a.SalesforceField))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>The HubSpot properties every read asks for: the mapped ones, the Salesforce Id property and the modified date.</summary>
    public IReadOnlyList<string> HubSpotProperties
        => Converters.Select(c => c.HubSpot.Name)
            .Concat(Mapping.SalesforceIdProperty is { } p ? new[] { p } : Array.Empty<string>())
            .Append(HubSpotRecord.LastModifiedProperty)
            .Distinct(StringComparer.Ordinal).ToArray();

    public static async Task<MappingRuntime> ResolveAsync(SyncMapping mapping, SalesforceClient salesforce, HubSpotClient hubSpot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var description = await salesforce.DescribeAsync(mapping.SalesforceObject, cancellationToken).ConfigureAwait(false);
        var schema = await hubSpot.GetSchemaAsync(mapping.HubSpotObject, cancellationToken).ConfigureAwait(false);
        var converters = new List<FieldConverter>();
        foreach (var field in mapping.Fields)
        {
            var sf = description.FindField(field.SalesforceField)
                ?? throw new SyncException("SyncFieldNotFound", SyncErrorKind.ObjectNotFound,
                    $"Mapping '{mapping.Name}': Salesforce field {mapping.SalesforceObject}.{field.SalesforceField} does not exist.", field.SalesforceField);
            var hs = schema.FindProperty(field.HubSpotProperty)
                ?? throw new SyncException("SyncPropertyNotFound", SyncErrorKind.ObjectNotFound,
                    $"Mapping '{mapping.Name}': HubSpot property {mapping.HubSpotObject}.{field.HubSpotProperty} does not exist.", field.HubSpotProperty);
            converters.Add(new FieldConverter(field, sf, hs));
        }

        return new MappingRuntime(mapping, description, schema, converters);
    }

    /// <summary>Canonical values of a Salesforce record, keyed by the mapped field.</summary>
    public Dictionary<string, string?> CanonicalOf(SalesforceRecord record)
        => Converters.ToDictionary(c => c.Key, c => c.FromSalesforce(record[c.Salesforce.Name]), StringComparer.Ordinal);

    /// <summary>Canonical values of a HubSpot record, keyed by the mapped (Salesforce) field.</summary>
    public Dictionary<string, string?> CanonicalOf(HubSpotRecord record)
        => Converters.ToDictionary(c => c.Key, c => c.FromHubSpot(record[c.HubSpot.Name]), StringComparer.Ordinal);

    public FieldConverter ConverterFor(string key) => Converters.First(c => string.Equals(c.Key, key, StringComparison.Ordinal));
}
