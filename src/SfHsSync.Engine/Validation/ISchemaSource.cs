using SfHsSync.Engine.HubSpot;
using SfHsSync.Engine.Metadata;
using SfHsSync.Engine.Salesforce;

namespace SfHsSync.Engine.Validation;

/// <summary>
/// Where the validator reads both sides' metadata: the live clients (<see cref="ConnectedSchemaSource"/>) or, in unit
/// tests, a fixed set. A missing object is null, not an error: a missing object is a finding, not a failure.
/// </summary>
public interface ISchemaSource
{
    /// <summary>Every object of the Salesforce org (global describe).</summary>
    Task<IReadOnlyList<SalesforceObjectSummary>> GetSalesforceObjectsAsync(CancellationToken cancellationToken);

    /// <summary>The describe of one Salesforce object, or null when the org has no such object.</summary>
    Task<SalesforceObjectDescription?> DescribeSalesforceObjectAsync(string objectName, CancellationToken cancellationToken);

    /// <summary>Every custom object schema of the HubSpot account.</summary>
    Task<IReadOnlyList<HubSpotObjectSchema>> GetHubSpotCustomObjectsAsync(CancellationToken cancellationToken);

    /// <summary>A HubSpot object (custom or standard) by name, objectTypeId or fully qualified name, or null when there is none.</summary>
    Task<HubSpotObjectSchema?> GetHubSpotObjectAsync(string objectType, CancellationToken cancellationToken);

    /// <summary>The association types defined from one HubSpot object type to another (empty when none).</summary>
    Task<IReadOnlyList<HubSpotAssociationType>> GetHubSpotAssociationTypesAsync(string fromObjectTypeId, string toObjectTypeId, CancellationToken cancellationToken);

    /// <summary>The HubSpot private app token's scopes, or null when they cannot be known (no such endpoint, an OAuth token).</summary>
    Task<IReadOnlyList<string>?> GetHubSpotTokenScopesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>?>(null);

    /// <summary>How many records the Salesforce object holds (one COUNT() query), or null when it cannot be counted.</summary>
    Task<long?> CountSalesforceRecordsAsync(string objectName, CancellationToken cancellationToken) => Task.FromResult<long?>(null);
}
