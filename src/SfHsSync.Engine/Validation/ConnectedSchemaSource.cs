using System.Collections.Concurrent;
using SfHsSync.Engine.Errors;
using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Metadata;
using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Engine.Validation;

/// <summary>
/// Metadata read through the live clients, each piece at most once: the clients cache describes and schemas, and this
/// source caches what they do not (missing objects, association types). It does not own the clients.
/// </summary>
public sealed class ConnectedSchemaSource : ISchemaSource
{
    private const string SalesforceObjectNotFound = "SalesforceObjectNotFound";
    private const string HubSpotObjectNotFound = "HubSpotObjectNotFound";
    private const string HubSpotRequestFailed = "HubSpotRequestFailed";
    private const string UnknownObjectType = "Unable to infer object type";

    private readonly SalesforceClient _salesforce;
    private readonly HubSpotClient _hubSpot;
    private readonly ConcurrentDictionary<string, HubSpotObjectSchema?> _hubSpotObjects = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(string From, string To), IReadOnlyList<HubSpotAssociationType>> _associationTypes = new();
    private IReadOnlyList<HubSpotObjectSchema>? _customObjects;

    public ConnectedSchemaSource(SalesforceClient salesforce, HubSpotClient hubSpot)
    {
        ArgumentNullException.ThrowIfNull(salesforce);
        ArgumentNullException.ThrowIfNull(hubSpot);
        _salesforce = salesforce;
        _hubSpot = hubSpot;
    }

    public Task<IReadOnlyList<SalesforceObjectSummary>> GetSalesforceObjectsAsync(CancellationToken cancellationToken)
        => _salesforce.DescribeGlobalAsync(cancellationToken);

    public async Task<SalesforceObjectDescription?> DescribeSalesforceObjectAsync(string objectName, CancellationToken cancellationToken)
    {
        try
        {
            return await _salesforce.DescribeAsync(objectName, cancellationToken).ConfigureAwait(false);
        }
        catch (SyncException ex) when (ex.ErrorId == SalesforceObjectNotFound)
        {
            return null;
        }
    }

    public async Task<long?> CountSalesforceRecordsAsync(string objectName, CancellationToken cancellationToken)
    {
        try
        {
            var description = await _salesforce.DescribeAsync(objectName, cancellationToken).ConfigureAwait(false);
            return await _salesforce.CountAsync(SoqlQuery.Count(description), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (SyncException)
        {
            // Not countable (not queryable, no access): the rule states the cost per 2,000 records instead.
            return null;
        }
    }

    public Task<IReadOnlyList<string>?> GetHubSpotTokenScopesAsync(CancellationToken cancellationToken) => _hubSpot.GetTokenScopesAsync(cancellationToken);

    public async Task<IReadOnlyList<HubSpotObjectSchema>> GetHubSpotCustomObjectsAsync(CancellationToken cancellationToken)
        => _customObjects ??= await _hubSpot.GetSchemasAsync(cancellationToken).ConfigureAwait(false);

    public async Task<HubSpotObjectSchema?> GetHubSpotObjectAsync(string objectType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectType);
        if (_hubSpotObjects.TryGetValue(objectType, out var known))
        {
            return known;
        }

        // A custom object already listed costs no call; anything else is asked for once, and a miss is remembered too.
        var schema = (await GetHubSpotCustomObjectsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.IsNamed(objectType));
        if (schema is null)
        {
            try
            {
                schema = await _hubSpot.GetSchemaAsync(objectType, cancellationToken).ConfigureAwait(false);
            }
            catch (SyncException ex) when (IsUnknownObject(ex))
            {
                schema = null;
            }
        }

        _hubSpotObjects[objectType] = schema;
        return schema;
    }

    // A schema read answers 404 for an unknown custom object; the properties API answers 400 "Unable to infer object
    // type from: leads" for a standard object the account does not have.
    private static bool IsUnknownObject(SyncException ex)
        => ex.ErrorId == HubSpotObjectNotFound
           || (ex.ErrorId == HubSpotRequestFailed && ex.Kind == SyncErrorKind.InvalidData && ex.Message.Contains(UnknownObjectType, StringComparison.OrdinalIgnoreCase));

    public async Task<IReadOnlyList<HubSpotAssociationType>> GetHubSpotAssociationTypesAsync(string fromObjectTypeId, string toObjectTypeId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(fromObjectTypeId);
        ArgumentException.ThrowIfNullOrEmpty(toObjectTypeId);
        if (_associationTypes.TryGetValue((fromObjectTypeId, toObjectTypeId), out var known))
        {
            return known;
        }

        IReadOnlyList<HubSpotAssociationType> types;
        try
        {
            types = await _hubSpot.GetAssociationTypesAsync(fromObjectTypeId, toObjectTypeId, cancellationToken).ConfigureAwait(false);
        }
        catch (SyncException ex) when (ex.ErrorId == HubSpotObjectNotFound)
        {
            types = [];
        }

        _associationTypes[(fromObjectTypeId, toObjectTypeId)] = types;
        return types;
    }
}
