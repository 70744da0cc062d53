BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force

    function New-InvoiceMapping {
        New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -SalesforceIdProperty salesforce_id |
            Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number |
            Add-FieldMapping -SalesforceField Amount__c -HubSpotProperty amount |
            Add-FieldMapping -SalesforceField Billing_Email__c -HubSpotProperty billing_email
    }
}

AfterAll {
    Get-Module SfHsSync | Remove-Module
}

Describe 'A mapping changed after it exists, as a user does it' {
    BeforeEach {
        $script:File = Join-Path $TestDrive 'invoices.sync.yml'
        $script:State = Join-Path $TestDrive ("state-{0}.db" -f [guid]::NewGuid())
    }

    It 'edits a mapping file in one pipeline and reads the edits back' {
        New-InvoiceMapping | Export-SyncMapping -Path $script:File
        Import-SyncMapping -Path $script:File |
            Set-FieldMapping -SalesforceField Billing_Email__c -HubSpotProperty notes |
            Set-FieldMapping -HubSpotProperty amount -Direction SalesforceToHubSpot |
            Remove-FieldMapping -SalesforceField Name |
            Set-SyncMapping -ConflictWinner HubSpot -Clear SalesforceIdProperty |
            Disable-SyncMapping |
            Export-SyncMapping -Path $script:File -Force

        $read = Import-SyncMapping -Path $script:File
        $read.Status | Should -Be 'SavedForLater'
        $read.ConflictWinner | Should -Be 'HubSpot'
        $read.SalesforceIdProperty | Should -BeNullOrEmpty
        ($read.Fields | ForEach-Object { "$_" }) | Should -Be @('Amount__c -> amount', 'Billing_Email__c <-> notes')
    }

    It 'names a field the mapping does not have, with an ErrorId, and changes nothing' {
        $mapping = New-InvoiceMapping
        { $mapping | Set-FieldMapping -SalesforceField Notes__c -HubSpotProperty notes -ErrorAction Stop } |
            Should -Throw -ErrorId 'FieldMappingNotFound,SfHsSync.Commands.SetFieldMappingCommand'
        { $mapping | Remove-AssociationMapping -SalesforceField Account__c -ErrorAction Stop } |
            Should -Throw -ErrorId 'AssociationMappingNotFound,SfHsSync.Commands.RemoveAssociationMappingCommand'
        $mapping.Fields.Count | Should -Be 3
    }

    Context 'on the sandbox' {
        BeforeEach {
            $script:Sandbox = Start-SyncSandbox -Seed Demo
            # Test-SyncMapping's text-length warnings are not what these tests are about.
            $PSDefaultParameterValues['Start-Sync:WarningAction'] = 'SilentlyContinue'
        }

        AfterEach {
            $script:Sandbox | Stop-SyncSandbox
            $PSDefaultParameterValues.Remove('Start-Sync:WarningAction')
        }

        It 'previews a changed target property, syncs it once, and then has nothing to write' {
            $null = New-InvoiceMapping | Start-Sync -State $script:State
            $null = New-InvoiceMapping | Start-Sync -State $script:State
            New-InvoiceMapping | Set-FieldMapping Billing_Email__c -HubSpotProperty notes | Export-SyncMapping -Path $script:File -Force

            $plan = Start-Sync -Path $script:File -State $script:State -WhatIf
            $plan.Count | Should -Be 40 -Because 'every Demo invoice has a billing email and HubSpot notes start empty'
            $plan | ForEach-Object {
                $_.Action | Should -Be 'Update'
                $_.Changes.Count | Should -Be 1
                $_.Changes[0].HubSpotProperty | Should -Be 'notes'
            }

            $result = Start-Sync -Path $script:File -State $script:State
            $result.UpdatedInHubSpot | Should -Be 40
            $result.UpdatedInSalesforce | Should -Be 0

            $null = Start-Sync -Path $script:File -State $script:State
            Start-Sync -Path $script:File -State $script:State -WhatIf | Should -BeNullOrEmpty
        }

        It 'passes over a mapping paused in the state until it is enabled again' {
            $null = New-InvoiceMapping | Start-Sync -State $script:State
            $null = Disable-SyncMapping -Name Invoices -State $script:State

            New-InvoiceMapping | Start-Sync -State $script:State -WarningVariable warned -WarningAction SilentlyContinue | Should -BeNullOrEmpty
            "$warned" | Should -Match 'paused'

            $null = Enable-SyncMapping -Name Invoices -State $script:State
            (New-InvoiceMapping | Start-Sync -State $script:State).State | Should -Be 'Succeeded'
            (Get-SyncRun -State $script:State -Mapping Invoices).Count | Should -Be 2
        }
    }
}
