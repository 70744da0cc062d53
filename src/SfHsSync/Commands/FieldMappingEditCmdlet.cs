using SfHsSync.Engine.Mapping;

namespace SfHsSync.Commands;

/// <summary>
/// What Set-FieldMapping and Remove-FieldMapping share: a field mapping named by its Salesforce field, its HubSpot
/// property or both, the names checked before any mapping is touched, and rows piped in by property name.
/// </summary>
public abstract class FieldMappingEditCmdlet : SyncMappingBuilderCmdlet
{
    /// <summary>The -SalesforceField the call names, or null.</summary>
    private protected abstract string? SalesforceFieldName { get; }

    /// <summary>The -HubSpotProperty the call names, or null.</summary>
    private protected abstract string? HubSpotPropertyName { get; }

    private protected sealed override string RowsFailedErrorId => "FieldMappingRowsFailed";

    // A piped mapping can only be told which field by arguments, so their absence is caught before any mapping.
    private protected sealed override bool NamesBoundAsArguments
        => !MyInvocation.BoundParameters.ContainsKey(nameof(Mapping))
           || MyInvocation.BoundParameters.ContainsKey("SalesforceField") || MyInvocation.BoundParameters.ContainsKey("HubSpotProperty");

    /// <summary>Refuses a Salesforce field or HubSpot property name that could not be one, before anything changes.</summary>
    private protected void CheckNames()
    {
        if (SalesforceFieldName is not null)
        {
            SalesforceName.Check(SalesforceFieldName, "Salesforce field");
        }

        if (HubSpotPropertyName is not null)
        {
            HubSpotName.CheckProperty(HubSpotPropertyName, "HubSpot property");
        }
    }
}
