using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SfHsSync.Sandbox.HubSpot;

/// <summary>Object types: the standard contacts and companies, custom object schemas, and their properties.</summary>
public sealed partial class HubSpotAccount
{
    private const int MaxUniqueProperties = 10;

    /// <summary>Creates a custom object schema from an ObjectSchemaEgg JSON body, as POST /crm-object-schemas/v3/schemas does; returns its objectTypeId.</summary>
    public string CreateSchema(string schemaEggJson)
    {
        using var doc = JsonDocument.Parse(schemaEggJson);
        lock (_gate)
        {
            return CreateSchemaLocked(doc.RootElement, null).ObjectTypeId;
        }
    }

    internal JsonObject CreateSchemaJson(JsonElement egg)
    {
        lock (_gate)
        {
            return SchemaJson(CreateSchemaLocked(egg, null));
        }
    }

    internal JsonArray ListSchemasJson()
    {
        lock (_gate)
        {
            return new JsonArray(_types.Where(t => t.IsCustom).Select(t => (JsonNode?)SchemaJson(t)).ToArray());
        }
    }

    internal JsonObject GetSchemaJson(string objectType)
    {
        lock (_gate)
        {
            return SchemaJson(SchemaOrThrow(objectType));
        }
    }

    internal JsonObject UpdateSchemaJson(string objectType, JsonElement patch)
    {
        lock (_gate)
        {
            var type = SchemaOrThrow(objectType);
            if (!type.IsCustom)
            {
                throw new HubSpotApiException(HubSpotError.Validation($"The standard object type {type.Name} cannot be changed through the schemas API."));
            }

            if (patch.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Object)
            {
                type.SingularLabel = HubSpotJson.String(labels, "singular") ?? type.SingularLabel;
                type.PluralLabel = HubSpotJson.String(labels, "plural") ?? type.PluralLabel;
            }

            if (HubSpotJson.String(patch, "primaryDisplayProperty") is { } primary)
            {
                type.PrimaryDisplayProperty = KnownProperty(type, primary, "primaryDisplayProperty");
            }

            if (patch.TryGetProperty("requiredProperties", out _))
            {
                type.RequiredProperties = KnownProperties(type, HubSpotJson.Strings(patch, "requiredProperties"), "requiredProperties");
            }

            if (patch.TryGetProperty("searchableProperties", out _))
            {
                type.SearchableProperties = KnownProperties(type, HubSpotJson.Strings(patch, "searchableProperties"), "searchableProperties");
            }

            if (patch.TryGetProperty("secondaryDisplayProperties", out _))
            {
                type.SecondaryDisplayProperties = KnownProperties(type, HubSpotJson.Strings(patch, "secondaryDisplayProperties"), "secondaryDisplayProperties");
            }

            if (HubSpotJson.String(patch, "description") is { } description)
            {
                type.Description = description;
            }

            if (patch.TryGetProperty("clearDescription", out var clear) && clear.ValueKind == JsonValueKind.True)
            {
                type.Description = null;
            }

            type.UpdatedAt = Clock.Now();
            var definition = new JsonObject
            {
                ["id"] = type.SchemaId,
                ["objectTypeId"] = type.ObjectTypeId,
                ["name"] = type.Name,
                ["fullyQualifiedName"] = type.FullyQualifiedName,
                ["labels"] = type.LabelsJson(),
                ["requiredProperties"] = StringArray(type.RequiredProperties),
                ["searchableProperties"] = StringArray(type.SearchableProperties),
                ["secondaryDisplayProperties"] = StringArray(type.SecondaryDisplayProperties),
                ["portalId"] = PortalId,
                ["createdAt"] = HubSpotJson.Timestamp(type.CreatedAt),
                ["updatedAt"] = HubSpotJson.Timestamp(type.UpdatedAt),
                ["archived"] = false,
            };
            if (type.PrimaryDisplayProperty is not null)
            {
                definition["primaryDisplayProperty"] = type.PrimaryDisplayProperty;
            }

            if (type.Description is not null)
            {
                definition["description"] = type.Description;
            }

            return definition;
        }
    }

    /// <summary>Deletes a custom object schema; HubSpot refuses while records that are not archived remain.</summary>
    internal void DeleteSchema(string objectType)
    {
        lock (_gate)
        {
            var type = SchemaOrThrow(objectType);
            if (!type.IsCustom)
            {
                throw new HubSpotApiException(HubSpotError.Validation($"The standard object type {type.Name} cannot be deleted."));
            }

            var live = type.RecordsInIdOrder.Count(r => !r.Archived);
            if (live > 0)
            {
                throw new HubSpotApiException(HubSpotError.Conflict(
                    string.Create(CultureInfo.InvariantCulture, $"Object type {type.FullyQualifiedName} still has {live} records that are not archived; archive them before deleting the schema.")));
            }

            foreach (var association in _graph.Types.Where(a => a.FromObjectTypeId == type.ObjectTypeId).ToArray())
            {
                _graph.RemovePair(association.TypeId);
            }

            foreach (var record in type.RecordsInIdOrder)
            {
                _graph.Forget(type.ObjectTypeId, record.Id);
            }

            _types.Remove(type);
        }
    }

    internal JsonObject CreateAssociationDefinitionJson(string objectType, JsonElement egg)
    {
        lock (_gate)
        {
            var type = SchemaOrThrow(objectType);
            var from = HubSpotJson.String(egg, "fromObjectTypeId") ?? type.ObjectTypeId;
            var toReference = HubSpotJson.String(egg, "toObjectTypeId")
                ?? throw new HubSpotApiException(HubSpotError.Validation("'toObjectTypeId' is required."));
            var fromType = Resolve(from) ?? throw new HubSpotApiException(HubSpotError.Validation($"fromObjectTypeId '{from}' is not a known object type."));
            var toType = Resolve(toReference) ?? throw new HubSpotApiException(HubSpotError.Validation($"toObjectTypeId '{toReference}' is not a known object type."));
            var name = HubSpotJson.String(egg, "name") ?? $"{fromType.Name}_to_{toType.Name}";
            return _graph.AddUserPair(fromType.ObjectTypeId, toType.ObjectTypeId, name, $"{toType.Name}_to_{fromType.Name}", null, null, Clock.Now()).ToDefinition();
        }
    }

    internal void DeleteAssociationDefinition(string objectType, string associationIdentifier)
    {
        lock (_gate)
        {
            var type = SchemaOrThrow(objectType);
            var association = int.TryParse(associationIdentifier, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? _graph.Type(id) : null;
            if (association is null || (association.FromObjectTypeId != type.ObjectTypeId && association.ToObjectTypeId != type.ObjectTypeId))
            {
                throw new HubSpotApiException(HubSpotError.NotFound($"No association definition {associationIdentifier} on {type.FullyQualifiedName}."));
            }

            _graph.RemovePair(association.TypeId);
        }
    }

    internal JsonArray ListPropertiesJson(string objectType)
    {
        lock (_gate)
        {
            return new JsonArray(TypeOrThrow(objectType).Properties.Values.Select(p => (JsonNode?)p.ToJson()).ToArray());
        }
    }

    /// <summary>The legacy GET /properties/v2/{objectType}/properties answer: a bare array, which some connectors still read.</summary>
    internal JsonArray ListLegacyPropertiesJson(string objectType)
    {
        lock (_gate)
        {
            return new JsonArray(TypeOrThrow(objectType).Properties.Values.Select(p => (JsonNode?)p.ToLegacyJson()).ToArray());
        }
    }

    internal JsonObject GetPropertyJson(string objectType, string name)
    {
        lock (_gate)
        {
            var type = TypeOrThrow(objectType);
            return type.Property(name)?.ToJson()
                ?? throw new HubSpotApiException(HubSpotError.NotFound($"Property {name} does not exist on object type {type.FullyQualifiedName}."));
        }
    }

    /// <summary>Creates a property from a PropertyCreate body (POST /crm/v3/properties/{objectType}).</summary>
    internal JsonObject CreatePropertyJson(string objectType, JsonElement body)
    {
        lock (_gate)
        {
            var type = TypeOrThrow(objectType);
            if (HubSpotJson.String(body, "groupName") is not { Length: > 0 })
            {
                throw new HubSpotApiException(HubSpotError.Validation("Property create: 'groupName' is required."));
            }

            var property = HubSpotProperty.Parse(body, "", Clock.Now(), "Property create");
            AddCheckedProperty(type, property);
            return property.ToJson();
        }
    }

    private void AddCheckedProperty(HubSpotObjectType type, HubSpotProperty property)
    {
        if (type.Properties.ContainsKey(property.Name))
        {
            throw new HubSpotApiException(HubSpotError.Conflict($"A property named '{property.Name}' already exists on object type {type.FullyQualifiedName}."));
        }

        if (property.HasUniqueValue && type.Properties.Values.Count(p => p.HasUniqueValue) >= MaxUniqueProperties)
        {
            throw new HubSpotApiException(HubSpotError.Validation(
                $"Object type {type.FullyQualifiedName} already has {MaxUniqueProperties} unique-value properties, the most HubSpot allows."));
        }

        if (property is { Calculated: true, Type: "number", CalculationFormula: { Length: > 0 } formula })
        {
            type.Formulas[property.Name] = CheckedFormula(type, property.Name, formula);
        }

        type.AddProperty(property);
        type.UpdatedAt = property.CreatedAt;
    }

    private static HubSpotFormula CheckedFormula(HubSpotObjectType type, string name, string formula)
    {
        HubSpotFormula parsed;
        try
        {
            parsed = HubSpotFormula.Parse(formula);
        }
        catch (FormatException e)
        {
            throw new HubSpotApiException(HubSpotError.Validation($"calculationFormula of '{name}' is not valid: {e.Message}."));
        }

        foreach (var input in parsed.Inputs)
        {
            if (type.Property(input) is not { Type: "number" })
            {
                throw new HubSpotApiException(HubSpotError.Validation(
                    $"calculationFormula of '{name}' reads '{input}', which is not a number property of {type.FullyQualifiedName}."));
            }
        }

        return parsed;
    }

    private HubSpotObjectType SchemaOrThrow(string reference) =>
        Resolve(reference) ?? throw new HubSpotApiException(HubSpotError.NotFound($"Unable to find object schema for {reference}."));

    private HubSpotObjectType CreateSchemaLocked(JsonElement egg, string? fixedObjectTypeId)
    {
        if (egg.ValueKind != JsonValueKind.Object)
        {
            throw new HubSpotApiException(HubSpotError.Validation("A schema must be a JSON object."));
        }

        var name = HubSpotJson.String(egg, "name");
        if (name is null || !HubSpotProperty.IsValidName(name))
        {
            throw new HubSpotApiException(HubSpotError.Validation(
                $"Schema 'name' '{name}' is not valid: use lowercase letters, digits and underscores, starting with a letter."));
        }

        if (_types.Any(t => t.Name == name || t.Aliases.Contains(name)))
        {
            throw new HubSpotApiException(HubSpotError.Conflict($"An object type named '{name}' already exists."));
        }

        if (!egg.TryGetProperty("labels", out var labels) || HubSpotJson.String(labels, "singular") is not { Length: > 0 } singular
            || HubSpotJson.String(labels, "plural") is not { Length: > 0 } plural)
        {
            throw new HubSpotApiException(HubSpotError.Validation($"Schema '{name}': 'labels' needs 'singular' and 'plural'."));
        }

        var number = fixedObjectTypeId is null ? _nextCustomTypeNumber++ : ParseCustomTypeNumber(fixedObjectTypeId);
        _nextCustomTypeNumber = Math.Max(_nextCustomTypeNumber, number + 1);
        var now = Clock.Now();
        var type = new HubSpotObjectType
        {
            ObjectTypeId = string.Create(CultureInfo.InvariantCulture, $"2-{number}"),
            SchemaId = number.ToString(CultureInfo.InvariantCulture),
            Name = name,
            FullyQualifiedName = string.Create(CultureInfo.InvariantCulture, $"p{PortalId}_{name}"),
            IsCustom = true,
            SingularLabel = singular,
            PluralLabel = plural,
            Description = HubSpotJson.String(egg, "description"),
            AlwaysReturned = ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
            DefaultProperties = [],
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var system in SystemProperties($"{name}_information", now, includeCreateDate: false, includeLastModifiedDate: false))
        {
            type.AddProperty(system);
        }

        var index = 0;
        if (egg.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Array)
        {
            foreach (var p in properties.EnumerateArray())
            {
                var property = HubSpotProperty.Parse(p, $"{name}_information", now, string.Create(CultureInfo.InvariantCulture, $"Schema '{name}' properties[{index}]"));
                AddCheckedProperty(type, property);
                index++;
            }
        }

        type.RequiredProperties = KnownProperties(type, HubSpotJson.Strings(egg, "requiredProperties"), "requiredProperties");
        type.SearchableProperties = KnownProperties(type, HubSpotJson.Strings(egg, "searchableProperties"), "searchableProperties");
        type.SecondaryDisplayProperties = KnownProperties(type, HubSpotJson.Strings(egg, "secondaryDisplayProperties"), "secondaryDisplayProperties");
        type.PrimaryDisplayProperty = HubSpotJson.String(egg, "primaryDisplayProperty") is { } primary
            ? KnownProperty(type, primary, "primaryDisplayProperty")
            : null;

        var associated = HubSpotJson.Strings(egg, "associatedObjects")
            .Select(a => Resolve(a) ?? throw new HubSpotApiException(HubSpotError.Validation($"Schema '{name}': associatedObjects names '{a}', which is not a known object type.")))
            .ToArray();
        _types.Add(type);
        foreach (var other in associated)
        {
            _graph.AddUserPair(type.ObjectTypeId, other.ObjectTypeId, $"{name}_to_{other.Name}", $"{other.Name}_to_{name}", null, null, now);
        }

        return type;
    }

    private static int ParseCustomTypeNumber(string objectTypeId) =>
        objectTypeId.StartsWith("2-", StringComparison.Ordinal) && int.TryParse(objectTypeId.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new HubSpotApiException(HubSpotError.Validation($"Seed objectTypeId '{objectTypeId}' is not of the form 2-<number>."));

    private static string KnownProperty(HubSpotObjectType type, string name, string member) =>
        type.Properties.ContainsKey(name)
            ? name
            : throw new HubSpotApiException(HubSpotError.Validation($"Schema '{type.Name}': {member} names '{name}', which is not one of its properties."));

    private static List<string> KnownProperties(HubSpotObjectType type, IReadOnlyList<string> names, string member) =>
        names.Select(n => KnownProperty(type, n, member)).Distinct().ToList();

    private JsonObject SchemaJson(HubSpotObjectType type)
    {
        var schema = new JsonObject
        {
            ["id"] = type.SchemaId,
            ["objectTypeId"] = type.ObjectTypeId,
            ["name"] = type.Name,
            ["fullyQualifiedName"] = type.FullyQualifiedName,
            ["labels"] = type.LabelsJson(),
            ["requiredProperties"] = StringArray(type.RequiredProperties),
            ["searchableProperties"] = StringArray(type.SearchableProperties),
            ["secondaryDisplayProperties"] = StringArray(type.SecondaryDisplayProperties),
            ["properties"] = new JsonArray(type.Properties.Values.Select(p => (JsonNode?)p.ToJson()).ToArray()),
            ["associations"] = new JsonArray(_graph.Types
                .Where(a => a.Label is null && (a.FromObjectTypeId == type.ObjectTypeId || a.ToObjectTypeId == type.ObjectTypeId))
                .OrderBy(a => a.TypeId)
                .Select(a => (JsonNode?)a.ToDefinition()).ToArray()),
            ["allowsSensitiveProperties"] = false,
            ["archived"] = false,
            ["createdAt"] = HubSpotJson.Timestamp(type.CreatedAt),
            ["updatedAt"] = HubSpotJson.Timestamp(type.UpdatedAt),
        };
        if (type.PrimaryDisplayProperty is not null)
        {
            schema["primaryDisplayProperty"] = type.PrimaryDisplayProperty;
        }

        if (type.Description is not null)
        {
            schema["description"] = type.Description;
        }

        return schema;
    }

    private static JsonArray StringArray(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private void AddStandardObjects()
    {
        var now = Clock.Now();
        var contacts = new HubSpotObjectType
        {
            ObjectTypeId = "0-1",
            SchemaId = "0-1",
            Name = "contacts",
            FullyQualifiedName = "contacts",
            Aliases = ["contact"],
            IsCustom = false,
            SingularLabel = "Contact",
            PluralLabel = "Contacts",
            PrimaryDisplayProperty = "email",
            SearchableProperties = ["email", "firstname", "lastname", "phone"],
            DefaultProperties = ["email", "firstname", "lastname"],
            AlwaysReturned = ["createdate", "lastmodifieddate", "hs_object_id"],
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var p in SystemProperties("contactinformation", now, includeCreateDate: true, includeLastModifiedDate: true))
        {
            contacts.AddProperty(p);
        }

        // HubSpot keeps contacts unique by email, which is also an idProperty.
        contacts.AddProperty(Standard("email", "Email", "string", "text", "contactinformation", now) with { HasUniqueValue = true });
        contacts.AddProperty(Standard("firstname", "First Name", "string", "text", "contactinformation", now));
        contacts.AddProperty(Standard("lastname", "Last Name", "string", "text", "contactinformation", now));
        contacts.AddProperty(Standard("phone", "Phone Number", "string", "phonenumber", "contactinformation", now));
        contacts.AddProperty(Standard("company", "Company Name", "string", "text", "contactinformation", now));

        var companies = new HubSpotObjectType
        {
            ObjectTypeId = "0-2",
            SchemaId = "0-2",
            Name = "companies",
            FullyQualifiedName = "companies",
            Aliases = ["company"],
            IsCustom = false,
            SingularLabel = "Company",
            PluralLabel = "Companies",
            PrimaryDisplayProperty = "name",
            SearchableProperties = ["name", "domain", "website", "phone"],
            DefaultProperties = ["name", "domain"],
            AlwaysReturned = ["createdate", "hs_lastmodifieddate", "hs_object_id"],
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var p in SystemProperties("companyinformation", now, includeCreateDate: true, includeLastModifiedDate: false))
        {
            companies.AddProperty(p);
        }

        companies.AddProperty(Standard("name", "Company name", "string", "text", "companyinformation", now));
        companies.AddProperty(Standard("domain", "Company Domain Name", "string", "text", "companyinformation", now));
        companies.AddProperty(Standard("website", "Website URL", "string", "text", "companyinformation", now));
        companies.AddProperty(Standard("phone", "Phone Number", "string", "phonenumber", "companyinformation", now));
        companies.AddProperty(Standard("industry", "Industry", "string", "text", "companyinformation", now));
        companies.AddProperty(Standard("annualrevenue", "Annual Revenue", "number", "number", "companyinformation", now));

        _types.Add(contacts);
        _types.Add(companies);

        // HubSpot's own ids: 279/280 unlabeled contact<->company, 1/2 the "Primary" company.
        _graph.AddFixedPair(279, 280, "HUBSPOT_DEFINED", "0-1", "0-2", "contact_to_company_unlabeled", "company_to_contact_unlabeled", null, now);
        _graph.AddFixedPair(1, 2, "HUBSPOT_DEFINED", "0-1", "0-2", "contact_to_company", "company_to_contact", "Primary", now);
    }

    private static HubSpotProperty Standard(string name, string label, string type, string fieldType, string group, DateTimeOffset now) => new()
    {
        Name = name,
        Label = label,
        Type = type,
        FieldType = fieldType,
        GroupName = group,
        HubSpotDefined = true,
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static IEnumerable<HubSpotProperty> SystemProperties(string group, DateTimeOffset now, bool includeCreateDate, bool includeLastModifiedDate)
    {
        yield return Standard("hs_object_id", "Record ID", "number", "number", group, now) with { ReadOnlyValue = true };
        yield return Standard("hs_createdate", "Object create date/time", "datetime", "date", group, now) with { ReadOnlyValue = true };
        yield return Standard("hs_lastmodifieddate", "Object last modified date/time", "datetime", "date", group, now) with { ReadOnlyValue = true };
        if (includeCreateDate)
        {
            yield return Standard("createdate", "Create Date", "datetime", "date", group, now) with { ReadOnlyValue = true };
        }

        if (includeLastModifiedDate)
        {
            yield return Standard("lastmodifieddate", "Last Modified Date", "datetime", "date", group, now) with { ReadOnlyValue = true };
        }
    }
}
