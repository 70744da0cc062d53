using System.Text.Json;
using SfHsSync.Sandbox.Salesforce.Schema;

namespace SfHsSync.Sandbox.Salesforce.Http;

/// <summary>
/// Writes global and object describe. The object describe carries exactly the keys of the Salesforce CLI's
/// DescribeSObjectResult JSON Schema (it allows no others); the global list follows the sObjects OpenAPI document.
/// </summary>
internal static class DescribeWriter
{
    private static readonly RecordTypeInfo MasterRecordType = new("Master", "Master", "012000000000000AAA", true, true, true, true);

    public static void WriteGlobal(Utf8JsonWriter w, IReadOnlyList<SObjectSchema> objects, string version)
    {
        w.WriteStartObject();
        w.WriteString("encoding", "UTF-8");
        w.WriteNumber("maxBatchSize", 200);
        w.WriteStartArray("sobjects");
        foreach (var o in objects)
        {
            w.WriteStartObject();
            w.WriteBoolean("activateable", false);
            w.WriteBoolean("createable", o.Capabilities.Createable);
            w.WriteBoolean("custom", o.Custom);
            w.WriteBoolean("customSetting", false);
            w.WriteBoolean("deepCloneable", false);
            w.WriteBoolean("deletable", o.Capabilities.Deletable);
            w.WriteBoolean("deprecatedAndHidden", false);
            w.WriteBoolean("feedEnabled", false);
            w.WriteBoolean("hasSubtypes", false);
            w.WriteBoolean("isInterface", false);
            w.WriteBoolean("isSubtype", false);
            w.WriteString("keyPrefix", o.KeyPrefix);
            w.WriteString("label", o.Label);
            w.WriteString("labelPlural", o.LabelPlural);
            w.WriteBoolean("layoutable", true);
            w.WriteBoolean("mergeable", false);
            w.WriteBoolean("mruEnabled", true);
            w.WriteString("name", o.Name);
            w.WriteBoolean("queryable", o.Capabilities.Queryable);
            w.WriteBoolean("replicateable", o.Capabilities.Replicateable);
            w.WriteBoolean("retrieveable", o.Capabilities.Retrieveable);
            w.WriteBoolean("searchable", o.Capabilities.Searchable);
            w.WriteBoolean("triggerable", o.Capabilities.Triggerable);
            w.WriteBoolean("undeletable", o.Capabilities.Undeletable);
            w.WriteBoolean("updateable", o.Capabilities.Updateable);
            WriteBasicUrls(w, o.Name, version);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The urls of an object in the global and basic describe: its sobject, describe and row template paths.</summary>
    public static void WriteBasicUrls(Utf8JsonWriter w, string name, string version)
    {
        w.WriteStartObject("urls");
        w.WriteString("sobject", $"/services/data/v{version}/sobjects/{name}");
        w.WriteString("describe", $"/services/data/v{version}/sobjects/{name}/describe");
        w.WriteString("rowTemplate", $"/services/data/v{version}/sobjects/{name}/{{ID}}");
        w.WriteEndObject();
    }

    public static void WriteObject(Utf8JsonWriter w, SObjectSchema o, IReadOnlyList<SObjectSchema> all, string version)
    {
        w.WriteStartObject();
        w.WriteStartArray("actionOverrides");
        w.WriteEndArray();
        w.WriteBoolean("activateable", false);
        w.WriteStartArray("childRelationships");
        foreach (var child in all)
        {
            var lookups = child.Fields.Where(f => f.Type == "reference" && !f.System && f.Name != "OwnerId" && f.ReferenceTo.Contains(o.Name, StringComparer.OrdinalIgnoreCase));
            foreach (var f in lookups)
            {
                w.WriteStartObject();
                w.WriteBoolean("cascadeDelete", false);
                w.WriteString("childSObject", child.Name);
                w.WriteBoolean("deprecatedAndHidden", false);
                w.WriteString("field", f.Name);
                w.WriteStartArray("junctionIdListNames");
                w.WriteEndArray();
                w.WriteStartArray("junctionReferenceTo");
                w.WriteEndArray();
                var plural = child.LabelPlural.Replace(" ", string.Empty, StringComparison.Ordinal);
                w.WriteString("relationshipName", f.Custom ? plural + "__r" : plural);
                w.WriteBoolean("restrictedDelete", false);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteBoolean("compactLayoutable", true);
        w.WriteBoolean("createable", o.Capabilities.Createable);
        w.WriteBoolean("custom", o.Custom);
        w.WriteBoolean("customSetting", false);
        w.WriteBoolean("dataTranslationEnabled", false);
        w.WriteBoolean("deepCloneable", false);
        w.WriteNull("defaultImplementation");
        w.WriteBoolean("deletable", o.Capabilities.Deletable);
        w.WriteBoolean("deprecatedAndHidden", false);
        w.WriteBoolean("feedEnabled", false);
        w.WriteStartArray("fields");
        foreach (var f in o.Fields)
        {
            WriteField(w, f);
        }

        w.WriteEndArray();
        w.WriteBoolean("hasSubtypes", false);
        w.WriteBoolean("idEnabled", true);
        w.WriteNull("implementedBy");
        w.WriteNull("implementsInterfaces");
        w.WriteBoolean("isInterface", false);
        w.WriteBoolean("isSubtype", false);
        w.WriteString("keyPrefix", o.KeyPrefix);
        w.WriteString("label", o.Label);
        w.WriteString("labelPlural", o.LabelPlural);
        w.WriteBoolean("layoutable", true);
        w.WriteBoolean("mergeable", false);
        w.WriteBoolean("mruEnabled", true);
        w.WriteString("name", o.Name);
        w.WriteStartArray("namedLayoutInfos");
        w.WriteEndArray();
        w.WriteNull("networkScopeFieldName");
        w.WriteBoolean("queryable", o.Capabilities.Queryable);
        w.WriteStartArray("recordTypeInfos");
        foreach (var type in o.RecordTypes.Count > 0 ? o.RecordTypes : [MasterRecordType])
        {
            w.WriteStartObject();
            w.WriteBoolean("active", type.Active);
            w.WriteBoolean("available", type.Available);
            w.WriteBoolean("defaultRecordTypeMapping", type.DefaultRecordTypeMapping);
            w.WriteString("developerName", type.DeveloperName);
            w.WriteBoolean("master", type.Master);
            w.WriteString("name", type.Name);
            w.WriteString("recordTypeId", type.RecordTypeId);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("replicateable", o.Capabilities.Replicateable);
        w.WriteBoolean("retrieveable", o.Capabilities.Retrieveable);
        w.WriteBoolean("searchLayoutable", true);
        w.WriteBoolean("searchable", o.Capabilities.Searchable);
        w.WriteStartArray("supportedScopes");
        w.WriteStartObject();
        w.WriteString("label", "All " + o.LabelPlural.ToLowerInvariant());
        w.WriteString("name", "everything");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteBoolean("triggerable", o.Capabilities.Triggerable);
        w.WriteBoolean("undeletable", o.Capabilities.Undeletable);
        w.WriteBoolean("updateable", o.Capabilities.Updateable);
        w.WriteString("urlDetail", $"/{{ID}}");
        w.WriteString("urlEdit", $"/{{ID}}/e");
        w.WriteString("urlNew", $"/{o.KeyPrefix}/e");
        w.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter w, SObjectField f)
    {
        w.WriteStartObject();
        w.WriteBoolean("aggregatable", f.Groupable || f.IsNumber || f.Type is "date" or "datetime");
        w.WriteBoolean("aiPredictionField", false);
        w.WriteBoolean("autoNumber", f.AutoNumber);
        w.WriteNumber("byteLength", f.ByteLength);
        w.WriteBoolean("calculated", f.Calculated);
        WriteNullableString(w, "calculatedFormula", f.CalculatedFormula);
        w.WriteBoolean("cascadeDelete", false);
        w.WriteBoolean("caseSensitive", f.CaseSensitive);
        w.WriteNull("compoundFieldName");
        w.WriteNull("controllerName");
        w.WriteBoolean("createable", f.Createable);
        w.WriteBoolean("custom", f.Custom);
        w.WriteBoolean("dataTranslationEnabled", false);
        w.WritePropertyName("defaultValue");
        FieldValues.Write(w, f.DefaultValue);
        w.WriteNull("defaultValueFormula");
        w.WriteBoolean("defaultedOnCreate", f.DefaultedOnCreate);
        w.WriteBoolean("dependentPicklist", false);
        w.WriteBoolean("deprecatedAndHidden", false);
        w.WriteNumber("digits", f.Digits);
        w.WriteBoolean("displayLocationInDecimal", false);
        w.WriteBoolean("encrypted", false);
        w.WriteBoolean("externalId", f.ExternalId);
        WriteNullableString(w, "extraTypeInfo", f.Type == "textarea" ? "plaintextarea" : null);
        w.WriteBoolean("filterable", f.Filterable);
        w.WriteNull("filteredLookupInfo");
        w.WriteBoolean("formulaTreatNullNumberAsZero", false);
        w.WriteBoolean("groupable", f.Groupable);
        w.WriteBoolean("highScaleNumber", false);
        w.WriteBoolean("htmlFormatted", false);
        w.WriteBoolean("idLookup", f.IdLookup);
        w.WriteNull("inlineHelpText");
        w.WriteString("label", f.Label);
        w.WriteNumber("length", f.Length);
        w.WriteNull("mask");
        w.WriteNull("maskType");
        w.WriteString("name", f.Name);
        w.WriteBoolean("nameField", f.NameField);
        w.WriteBoolean("namePointing", false);
        w.WriteBoolean("nillable", f.Nillable);
        w.WriteBoolean("permissionable", f.Nillable && !f.System && f.Custom);
        w.WriteStartArray("picklistValues");
        foreach (var p in f.PicklistValues)
        {
            w.WriteStartObject();
            w.WriteBoolean("active", p.Active);
            w.WriteBoolean("defaultValue", p.DefaultValue);
            w.WriteString("label", p.Label);
            w.WriteNull("validFor");
            w.WriteString("value", p.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("polymorphicForeignKey", f.ReferenceTo.Count > 1);
        w.WriteNumber("precision", f.Precision);
        w.WriteBoolean("queryByDistance", false);
        w.WriteNull("referenceTargetField");
        w.WriteStartArray("referenceTo");
        foreach (var r in f.ReferenceTo)
        {
            w.WriteStringValue(r);
        }

        w.WriteEndArray();
        WriteNullableString(w, "relationshipName", f.RelationshipName);
        if (f.RelationshipName is not null && f.Custom)
        {
            w.WriteNumber("relationshipOrder", 0);
        }
        else
        {
            w.WriteNull("relationshipOrder");
        }

        w.WriteBoolean("restrictedDelete", false);
        w.WriteBoolean("restrictedPicklist", f.RestrictedPicklist);
        w.WriteNumber("scale", f.Scale);
        w.WriteBoolean("searchPrefilterable", f.Type == "reference");
        w.WriteString("soapType", f.SoapType);
        w.WriteBoolean("sortable", f.Sortable);
        w.WriteString("type", f.Type);
        w.WriteBoolean("unique", f.Unique);
        w.WriteBoolean("updateable", f.Updateable);
        w.WriteBoolean("writeRequiresMasterRead", false);
        w.WriteEndObject();
    }

    private static void WriteNullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
