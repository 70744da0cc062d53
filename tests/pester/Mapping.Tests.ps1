BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force
}

AfterAll {
    Remove-Module SfHsSync -ErrorAction SilentlyContinue
}

Describe 'Sync mappings as a user builds them' {
    BeforeEach {
        Set-Content -Path TestDrive:/fields.csv -Value @'
SalesforceField,HubSpotProperty,Direction
Amount__c,amount,SalesforceToHubSpot
Tax_Rate__c,tax_rate,
Due_Date__c,due_date,TwoWay
Paid__c,paid,HubSpotToSalesforce
Notes__c,notes,None
'@
    }

    It 'chains New-SyncMapping, Add-FieldMapping and Add-AssociationMapping into a file and reads it back equal' {
        $accounts = New-SyncMapping -Name Accounts -SalesforceObject Account -HubSpotObject companies -SalesforceIdProperty salesforceaccountid |
            Add-FieldMapping Name name
        $invoices = New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices `
            -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c -ConflictWinner HubSpot -DeleteDirection TwoWay |
            Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number |
            Add-AssociationMapping -SalesforceField Account__c -HubSpotObject companies -Via $accounts
        $invoices = Import-Csv TestDrive:/fields.csv | Add-FieldMapping -Mapping $invoices

        $invoices | Should -BeOfType 'SfHsSync.Engine.Mapping.SyncMapping'
        $invoices.Fields.Count | Should -Be 6
        $invoices.Fields[2].HubSpotProperty | Should -Be 'tax_rate'
        "$($invoices.Fields[2].Direction)" | Should -Be 'TwoWay'
        "$($invoices.Fields[4].Direction)" | Should -Be 'HubSpotToSalesforce'
        $invoices.Associations[0].Via | Should -Be 'Accounts'

        $file = $accounts, $invoices | Export-SyncMapping -Path TestDrive:/mappings.yml -PassThru
        $file | Should -BeOfType [System.IO.FileInfo]
        $file.FullName | Should -Be (Join-Path $TestDrive 'mappings.yml')
        $text = Get-Content TestDrive:/mappings.yml -Raw
        $text | Should -Match '(?m)^formatVersion: 1$'
        $text | Should -Match '(?m)^mappings:$'
        $text | Should -Not -Match "`r"

        $read = @(Import-SyncMapping -Path TestDrive:/mappings.yml)
        $read.Count | Should -Be 2
        $read[0].Equals($accounts) | Should -BeTrue
        $read[1].Equals($invoices) | Should -BeTrue
        $read[1].Source.Line | Should -BeGreaterThan 1
        $read[1].Source.File | Should -Be (Join-Path $TestDrive 'mappings.yml')
    }

    It 'shows a mapping as a table with its field count' {
        $mapping = Import-Csv TestDrive:/fields.csv | Add-FieldMapping -Mapping (New-SyncMapping Invoices Invoice__c invoices -SaveForLater)
        $table = $mapping | Format-Table | Out-String -Width 200
        $table | Should -Match 'Name\s+SalesforceObject\s+HubSpotObject\s+Status\s+ConflictWinner\s+Fields'
        $table | Should -Match 'Invoices\s+Invoice__c\s+invoices\s+SavedForLater\s+Salesforce\s+5'
        $mapping.Fields | Format-Table | Out-String | Should -Match 'SalesforceField\s+Direction\s+HubSpotProperty'
    }

    It 'writes no file under -WhatIf and keeps an existing file without -Force' {
        $mapping = New-SyncMapping Invoices Invoice__c invoices
        $mapping | Export-SyncMapping -Path TestDrive:/whatif.yml -WhatIf
        Test-Path TestDrive:/whatif.yml | Should -BeFalse

        Set-Content TestDrive:/existing.yml 'keep me'
        { $mapping | Export-SyncMapping -Path TestDrive:/existing.yml -ErrorAction Stop } |
            Should -Throw -ErrorId 'SyncMappingFileExists,SfHsSync.Commands.ExportSyncMappingCommand'
        Get-Content TestDrive:/existing.yml | Should -Be 'keep me'

        $mapping | Export-SyncMapping -Path TestDrive:/existing.yml -Force
        (Import-SyncMapping TestDrive:/existing.yml).Name | Should -Be 'Invoices'
    }

    It 'refuses a malformed file naming the file and line' {
        Set-Content TestDrive:/broken.yml "formatVersion: 1`nname: Invoices`nsalesforceObject: Invoice__c`nhubSpotObject: invoices`nfields: [ { salesforceField: Name`n"
        { Import-SyncMapping TestDrive:/broken.yml -ErrorAction Stop } |
            Should -Throw -ErrorId 'SyncMappingYamlInvalid,SfHsSync.Commands.ImportSyncMappingCommand'
        $err = $null
        Import-SyncMapping TestDrive:/broken.yml -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].TargetObject.File | Should -Be (Join-Path $TestDrive 'broken.yml')
        $err[0].TargetObject.Line | Should -BeGreaterOrEqual 5
        $err[0].Exception.Message | Should -BeLike "*broken.yml (line *"
    }

    It 'refuses an unknown key and a newer format with their own ErrorIds' {
        Set-Content TestDrive:/unknown.yml "formatVersion: 1`nname: Invoices`nsalesforceObject: Invoice__c`nhubSpotObject: invoices`nSalesforceIdProperty: salesforce_id`n"
        { Import-SyncMapping TestDrive:/unknown.yml -ErrorAction Stop } |
            Should -Throw -ErrorId 'SyncMappingYamlUnknownKey,SfHsSync.Commands.ImportSyncMappingCommand' -ExpectedMessage "*line 5*did you mean 'salesforceIdProperty'*"

        Set-Content TestDrive:/newer.yml "formatVersion: 2`nmappings: []`n"
        { Import-SyncMapping TestDrive:/newer.yml -ErrorAction Stop } |
            Should -Throw -ErrorId 'SyncMappingFormatUnsupported,SfHsSync.Commands.ImportSyncMappingCommand' -ExpectedMessage '*reads format version 1*'
    }

    It 'refuses names that could break a query, naming the bad value' {
        { New-SyncMapping Invoices "Invoice__c WHERE Id != null" invoices -ErrorAction Stop } |
            Should -Throw -ErrorId 'SalesforceNameInvalid,SfHsSync.Commands.NewSyncMappingCommand' -ExpectedMessage "*'Invoice__c WHERE Id != null'*"
        { New-SyncMapping Invoices Invoice__c invoices | Add-FieldMapping Name 'Invoice Number' -ErrorAction Stop } |
            Should -Throw -ErrorId 'HubSpotNameInvalid,SfHsSync.Commands.AddFieldMappingCommand'
    }

    It 'reports every bad CSV row and then writes no partial mapping' {
        Add-Content TestDrive:/fields.csv "Amount__c,total,`nbad field,x,"
        $stopped = $null
        $written = @(
            try { Import-Csv TestDrive:/fields.csv | Add-FieldMapping -Mapping (New-SyncMapping Invoices Invoice__c invoices) -ErrorAction Continue 2>&1 }
            catch { $stopped = $_ }
        )
        $stopped.FullyQualifiedErrorId | Should -Be 'FieldMappingRowsFailed,SfHsSync.Commands.AddFieldMappingCommand'
        $stopped.Exception.Message | Should -BeLike '*2 of 7*'
        $written | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] } | Should -BeNullOrEmpty
        $written.FullyQualifiedErrorId | Should -Be @(
            'FieldMappingDuplicate,SfHsSync.Commands.AddFieldMappingCommand'
            'SalesforceNameInvalid,SfHsSync.Commands.AddFieldMappingCommand')
    }
}
