using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Metadata;
using SfHsSync.Engine.Salesforce;
using SfHsSync.Engine.Validation;

namespace SfHsSync.Engine.Tests.Validation;

/// <summary>Metadata held in memory, for unit tests of what the sandbox cannot show (objects that cannot be replicated,
/// text longer than HubSpot holds). Counts the reads, like the live source's clients do.</summary>
internal sealed class FixedSchemaSource : ISchemaSource
{
    public List<SalesforceObjectSummary> SalesforceObjects { get; } = [];

    public List<SalesforceObjectDescription> Descriptions { get; } = [];

    public List<HubSpotObjectSchema> HubSpotObjects { get; } = [];

    public List<HubSpotAssociationType> AssociationTypes { get; } = [];

    public int Reads { get; private set; }

    /// <summary>
    /// An object with the given fields, listed by the global describe as queryable, retrieveable and replicateable, and
    /// createable, updateable and deletable, with the system fields every such object has (SystemModstamp, IsDeleted).
    /// </summary>
    public FixedSchemaSource AddSalesforce(string name, bool custom = true, bool replicateable = true, params SalesforceFieldDescription[] fields)
    {
        SalesforceObjectDescription described = new()
        {
            Name = name, Custom = custom, Queryable = true, Retrieveable = true, Replicateable = replicateable, Createable = true, Updateable = true, Deletable = true,
            Fields = [.. fields, .. SystemFields.Where(s => !fields.Any(f => string.Equals(f.Name, s.Name, StringComparison.OrdinalIgnoreCase)))],
        };
        return AddSalesforce(described);
    }

    /// <summary>An object exactly as described (its flags and fields as given), listed by the global describe with the same flags.</summary>
    public FixedSchemaSource AddSalesforce(SalesforceObjectDescription described)
    {
        SalesforceObjects.Add(new SalesforceObjectSummary
        {
            Name = described.Name, Custom = described.Custom, Queryable = described.Queryable, Retrieveable = described.Retrieveable, Replicateable = described.Replicateable,
            Createable = described.Createable, Updateable = described.Updateable, Deletable = described.Deletable,
        });
        Descriptions.Add(described);
        return this;
    }

    /// <summary>Records <see cref="CountSalesforceRecordsAsync"/> answers for an object (none: it cannot be counted).</summary>
    public Dictionary<string, long> RecordCounts { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task<long?> CountSalesforceRecordsAsync(string objectName, CancellationToken cancellationToken)
        => Read(RecordCounts.TryGetValue(objectName, out var count) ? count : (long?)null);

    private static readonly SalesforceFieldDescription[] SystemFields =
    [
        new() { Name = "IsDeleted", Type = "boolean" },
        new() { Name = "SystemModstamp", Type = "datetime" },
    ];

    public FixedSchemaSource AddHubSpot(string name, string typeId, IReadOnlyList<string> required, params HubSpotPropertyDescription[] properties)
    {
        HubSpotObjects.Add(new HubSpotObjectSchema { Name = name, ObjectTypeId = typeId, FullyQualifiedName = "p1_" + name, RequiredProperties = required, Properties = properties });
        return this;
    }

    public Task<IReadOnlyList<SalesforceObjectSummary>> GetSalesforceObjectsAsync(CancellationToken cancellationToken)
        => Read<IReadOnlyList<SalesforceObjectSummary>>(SalesforceObjects);

    public Task<SalesforceObjectDescription?> DescribeSalesforceObjectAsync(string objectName, CancellationToken cancellationToken)
        => Read(Descriptions.FirstOrDefault(d => string.Equals(d.Name, objectName, StringComparison.OrdinalIgnoreCase)));

    public Task<IReadOnlyList<HubSpotObjectSchema>> GetHubSpotCustomObjectsAsync(CancellationToken cancellationToken)
        => Read<IReadOnlyList<HubSpotObjectSchema>>(HubSpotObjects.Where(s => s.IsCustom).ToArray());

    public Task<HubSpotObjectSchema?> GetHubSpotObjectAsync(string objectType, CancellationToken cancellationToken)
        => Read(HubSpotObjects.FirstOrDefault(s => s.IsNamed(objectType)));

    public Task<IReadOnlyList<HubSpotAssociationType>> GetHubSpotAssociationTypesAsync(string fromObjectTypeId, string toObjectTypeId, CancellationToken cancellationToken)
        => Read<IReadOnlyList<HubSpotAssociationType>>(AssociationTypes);

    private Task<T> Read<T>(T value)
    {
        Reads++;
        return Task.FromResult(value);
    }
}
