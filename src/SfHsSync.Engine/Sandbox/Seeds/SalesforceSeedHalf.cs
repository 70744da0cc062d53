using System.Text.Json.Nodes;
using SfHsSync.Engine.Metadata;
using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Engine.Sandbox.Seeds;

/// <summary>One Salesforce object as read for a seed: its describe and the sampled records.</summary>
internal sealed record SalesforceSeedObject(SalesforceObjectDescription Description, IReadOnlyList<SalesforceRecord> Records);

/// <summary>
/// The Salesforce half of an exported seed: the objects' describes as seed entries, and a sample of their records whose
/// lookups point only inside the sample; values of lookups to users, and of lookups outside the sample, are left out.
/// </summary>
internal static class SalesforceSeedHalf
{
    public static async Task<IReadOnlyList<SalesforceSeedObject>> ReadAsync(SalesforceClient client, IReadOnlyList<string> objects, int sample, ICollection<string> notes, CancellationToken cancellationToken)
    {
        var read = new List<SalesforceSeedObject>();
        foreach (var name in objects.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var description = await client.DescribeAsync(name, cancellationToken).ConfigureAwait(false);
            if (description.KeyPrefix is null)
            {
                notes.Add($"Salesforce object {description.Name} has no key prefix (it holds no records of its own), so it is left out.");
                continue;
            }

            foreach (var skipped in description.Fields.Where(f => SalesforceSeedFields.SeedType(f.Type) is null && f.Name != "Id"))
            {
                notes.Add($"{description.Name}.{skipped.Name} is left out: the sandbox holds no '{skipped.Type}' fields.");
            }

            var records = new List<SalesforceRecord>();
            if (sample > 0)
            {
                var fields = description.Fields.Where(f => SalesforceSeedFields.Carried(f) || (f.AutoNumber && f.Type != "id")).Select(f => f.Name);
                var query = SoqlQuery.Select(description, fields).OrderBy("Id").Limit(sample);
                await foreach (var record in client.QueryAsync(query, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    records.Add(record);
                }
            }

            read.Add(new SalesforceSeedObject(description, records));
        }

        return KeepLookupsInside(TargetsFirst(read));
    }

    /// <summary>The sandbox loads objects in order, so an object comes after the objects its lookups point at (cycles keep their order).</summary>
    private static List<SalesforceSeedObject> TargetsFirst(IReadOnlyList<SalesforceSeedObject> objects)
    {
        var ordered = new List<SalesforceSeedObject>();
        var left = objects.ToList();
        while (left.Count > 0)
        {
            var next = left.FirstOrDefault(o => !o.Description.Fields.Any(f => f.IsReference && f.ReferenceTo.Any(t =>
                           !string.Equals(t, o.Description.Name, StringComparison.OrdinalIgnoreCase)
                           && left.Any(l => string.Equals(l.Description.Name, t, StringComparison.OrdinalIgnoreCase)))))
                       ?? left[0];
            ordered.Add(next);
            left.Remove(next);
        }

        return ordered;
    }

    /// <summary>The seed's "salesforce" member.</summary>
    public static JsonObject ToJson(IReadOnlyList<SalesforceSeedObject> objects, SeedMask mask)
    {
        var list = new JsonArray();
        foreach (var (description, records) in objects)
        {
            var fields = description.Fields.Where(f => !SalesforceSeedFields.Standard.Contains(f.Name) && SalesforceSeedFields.SeedType(f.Type) is not null);
            var obj = new JsonObject
            {
                ["name"] = description.Name,
                ["label"] = description.Label,
                ["labelPlural"] = description.LabelPlural ?? description.Label,
                ["keyPrefix"] = description.KeyPrefix,
                ["custom"] = description.Custom,
                ["hasOwner"] = description.FindField("OwnerId") is not null,
            };
            SalesforceSeedFlags.Write(obj, description);
            obj["fields"] = new JsonArray(fields.Select(f => (JsonNode)SalesforceSeedFields.Describe(f, records.Select(r => r[f.Name]))).ToArray());
            if (description.RecordTypes.Count > 0)
            {
                obj["recordTypes"] = new JsonArray(description.RecordTypes.Select(RecordType).ToArray());
            }

            obj["records"] = new JsonArray(records.Select(r => (JsonNode)Record(description, r, mask)).ToArray());
            list.Add(obj);
        }

        return new JsonObject { ["objects"] = list };
    }

    /// <summary>Every value the mask will replace, so that no generated value can equal one of them.</summary>
    public static void NoteMasked(IReadOnlyList<SalesforceSeedObject> objects, SeedMask mask)
    {
        foreach (var (description, records) in objects)
        {
            foreach (var field in description.Fields.Where(f => mask.Covers(description.Name, f.Name)))
            {
                foreach (var record in records)
                {
                    mask.Note(record[field.Name]);
                }
            }
        }
    }

    private static JsonObject Record(SalesforceObjectDescription description, SalesforceRecord record, SeedMask mask)
    {
        var json = new JsonObject { ["Id"] = record.Id };
        foreach (var field in description.Fields.Where(SalesforceSeedFields.Carried))
        {
            var value = record[field.Name];
            if (value is null || SalesforceSeedFields.PointsAtPeople(field))
            {
                continue;
            }

            if (mask.Covers(description.Name, field.Name) && !field.IsReference)
            {
                value = mask.Replace(value, SeedMaskKinds.Of(description.Name, field), field.Length, field.PicklistValues.Select(p => p.Value).ToArray());
            }

            json[field.Name] = SalesforceSeedFields.Value(field, value);
        }

        return json;
    }

    private static JsonNode RecordType(SalesforceRecordType t)
    {
        var json = new JsonObject
        {
            ["name"] = t.Name, ["developerName"] = t.DeveloperName, ["active"] = t.Active, ["available"] = t.Available,
            ["defaultRecordTypeMapping"] = t.DefaultRecordTypeMapping, ["master"] = t.Master,
        };
        if (t.RecordTypeId is not null)
        {
            json["recordTypeId"] = t.RecordTypeId;
        }

        return json;
    }

    /// <summary>
    /// Lookups keep their value only when it names a record of the sample; a record whose required lookup cannot
    /// (a detail whose master is not sampled) is left out, and so on until every lookup left points inside.
    /// </summary>
    private static IReadOnlyList<SalesforceSeedObject> KeepLookupsInside(IReadOnlyList<SalesforceSeedObject> objects)
    {
        var current = objects.ToList();
        while (true)
        {
            var ids = current.SelectMany(o => o.Records).Select(r => r.Id!).ToHashSet(StringComparer.Ordinal);
            var next = current.Select(o => o with { Records = o.Records.Select(r => Inside(o.Description, r, ids)).OfType<SalesforceRecord>().ToArray() }).ToList();
            if (next.Sum(o => o.Records.Count) == current.Sum(o => o.Records.Count) && next.Zip(current).All(p => p.First.Records.SequenceEqual(p.Second.Records)))
            {
                return next;
            }

            current = next;
        }
    }

    private static SalesforceRecord? Inside(SalesforceObjectDescription description, SalesforceRecord record, IReadOnlySet<string> ids)
    {
        var values = new List<KeyValuePair<string, string?>>();
        foreach (var (name, value) in record.Fields)
        {
            var field = description.FindField(name);
            var outside = field is { IsReference: true } && value is not null && !ids.Contains(value) && !SalesforceSeedFields.PointsAtPeople(field);
            if (outside && field!.Createable && !field.Nillable && !field.DefaultedOnCreate)
            {
                return null;
            }

            values.Add(new(name, outside ? null : value));
        }

        return new SalesforceRecord(record.ObjectType, record.Id, values);
    }
}
