BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force

    function New-InvoiceMapping {
        New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices `
            -CreateDirection TwoWay -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c |
            Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number |
            Add-FieldMapping -SalesforceField Amount__c -HubSpotProperty amount |
            Add-FieldMapping -SalesforceField Due_Date__c -HubSpotProperty due_date |
            Add-FieldMapping -SalesforceField Paid__c -HubSpotProperty paid |
            Add-FieldMapping -SalesforceField Units__c -HubSpotProperty units -Direction HubSpotToSalesforce
    }
}

AfterAll {
    Get-Module SfHsSync | Remove-Module
}

Describe 'Start-Sync on the sandbox, as a user runs it' {
    BeforeEach {
        $script:Sandbox = Start-SyncSandbox -Seed Demo
        $script:State = Join-Path $TestDrive ("state-{0}.db" -f [guid]::NewGuid())
    }

    AfterEach {
        $script:Sandbox | Stop-SyncSandbox
    }

    It 'previews with -WhatIf, syncs, and a second pass writes nothing' {
        $plan = New-InvoiceMapping | Start-Sync -State $script:State -WhatIf
        $plan | Should -Not -BeNullOrEmpty
        $plan | ForEach-Object { $_ | Should -BeOfType 'SfHsSync.Engine.Sync.SyncPlanItem' }
        @($plan | Where-Object Action -eq 'CreateInHubSpot').Count | Should -Be 40
        Get-SyncRun -State $script:State | Should -BeNullOrEmpty -Because 'a preview writes nothing, not even a run'

        $first = New-InvoiceMapping | Start-Sync -State $script:State
        $first | Should -BeOfType 'SfHsSync.Engine.Sync.SyncRunResult'
        $first.State | Should -Be 'Succeeded'
        $first.CreatedInHubSpot | Should -Be 40
        $first.Failed | Should -Be 0

        $second = New-InvoiceMapping | Start-Sync -State $script:State
        $second.State | Should -Be 'Succeeded'
        ($second.CreatedInHubSpot + $second.UpdatedInHubSpot + $second.CreatedInSalesforce + $second.UpdatedInSalesforce) | Should -Be 0

        $runs = Get-SyncRun -State $script:State -Mapping Invoices
        $runs.Count | Should -Be 2
        $runs[0].Id | Should -BeGreaterThan $runs[1].Id
    }

    It 'runs mappings read from a YAML file with -Path' {
        $file = Join-Path $TestDrive 'invoices.sync.yml'
        New-InvoiceMapping | Export-SyncMapping -Path $file
        $result = Start-Sync -Path $file -State $script:State
        $result.CreatedInHubSpot | Should -Be 40
    }

    It 'reports a run whose records failed as an error, never as a success, and keeps each reason' {
        # A HubSpot record whose amount Salesforce cannot hold (currency 16,2) comes back to Salesforce and is refused.
        $null = New-InvoiceMapping | Start-Sync -State $script:State
        $token = [Net.NetworkCredential]::new('', $script:Sandbox.HubSpot.AccessToken).Password
        $headers = @{ Authorization = "Bearer $token" }
        $id = (Invoke-RestMethod -Uri "$($script:Sandbox.HubSpotUrl)crm/v3/objects/2-1234567?limit=1" -Headers $headers).results[0].id
        $body = @{ properties = @{ amount = '123456789012345678' } } | ConvertTo-Json
        Invoke-RestMethod -Method Patch -Uri "$($script:Sandbox.HubSpotUrl)crm/v3/objects/2-1234567/$id" -Body $body -ContentType 'application/json' -Headers $headers | Out-Null

        $result = New-InvoiceMapping | Start-Sync -State $script:State -ErrorVariable syncErrors -ErrorAction SilentlyContinue
        $result.State | Should -Be 'CompletedWithErrors'
        $result.Failed | Should -Be 1
        $syncErrors.Count | Should -Be 1
        $syncErrors[0].FullyQualifiedErrorId | Should -Be 'SyncRunCompletedWithErrors,SfHsSync.Commands.StartSyncCommand'

        $failure = Get-SyncError -State $script:State -Mapping Invoices
        $failure.RecordId | Should -Be $id
        $failure.Side | Should -Be 'Salesforce'
        $failure.ErrorCode | Should -Be 'NUMBER_OUTSIDE_VALID_RANGE'
    }

    It 'refuses a mapping that fails its checks before reading or writing anything' {
        $bad = New-SyncMapping -Name Broken -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -SalesforceIdProperty salesforce_id |
            Add-FieldMapping -SalesforceField No_Such_Field__c -HubSpotProperty invoice_number
        { $bad | Start-Sync -State $script:State -ErrorAction Stop } | Should -Throw -ErrorId 'SyncMappingInvalid,SfHsSync.Commands.StartSyncCommand'
        Get-SyncRun -State $script:State | Should -BeNullOrEmpty
    }

    It 'skips a mapping saved for later unless -Force names it' {
        $saved = New-SyncMapping -Name Later -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -SalesforceIdProperty salesforce_id -SaveForLater |
            Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number
        $saved | Start-Sync -State $script:State -WarningVariable warned -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        $warned | Should -Match 'saved for later'
        ($saved | Start-Sync -State $script:State -Force).CreatedInHubSpot | Should -Be 40
    }

    It 'repeats passes with -Continuous until told to stop' {
        $results = New-InvoiceMapping | Start-Sync -State $script:State -Continuous -Interval '00:00:00.2' -MaxPasses 3
        $results.Count | Should -Be 3
        $results[0].CreatedInHubSpot | Should -Be 40
        $results[2].CreatedInHubSpot | Should -Be 0
    }

    It 'holds each watermark back by its lag (-SalesforceCommitLag, -HubSpotSearchLag), and trusts the stamps when both are 0' {
        function Get-Watermarks {
            $store = [SfHsSync.Engine.State.StateStore]::OpenAsync([SfHsSync.Engine.State.StateLocation]::Parse($script:State), [Threading.CancellationToken]::None).GetAwaiter().GetResult()
            try { $store.GetWatermarksAsync('Invoices', [Threading.CancellationToken]::None).GetAwaiter().GetResult() }
            finally { $store.DisposeAsync().AsTask().GetAwaiter().GetResult() }
        }

        function Set-Amount([string] $Id, [decimal] $Amount) {
            $token = [Net.NetworkCredential]::new('', $script:Sandbox.Salesforce.AccessToken).Password
            Invoke-RestMethod -Method Patch -Uri "$($script:Sandbox.SalesforceUrl)services/data/v59.0/sobjects/Invoice__c/$Id" -Headers @{ Authorization = "Bearer $token" } `
                -ContentType 'application/json' -Body (@{ Amount__c = $Amount } | ConvertTo-Json) | Out-Null
        }

        (New-InvoiceMapping | Start-Sync -State $script:State).CreatedInHubSpot | Should -Be 40
        $token = [Net.NetworkCredential]::new('', $script:Sandbox.Salesforce.AccessToken).Password
        $id = (Invoke-RestMethod -Uri "$($script:Sandbox.SalesforceUrl)services/data/v59.0/query?q=SELECT+Id+FROM+Invoice__c+ORDER+BY+Id+LIMIT+1" -Headers @{ Authorization = "Bearer $token" }).records[0].Id

        # Defaults: the change just made is inside the commit lag, so the Salesforce watermark stays two minutes behind
        # the org's time, carries no Id, and remembers the record; HubSpot's stays 30 seconds behind the pass's start.
        Set-Amount $id 4242.42
        $held = New-InvoiceMapping | Start-Sync -State $script:State
        $held.UpdatedInHubSpot | Should -Be 1
        $marks = Get-Watermarks
        $marks.SalesforceLastId | Should -BeNullOrEmpty
        $marks.SalesforceSeen.Keys | Should -Contain $id
        $marks.Salesforce | Should -BeLessOrEqual $held.StartedAt.AddMinutes(-2).AddSeconds(2)
        $marks.HubSpot | Should -BeLessOrEqual $held.FinishedAt.AddSeconds(-30)
        $marks.HubSpot | Should -BeGreaterOrEqual $held.StartedAt.AddSeconds(-31)

        # Both lags at 0: the Salesforce watermark continues right after the record read, HubSpot's just after its last change.
        Set-Amount $id 4343.43
        $trusted = New-InvoiceMapping | Start-Sync -State $script:State -SalesforceCommitLag 0 -HubSpotSearchLag 0
        $trusted.UpdatedInHubSpot | Should -Be 1
        $marks = Get-Watermarks
        $marks.SalesforceLastId | Should -Be $id
        $marks.SalesforceSeen.Count | Should -Be 0
        $marks.HubSpot | Should -BeGreaterThan $held.StartedAt

        { New-InvoiceMapping | Start-Sync -State $script:State -SalesforceCommitLag '-00:00:01' } | Should -Throw -ErrorId 'SyncParameterOutOfRange,SfHsSync.Commands.StartSyncCommand'
    }
}
