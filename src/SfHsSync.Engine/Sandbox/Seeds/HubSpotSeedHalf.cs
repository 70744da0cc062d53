using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Metadata;

namespace SfHsSync.Engine.Sandbox.Seeds;

/// <summary>One HubSpot object type as read for a seed: its schema and the sampled records.</summary>
internal sealed record HubSpotSeedObject(HubSpotObjectSchema Schema, IReadOnlyList<HubSpotRecord> Records);

/// <summary>What was read of the HubSpot account: the object types, the labels between them, the links inside the sample.</summary>
internal sealed record HubSpotSeedRead(
    IReadOnlyList<HubSpotSeedObject> Objects,
    IReadOnlyList<(HubSpotSeedObject From, HubSpotSeedObject To, HubSpotAssociationType Type)> Labels,
    IReadOnlyList<(HubSpotSeedObject From, int FromRecord, HubSpotSeedObject To, int ToRecord, HubSpotAssociationType? Type)> Links);

/// <summary>
/// The HubSpot half of an exported seed: custom objects as schemas, standard objects' properties, association labels,
/// and a sample of records with the associations that run between records of the sample.
/// </summary>
internal static partial class HubSpotSeedHalf
{
    private static readonly IReadOnlyDictionary<string, string> StandardAssociationNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["0-1"] = "CONTACT", ["0-2"] = "COMPANY", ["0-3"] = "DEAL", ["0-5"] = "TICKET", ["0-7"] = "PRODUCT", ["0-8"] = "LINE_ITEM", ["0-14"] = "QUOTE",
    };

    public static async Task<HubSpotSeedRead> ReadAsync(HubSpotClient client, IReadOnlyList<string> objects, int sample, CancellationToken cancellationToken)
    {
        var read = new List<HubSpotSeedObject>();
        foreach (var name in objects.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var schema = await client.GetSchemaAsync(name, cancellationToken).ConfigureAwait(false);
            if (read.Any(o => o.Schema.ObjectTypeId == schema.ObjectTypeId))
            {
                continue;
            }

            var records = new List<HubSpotRecord>();
            if (sample > 0)
            {
                var carried = schema.Properties.Where(HubSpotSeedProperties.Carried).Select(p => p.Name).ToList();
                await foreach (var record in client.ListAsync(schema.ObjectTypeId, carried, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    records.Add(record);
                    if (records.Count == sample)
                    {
                        break;
                    }
                }
            }

            read.Add(new HubSpotSeedObject(schema, records));
        }

        var labels = new List<(HubSpotSeedObject, HubSpotSeedObject, HubSpotAssociationType)>();
        var links = new List<(HubSpotSeedObject, int, HubSpotSeedObject, int, HubSpotAssociationType?)>();
        for (var i = 0; i < read.Count; i++)
        {
            for (var j = i + 1; j < read.Count; j++)
            {
                var (from, to) = (read[i], read[j]);
                var types = await client.GetAssociationTypesAsync(from.Schema.ObjectTypeId, to.Schema.ObjectTypeId, cancellationToken).ConfigureAwait(false);
                labels.AddRange(types.Where(t => t is { Category: HubSpotAssociationCategory.UserDefined, Label.Length: > 0 })
                    .DistinctBy(t => t.Label).Select(t => (from, to, t)));
                if (from.Records.Count > 0 && to.Records.Count > 0)
                {
                    links.AddRange(await LinksAsync(client, from, to, cancellationToken).ConfigureAwait(false));
                }
            }
        }

        return new HubSpotSeedRead(read, labels, links);
    }

    /// <summary>The seed's "hubspot" member.</summary>
    public static JsonObject ToJson(HubSpotSeedRead read, SeedMask mask)
    {
        var json = new JsonObject();
        var portal = read.Objects.Select(o => PortalOf(o.Schema)).FirstOrDefault(p => p is not null);
        if (portal is not null)
        {
            json["portalId"] = portal;
        }

        json["schemas"] = new JsonArray(read.Objects.Where(o => o.Schema.IsCustom).Select(o => (JsonNode)Schema(o.Schema, read.Objects)).ToArray());
        json["properties"] = new JsonObject(read.Objects.Where(o => !o.Schema.IsCustom).Select(o => new KeyValuePair<string, JsonNode?>(
            o.Schema.Name, new JsonArray(o.Schema.Properties.Where(HubSpotSeedProperties.Described).Select(p => (JsonNode)HubSpotSeedProperties.Create(p)).ToArray()))));
        json["associationLabels"] = new JsonArray(read.Labels.Select(l => (JsonNode)new JsonObject
        {
            ["from"] = l.From.Schema.Name, ["to"] = l.To.Schema.Name, ["label"] = l.Type.Label, ["name"] = LabelName(l.Type.Label!),
        }).ToArray());
        json["records"] = new JsonObject(read.Objects.Select(o => new KeyValuePair<string, JsonNode?>(
            o.Schema.Name, new JsonArray(o.Records.Select(r => (JsonNode)Record(o.Schema, r, mask)).ToArray()))));
        json["associations"] = new JsonArray(read.Links.Select(Link).ToArray());
        return json;
    }

    /// <summary>Every value the mask will replace, so that no generated value can equal one of them.</summary>
    public static void NoteMasked(HubSpotSeedRead read, SeedMask mask)
    {
        foreach (var (schema, records) in read.Objects)
        {
            foreach (var property in schema.Properties.Where(p => mask.Covers(schema.Name, p.Name)))
            {
                foreach (var record in records)
                {
                    mask.Note(record[property.Name]);
                }
            }
        }
    }

    private static JsonObject Record(HubSpotObjectSchema schema, HubSpotRecord record, SeedMask mask)
    {
        var json = new JsonObject();
        foreach (var property in schema.Properties.Where(p => HubSpotSeedProperties.Carried(p) && (schema.IsCustom ? !p.HubSpotDefined : true)))
        {
            var value = record[property.Name];
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            json[property.Name] = mask.Covers(schema.Name, property.Name)
                ? mask.Replace(value, SeedMaskKinds.Of(schema.Name, property), 0, property.Options.Select(o => o.Value).ToArray())
                : value;
        }

        return json;
    }

    private static JsonObject Schema(HubSpotObjectSchema schema, IReadOnlyList<HubSpotSeedObject> exported)
    {
        var properties = schema.Properties.Where(p => !p.HubSpotDefined && HubSpotSeedProperties.Described(p)).ToList();
        var names = properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        JsonArray Known(IEnumerable<string> list) => new(list.Where(names.Contains).Select(n => (JsonNode)JsonValue.Create(n)!).ToArray());
        var json = new JsonObject
        {
            ["objectTypeId"] = schema.ObjectTypeId,
            ["name"] = schema.Name,
            ["labels"] = new JsonObject { ["singular"] = schema.SingularLabel ?? schema.Name, ["plural"] = schema.PluralLabel ?? schema.Name },
        };
        if (schema.Description is { Length: > 0 })
        {
            json["description"] = schema.Description;
        }

        if (schema.PrimaryDisplayProperty is { } primary && names.Contains(primary))
        {
            json["primaryDisplayProperty"] = primary;
        }

        json["secondaryDisplayProperties"] = Known(schema.SecondaryDisplayProperties);
        json["requiredProperties"] = Known(schema.RequiredProperties);
        json["searchableProperties"] = Known(schema.SearchableProperties);
        var before = exported.TakeWhile(o => o.Schema.ObjectTypeId != schema.ObjectTypeId).Select(o => o.Schema.ObjectTypeId).ToHashSet(StringComparer.Ordinal);
        json["associatedObjects"] = new JsonArray(schema.Associations
            .Where(a => a.FromObjectTypeId == schema.ObjectTypeId)
            .Select(a => StandardAssociationNames.GetValueOrDefault(a.ToObjectTypeId) ?? (before.Contains(a.ToObjectTypeId) ? a.ToObjectTypeId : null))
            .OfType<string>().Distinct(StringComparer.Ordinal).Select(n => (JsonNode)JsonValue.Create(n)!).ToArray());
        json["properties"] = new JsonArray(properties.Select(p => (JsonNode)HubSpotSeedProperties.Create(p)).ToArray());
        return json;
    }

    private static async Task<IEnumerable<(HubSpotSeedObject, int, HubSpotSeedObject, int, HubSpotAssociationType?)>> LinksAsync(
        HubSpotClient client, HubSpotSeedObject from, HubSpotSeedObject to, CancellationToken cancellationToken)
    {
        var fromIndex = from.Records.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var toIndex = to.Records.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var found = await client.ReadAssociationsAsync(from.Schema.ObjectTypeId, to.Schema.ObjectTypeId, from.Records.Select(r => r.Id).ToList(), cancellationToken).ConfigureAwait(false);
        return found.Where(l => toIndex.ContainsKey(l.ToId)).SelectMany(l => Types(l.Types).Select(t => (from, fromIndex[l.FromId], to, toIndex[l.ToId], t)));
    }

    /// <summary>The types a link is written with: HubSpot's own by id, labels by label, and the pair's default once for unlabeled ones.</summary>
    private static IEnumerable<HubSpotAssociationType?> Types(IReadOnlyList<HubSpotAssociationType> types)
    {
        foreach (var type in types.Where(t => t.Category == HubSpotAssociationCategory.HubSpotDefined || t.Label is { Length: > 0 }))
        {
            yield return type;
        }

        if (types.Any(t => t.Category != HubSpotAssociationCategory.HubSpotDefined && t.Label is not { Length: > 0 }))
        {
            yield return null;
        }
    }

    private static JsonNode Link((HubSpotSeedObject From, int FromRecord, HubSpotSeedObject To, int ToRecord, HubSpotAssociationType? Type) link)
    {
        var json = new JsonObject { ["from"] = link.From.Schema.Name, ["fromRecord"] = link.FromRecord, ["to"] = link.To.Schema.Name, ["toRecord"] = link.ToRecord };
        if (link.Type is { Category: HubSpotAssociationCategory.HubSpotDefined } fixedType)
        {
            json["associationTypeId"] = fixedType.TypeId;
        }
        else if (link.Type is { Label: { Length: > 0 } label })
        {
            json["label"] = label;
        }

        return json;
    }

    private static long? PortalOf(HubSpotObjectSchema schema)
    {
        var match = schema.FullyQualifiedName is null ? null : PortalPrefix().Match(schema.FullyQualifiedName);
        return match is { Success: true } ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static string LabelName(string label) => NotNameCharacters().Replace(label.ToLowerInvariant(), "_").Trim('_') is { Length: > 0 } name ? name : "label";

    [GeneratedRegex(@"^p(\d+)_", RegexOptions.CultureInvariant)]
    private static partial Regex PortalPrefix();

    [GeneratedRegex("[^a-z0-9_]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotNameCharacters();
}
