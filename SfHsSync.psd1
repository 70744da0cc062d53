@{
    RootModule             = 'SfHsSync.psm1'
    # The one place the version is set: build.ps1 stamps it on the assemblies and picks CHANGELOG.md's section by it.
    ModuleVersion          = '0.1.0'
    GUID                   = '5b0f3c1e-8d2a-4f61-9a47-3c6e2b7d9f10'
    Author                 = 'The SfHsSync authors'
    CompanyName            = 'SfHsSync'
    Copyright              = '(c) 2026 The SfHsSync authors. MIT License.'
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
        'Export-SyncSandboxSeed'
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
        'Export-SyncReport'
        'Get-SyncRecord'
    )
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Salesforce', 'HubSpot', 'Sync', 'CRM', 'YAML', 'AzureDevOps', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            ProjectUri   = 'https://github.com/sfhssync/SfHsSync'
            LicenseUri   = 'https://github.com/sfhssync/SfHsSync/blob/main/LICENSE'
            # Written by ./build.ps1 from CHANGELOG.md's section for ModuleVersion.
            ReleaseNotes = ''
        }
    }
}
