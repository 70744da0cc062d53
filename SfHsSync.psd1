@{
    RootModule             = 'SfHsSync.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '5b0f3c1e-8d2a-4f61-9a47-3c6e2b7d9f10'
    Author                 = 'SfHsSync'
    CompanyName            = 'SfHsSync'
    Copyright              = '(c) SfHsSync. All rights reserved.'
    Description            = 'Two-way sync between Salesforce objects and HubSpot custom objects, as code: mappings in YAML, checked against both live schemas, previewed, imported and kept in step, with a built-in sandbox of both APIs.'
    PowerShellVersion      = '7.4'
    CompatiblePSEditions   = @('Core')
    FormatsToProcess       = @(
        'SfHsSync.Mapping.format.ps1xml'
        'SfHsSync.Connection.format.ps1xml'
        'SfHsSync.State.format.ps1xml'
        'SfHsSync.Validation.format.ps1xml'
        'SfHsSync.Sync.format.ps1xml'
        'SfHsSync.Import.format.ps1xml'
    )
    FunctionsToExport      = @()
    CmdletsToExport        = @(
        'New-SyncMapping'
        'Add-FieldMapping'
        'Add-AssociationMapping'
        'Export-SyncMapping'
        'Import-SyncMapping'
        'Test-SyncMapping'
        'Connect-Salesforce'
        'Connect-HubSpot'
        'Start-SyncSandbox'
        'Stop-SyncSandbox'
        'Get-SyncRun'
        'Get-SyncError'
        'Get-SyncConflict'
        'Start-Sync'
        'Set-FieldMapping'
        'Remove-FieldMapping'
        'Remove-AssociationMapping'
        'Set-SyncMapping'
        'Enable-SyncMapping'
        'Disable-SyncMapping'
        'Import-SalesforceObject'
        'Get-SyncImport'
        'Copy-SyncState'
        'Get-SyncRecord'
    )
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags       = @('Salesforce', 'HubSpot', 'Sync', 'CRM', 'YAML')
        }
    }
}
