namespace SfHsSync.Engine.HubSpot;

/// <summary>
/// Every HubSpot path the engine calls, one table per API family, for one <see cref="HubSpotApiVersion"/>: nothing
/// else in the engine spells a path. Dated versions put the version after the family
/// (crm/objects/2026-09/{objectType}); v3 keeps the numbered forms, with v4 associations.
/// </summary>
internal sealed class HubSpotRoutes
{
    public HubSpotRoutes(HubSpotApiVersion version)
    {
        Version = version;
        var v = version.Name;
        Objects = new HubSpotObjectRoutes(version.IsDated ? $"crm/objects/{v}" : "crm/v3/objects");
        Schemas = new HubSpotSchemaRoutes(version.IsDated ? $"crm-object-schemas/{v}/schemas" : "crm-object-schemas/v3/schemas");
        Properties = new HubSpotPropertyRoutes(version.IsDated ? $"crm/properties/{v}" : "crm/v3/properties");
        Associations = version.IsDated
            ? new HubSpotAssociationRoutes($"crm/associations/{v}", $"crm/associations/{v}")
            : new HubSpotAssociationRoutes("crm/v4/associations", "crm/associations/v4");
    }

    public HubSpotApiVersion Version { get; }

    public HubSpotObjectRoutes Objects { get; }

    public HubSpotSchemaRoutes Schemas { get; }

    public HubSpotPropertyRoutes Properties { get; }

    public HubSpotAssociationRoutes Associations { get; }

    internal static string Segment(string value) => Uri.EscapeDataString(value);
}

/// <summary>CRM objects: list, one record, search and the batch calls.</summary>
internal sealed record HubSpotObjectRoutes(string Root)
{
    public string List(string objectType) => $"{Root}/{HubSpotRoutes.Segment(objectType)}";

    public string Record(string objectType, string id) => $"{List(objectType)}/{HubSpotRoutes.Segment(id)}";

    public string Search(string objectType) => $"{List(objectType)}/search";

    /// <summary>read, create, update, upsert or archive.</summary>
    public string Batch(string objectType, string operation) => $"{List(objectType)}/batch/{operation}";
}

/// <summary>Custom object schemas.</summary>
internal sealed record HubSpotSchemaRoutes(string Root)
{
    public string List() => Root;

    public string One(string objectType) => $"{Root}/{HubSpotRoutes.Segment(objectType)}";
}

/// <summary>Properties of any object type.</summary>
internal sealed record HubSpotPropertyRoutes(string Root)
{
    public string List(string objectType) => $"{Root}/{HubSpotRoutes.Segment(objectType)}";
}

/// <summary>Association batches and association labels between two object types.</summary>
internal sealed record HubSpotAssociationRoutes(string BatchRoot, string LabelsRoot)
{
    /// <summary>create, read, archive or labels/archive.</summary>
    public string Batch(string from, string to, string operation)
        => $"{BatchRoot}/{HubSpotRoutes.Segment(from)}/{HubSpotRoutes.Segment(to)}/batch/{operation}";

    public string Labels(string from, string to) => $"{LabelsRoot}/{HubSpotRoutes.Segment(from)}/{HubSpotRoutes.Segment(to)}/labels";
}
