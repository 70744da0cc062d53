BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force

    function New-InvoiceMapping([string] $Direction = 'SalesforceToHubSpot') {
        New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c |
            Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number -Direction SalesforceToHubSpot |
            Add-AssociationMapping -SalesforceField Account__c -HubSpotObject companies -TargetIdProperty salesforceaccountid -Direction $Direction
    }

    . (Join-Path $PSScriptRoot 'Support/SandboxCalls.ps1')

    # A two-way mapping file, synced once (the 40 associations made); returns its path.
    function Initialize-TwoWaySync([string] $Name) {
        $file = Join-Path $TestDrive $Name
        New-InvoiceMapping -Direction TwoWay | Export-SyncMapping -Path $file
        (Start-Sync -Path $file -State $script:State).Associations.Created | Should -Be 40
        $file
    }

    # Moves an invoice's company association in HubSpot to another company, through the v4 API, and nothing else.
    function Move-InvoiceCompany($Invoice) {
        $hubSpotId = (Invoke-HubSpot "crm/v3/objects/2-1234567/$($Invoice.Id)?idProperty=salesforce_id").id
        $companies = (Invoke-HubSpot "crm/v3/objects/companies?limit=100&properties=salesforceaccountid").results
        $old = ($companies | Where-Object { $_.properties.salesforceaccountid -eq $Invoice.Account__c }).id
        $new = $companies | Where-Object { $_.properties.salesforceaccountid -ne $Invoice.Account__c } | Select-Object -First 1
        $type = (Invoke-HubSpot 'crm/associations/v4/2-1234567/companies/labels').results | Where-Object { -not $_.label } | Select-Object -First 1
        Invoke-HubSpot 'crm/v4/associations/2-1234567/companies/batch/archive' -Method Post -Body @{ inputs = @(@{ from = @{ id = $hubSpotId }; to = @(@{ id = $old }) }) } | Out-Null
        Invoke-HubSpot 'crm/v4/associations/2-1234567/companies/batch/create' -Method Post -Body @{
            inputs = @(@{ from = @{ id = $hubSpotId }; to = @{ id = $new.id }; types = @(@{ associationCategory = $type.category; associationTypeId = $type.typeId }) })
        } | Out-Null
        [pscustomobject] @{ HubSpotId = $hubSpotId; Account = $new.properties.salesforceaccountid }
    }

    # The companies an invoice (by its Salesforce Id) is associated with in HubSpot, by their salesforceaccountid.
    function Get-InvoiceAccounts([string] $InvoiceId) {
        $hubSpotId = (Invoke-HubSpot "crm/v3/objects/2-1234567/$($InvoiceId)?idProperty=salesforce_id").id
        $companies = (Invoke-HubSpot "crm/v3/objects/companies?limit=100&properties=salesforceaccountid").results
        @((Invoke-HubSpot "crm/v4/objects/2-1234567/$hubSpotId/associations/companies").results | ForEach-Object {
            $to = $_.toObjectId
            ($companies | Where-Object id -eq $to).properties.salesforceaccountid
        })
    }
}

AfterAll {
    Get-Module SfHsSync | Remove-Module
}

Describe 'Add-AssociationMapping carried by Start-Sync, as a user runs it' {
    BeforeEach {
        $script:Sandbox = Start-SyncSandbox -Seed Demo
        $script:State = Join-Path $TestDrive ("state-{0}.db" -f [guid]::NewGuid())
        $script:Invoices = (Invoke-Salesforce 'query?q=SELECT+Id,Account__c+FROM+Invoice__c+ORDER+BY+Id').records
        $script:Accounts = @((Invoke-Salesforce 'query?q=SELECT+Id+FROM+Account+ORDER+BY+Id').records.Id)
    }

    AfterEach {
        $script:Sandbox | Stop-SyncSandbox
    }

    It 'checks the association, previews it with -WhatIf, makes it, and moves it when the lookup changes' {
        New-InvoiceMapping | Test-SyncMapping -Quiet | Should -BeTrue

        $plan = New-InvoiceMapping | Start-Sync -State $script:State -WhatIf
        $planned = @($plan | Where-Object { $_.Associations.Count -gt 0 })
        $planned.Count | Should -Be 40
        $planned[0].Associations[0].Kind | Should -Be 'Create'
        $planned[0].Associations[0].Field | Should -Be 'Account__c'
        Get-SyncRun -State $script:State | Should -BeNullOrEmpty -Because 'a preview writes nothing'

        $first = New-InvoiceMapping | Start-Sync -State $script:State
        $first.State | Should -Be 'Succeeded'
        $first.Associations.Created | Should -Be 40
        $invoice = $script:Invoices[0]
        Get-InvoiceAccounts $invoice.Id | Should -Be @($invoice.Account__c)

        $other = $script:Accounts | Where-Object { $_ -ne $invoice.Account__c } | Select-Object -First 1
        Invoke-Salesforce "sobjects/Invoice__c/$($invoice.Id)" -Method Patch -Body @{ Account__c = $other } | Out-Null
        $second = New-InvoiceMapping | Start-Sync -State $script:State
        $second.Associations.Archived | Should -Be 1
        $second.Associations.Created | Should -Be 1
        Get-InvoiceAccounts $invoice.Id | Should -Be @($other)

        Invoke-Salesforce "sobjects/Invoice__c/$($invoice.Id)" -Method Patch -Body @{ Account__c = $null } | Out-Null
        (New-InvoiceMapping | Start-Sync -State $script:State).Associations.Archived | Should -Be 1
        Get-InvoiceAccounts $invoice.Id | Should -BeNullOrEmpty
    }

    It 'carries associations from a YAML file, and two-way brings a HubSpot change back to the lookup' {
        $file = Initialize-TwoWaySync 'invoices.sync.yml'
        $invoice = $script:Invoices[1]
        $move = Move-InvoiceCompany $invoice
        # HubSpot reports the invoice as changed; the sync reads the associations of the records it reads.
        Invoke-HubSpot "crm/v3/objects/2-1234567/$($move.HubSpotId)" -Method Patch -Body @{ properties = @{ notes = 'company changed' } } | Out-Null

        $result = Start-Sync -Path $file -State $script:State
        $result.Associations.UpdatedInSalesforce | Should -Be 1
        (Invoke-Salesforce "sobjects/Invoice__c/$($invoice.Id)").Account__c | Should -Be $move.Account
    }

    It 'misses an association moved in HubSpot alone without -ScanAssociations, and carries it with it, then finds nothing more' {
        # -HubSpotSearchLag 0: the sandbox's search is current, so a pass reads only what changed since the last one.
        $file = Initialize-TwoWaySync 'scanned.sync.yml'
        (Start-Sync -Path $file -State $script:State -HubSpotSearchLag 0).Associations.Created | Should -Be 0

        # Only the association moves: the invoice is not among HubSpot's changed records.
        $invoice = $script:Invoices[2]
        $move = Move-InvoiceCompany $invoice
        (Start-Sync -Path $file -State $script:State -HubSpotSearchLag 0).Associations.UpdatedInSalesforce | Should -Be 0
        (Invoke-Salesforce "sobjects/Invoice__c/$($invoice.Id)").Account__c | Should -Be $invoice.Account__c

        $scanned = Start-Sync -Path $file -State $script:State -HubSpotSearchLag 0 -ScanAssociations
        $scanned.State | Should -Be 'Succeeded'
        $scanned.Associations.UpdatedInSalesforce | Should -Be 1
        (Invoke-Salesforce "sobjects/Invoice__c/$($invoice.Id)").Account__c | Should -Be $move.Account
        Get-InvoiceAccounts $invoice.Id | Should -Be @($move.Account)

        $again = Start-Sync -Path $file -State $script:State -HubSpotSearchLag 0 -ScanAssociations
        $again.Associations.UpdatedInSalesforce + $again.Associations.Created + $again.Associations.Archived | Should -Be 0
    }

    It 'refuses an association whose target property does not exist, before writing anything' {
        $bad = New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -SalesforceIdProperty salesforce_id |
            Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number -Direction SalesforceToHubSpot |
            Add-AssociationMapping -SalesforceField Account__c -HubSpotObject companies -TargetIdProperty salesforce_account
        $diagnostic = $bad | Test-SyncMapping | Where-Object RuleId -eq 'AS003'
        $diagnostic.Message | Should -Match "no property 'salesforce_account'"
        { $bad | Start-Sync -State $script:State -ErrorAction Stop } | Should -Throw -ErrorId 'SyncMappingInvalid,SfHsSync.Commands.StartSyncCommand'
        Get-SyncRun -State $script:State | Should -BeNullOrEmpty
    }
}
