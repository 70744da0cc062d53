using System.Text.Json;
using System.Text.Json.Serialization;

namespace SfHsSync.Engine.HubSpot;

// The JSON shapes of HubSpot's CRM v3/v4 APIs, named after the OpenAPI components they mirror. Requests carry every member
// the specs mark as required (an empty list where we have nothing), so a validating proxy finds nothing to report.

internal static class HubSpotJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

internal sealed record WireObject(
    string Id,
    Dictionary<string, string?>? Properties,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Archived,
    [property: JsonPropertyName("new")] bool? New = null,
    string? ObjectWriteTraceId = null)
{
    public HubSpotRecord ToRecord()
        => new(Id, (IReadOnlyDictionary<string, string?>?)Properties ?? new Dictionary<string, string?>(), CreatedAt, UpdatedAt, Archived);
}

internal sealed record WireNextPage(string After, string? Link);

internal sealed record WirePaging(WireNextPage? Next);

internal sealed record WireObjectPage(List<WireObject> Results, WirePaging? Paging, int? Total);

internal sealed record WireErrorDetail(string Message, string? Code, Dictionary<string, List<string>>? Context, string? In);

/// <summary>StandardError (inside batch answers) and Error (a whole call's answer) share these members.</summary>
internal sealed record WireError(
    string? Status,
    string? Category,
    string? Message,
    Dictionary<string, List<string>>? Context,
    List<WireErrorDetail>? Errors,
    string? CorrelationId,
    string? PolicyName,
    string? ErrorType);

internal sealed record WireBatchObjects(string Status, List<WireObject> Results, int? NumErrors, List<WireError>? Errors);

internal sealed record WireObjectId(string Id);

internal sealed record WireBatchRead(List<WireObjectId> Inputs, List<string> Properties, List<string> PropertiesWithHistory, string? IdProperty);

internal sealed record WireAssociationSpec(string AssociationCategory, int AssociationTypeId);

internal sealed record WireAssociationForCreate(WireObjectId To, List<WireAssociationSpec> Types);

internal sealed record WireCreateInput(Dictionary<string, string> Properties, List<WireAssociationForCreate> Associations, string ObjectWriteTraceId);

internal sealed record WireUpdateInput(string Id, Dictionary<string, string> Properties, string ObjectWriteTraceId, string? IdProperty);

internal sealed record WireUpsertInput(string Id, string IdProperty, Dictionary<string, string> Properties, string ObjectWriteTraceId);

internal sealed record WireInputs<T>(List<T> Inputs);

internal sealed record WireFilter(string PropertyName, string Operator, string? Value = null, List<string>? Values = null, string? HighValue = null);

internal sealed record WireFilterGroup(List<WireFilter> Filters);

internal sealed record WireSearch(List<WireFilterGroup> FilterGroups, List<string> Sorts, List<string> Properties, int Limit, string After);

internal sealed record WireOption(string Value, string Label, bool Hidden, int? DisplayOrder = null);

internal sealed record WireModificationMetadata(bool ReadOnlyValue);

internal sealed record WireProperty(
    string Name,
    string? Label,
    string Type,
    string FieldType,
    List<WireOption>? Options,
    bool? HasUniqueValue,
    bool? Calculated,
    WireModificationMetadata? ModificationMetadata,
    bool? Archived,
    string? GroupName = null,
    string? Description = null,
    bool? HubSpotDefined = null,
    string? CalculationFormula = null);

internal sealed record WirePropertyList(List<WireProperty> Results);

internal sealed record WireAssociationDefinition(string Id, string FromObjectTypeId, string ToObjectTypeId, string? Name);

internal sealed record WireSchema(
    string Id,
    string Name,
    string? ObjectTypeId,
    string? FullyQualifiedName,
    string? PrimaryDisplayProperty,
    List<string>? RequiredProperties,
    List<string>? SearchableProperties,
    List<WireProperty>? Properties,
    List<WireAssociationDefinition>? Associations,
    bool? Archived,
    WireSchemaLabels? Labels = null,
    List<string>? SecondaryDisplayProperties = null,
    string? Description = null);

internal sealed record WireSchemaLabels(string? Singular, string? Plural);

internal sealed record WireSchemaList(List<WireSchema> Results);

internal sealed record WireAssociationCreate(WireObjectId From, WireObjectId To, List<WireAssociationSpec> Types);

internal sealed record WireLabelsBetweenObjectPair(string FromObjectId, string FromObjectTypeId, string ToObjectId, string ToObjectTypeId, List<string>? Labels);

internal sealed record WireBatchAssociationCreated(string Status, List<WireLabelsBetweenObjectPair> Results, int? NumErrors, List<WireError>? Errors);

internal sealed record WireAssociationFetch(string Id, string? After = null);

internal sealed record WireAssociationSpecWithLabel(string Category, int TypeId, string? Label);

internal sealed record WireAssociatedObject(string ToObjectId, List<WireAssociationSpecWithLabel> AssociationTypes);

internal sealed record WireAssociationsOfObject(WireObjectId From, List<WireAssociatedObject> To, WirePaging? Paging);

internal sealed record WireBatchAssociationRead(string Status, List<WireAssociationsOfObject> Results, int? NumErrors, List<WireError>? Errors);

internal sealed record WireAssociationArchive(WireObjectId From, List<WireObjectId> To);

internal sealed record WireAssociationTypeList(List<WireAssociationSpecWithLabel> Results);

internal sealed record WireLabelCreate(string Label, string Name);
