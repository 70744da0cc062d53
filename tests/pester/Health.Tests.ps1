BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force

    function New-StatusMapping([switch] $WithAccounts) {
        $mapping = New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c |
            Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number -Direction SalesforceToHubSpot |
            Add-FieldMapping -SalesforceField Status__c -HubSpotProperty status -Direction SalesforceToHubSpot
        if ($WithAccounts) {
            $mapping = $mapping | Add-AssociationMapping -SalesforceField Account__c -HubSpotObject companies -TargetIdProperty salesforceaccountid
        }

        $mapping
    }

    . (Join-Path $PSScriptRoot 'Support/SandboxCalls.ps1')
}

AfterAll {
    Get-Module SfHsSync | Remove-Module
}

Describe 'Sync health: errors by kind, and records resynced on demand' {
    BeforeEach {
        $script:Sandbox = Start-SyncSandbox -Seed Demo
        $script:State = Join-Path $TestDrive ("state-{0}.db" -f [guid]::NewGuid())
        $script:File = Join-Path $TestDrive ("invoices-{0}.sync.yml" -f [guid]::NewGuid())
    }

    AfterEach {
        $script:Sandbox | Stop-SyncSandbox
    }

    It 'sorts the failures into categories with a hint, summarises them, and resyncs exactly the failed records from the pipeline' {
        New-StatusMapping | Export-SyncMapping -Path $script:File
        $first = Start-Sync -Path $script:File -State $script:State -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $first.State | Should -Be 'CompletedWithErrors'
        $first.Failed | Should -Be 8

        $failed = @(Get-SyncError -State $script:State -Category PropertyValue)
        $failed.Count | Should -Be 8
        $failed | ForEach-Object {
            $_.Category | Should -Be 'PropertyValue'
            $_.ErrorCode | Should -Be 'INVALID_OPTION'
            $_.Hint | Should -Match 'Status__c \(HubSpot status\)'
            $_.Hint | Should -Match "'Void'"
        }
        @(Get-SyncError -State $script:State -Category Permission, Duplicate).Count | Should -Be 0
        @(Get-SyncError -State $script:State -Since (Get-Date).AddMinutes(5)).Count | Should -Be 0
        @(Get-SyncError -State $script:State -Since (Get-Date).AddMinutes(-5)).Count | Should -Be 8

        $summary = @(Get-SyncError -State $script:State -Summary)
        $summary.Count | Should -Be 1
        $summary[0] | Should -BeOfType 'SfHsSync.Engine.State.SyncErrorSummary'
        $summary[0].Category | Should -Be 'PropertyValue'
        $summary[0].ErrorCode | Should -Be 'INVALID_OPTION'
        $summary[0].Count | Should -Be 8
        $summary[0].CommonestMessage | Should -Match "'Void'"
        $summary[0].Oldest | Should -BeLessOrEqual $summary[0].Newest
        $summary[0].Mappings | Should -Be @('Invoices')

        # The admin adds the value in HubSpot (all options are sent: the update replaces the list).
        $status = Invoke-HubSpot 'crm/v3/properties/2-1234567/status'
        $options = @($status.options | ForEach-Object { @{ label = $_.label; value = $_.value } }) + @(@{ label = 'Void'; value = 'Void' })
        Invoke-HubSpot 'crm/v3/properties/2-1234567/status' -Method Patch -Body @{ options = $options } | Out-Null

        $plan = @(Get-SyncError -State $script:State -Category PropertyValue | Start-Sync -Path $script:File -State $script:State -WhatIf)
        $plan.Count | Should -Be 8
        $plan | ForEach-Object { $_.Action | Should -Be 'CreateInHubSpot' }
        @(Get-SyncRun -State $script:State).Count | Should -Be 1 -Because 'a preview writes nothing'

        $resync = Get-SyncError -State $script:State -Category PropertyValue | Start-Sync -Path $script:File -State $script:State
        $resync.State | Should -Be 'Succeeded'
        $resync.CreatedInHubSpot | Should -Be 8
        ($resync.UpdatedInHubSpot + $resync.CreatedInSalesforce + $resync.UpdatedInSalesforce) | Should -Be 0
        (Get-SyncRun -State $script:State -Kind Resync).Count | Should -Be 1
        @(Get-SyncError -State $script:State).Count | Should -Be 0
        (Invoke-HubSpot 'crm/v3/objects/2-1234567?limit=100&properties=status').results.Count | Should -Be 40
    }

    It 'resyncs the failed records from Get-SyncError alone, the mapping found through the state its first pass stored it in' {
        New-StatusMapping | Start-Sync -State $script:State -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Out-Null
        @(Get-SyncError -State $script:State -Category PropertyValue).Count | Should -Be 8

        $status = Invoke-HubSpot 'crm/v3/properties/2-1234567/status'
        $options = @($status.options | ForEach-Object { @{ label = $_.label; value = $_.value } }) + @(@{ label = 'Void'; value = 'Void' })
        Invoke-HubSpot 'crm/v3/properties/2-1234567/status' -Method Patch -Body @{ options = $options } | Out-Null

        $plan = @(Get-SyncError -State $script:State -Category PropertyValue | Start-Sync -State $script:State -WhatIf -Verbose -WarningAction SilentlyContinue 4>&1 6>$null)
        $said = @($plan | Where-Object { $_ -is [Management.Automation.VerboseRecord] } | ForEach-Object Message)
        @($said | Where-Object { $_ -match "Mapping 'Invoices': the definition stored by run 1 .* is run \(it was not read from a file\)" }).Count | Should -Be 1
        $items = @($plan | Where-Object { $_ -is [SfHsSync.Engine.Sync.SyncPlanItem] })
        $items.Count | Should -Be 8
        $items | ForEach-Object { $_.Action | Should -Be 'CreateInHubSpot' }
        @(Get-SyncRun -State $script:State).Count | Should -Be 1 -Because 'a preview writes nothing'

        $resync = Get-SyncError -State $script:State -Category PropertyValue | Start-Sync -State $script:State -WarningAction SilentlyContinue
        $resync.State | Should -Be 'Succeeded'
        (Get-SyncRun -State $script:State -Last 1).Kind | Should -Be 'Resync'
        $resync.CreatedInHubSpot | Should -Be 8
        ($resync.UpdatedInHubSpot + $resync.CreatedInSalesforce + $resync.UpdatedInSalesforce) | Should -Be 0
        $resync.SalesforceApiCalls | Should -Be 1 -Because 'one retrieve of the 8 records'
        $resync.HubSpotApiCalls | Should -Be 1 -Because 'one batch upsert of the 8, nothing read that is not linked'
        @(Get-SyncError -State $script:State).Count | Should -Be 0
        (Invoke-HubSpot 'crm/v3/objects/2-1234567?limit=100&properties=status').results.Count | Should -Be 40
    }

    It 'runs the mapping file when it is where the last run read it, says so when it changed, and refuses a mapping the state does not know' {
        New-StatusMapping | Export-SyncMapping -Path $script:File
        Start-Sync -Path $script:File -State $script:State -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Out-Null
        $invoice = (Get-SyncError -State $script:State -Category PropertyValue)[0]

        # The file gains a field after the run: the file, not the stored definition, is what the user means now.
        Import-SyncMapping -Path $script:File | Add-FieldMapping -SalesforceField Amount__c -HubSpotProperty amount -Direction SalesforceToHubSpot |
            Export-SyncMapping -Path $script:File -Force
        $plan = @($invoice | Start-Sync -State $script:State -WhatIf -Verbose -WarningAction SilentlyContinue 4>&1 6>$null)
        $said = @($plan | Where-Object { $_ -is [Management.Automation.VerboseRecord] } | ForEach-Object Message)
        @($said | Where-Object { $_ -like "Mapping 'Invoices' changed in $((Resolve-Path $script:File).Path) since run 1*the file's definition is run*" }).Count | Should -Be 1
        $item = @($plan | Where-Object { $_ -is [SfHsSync.Engine.Sync.SyncPlanItem] })
        $item.Count | Should -Be 1
        $item[0].SalesforceId | Should -Be $invoice.SalesforceId

        # Given once with -Mapping and bound again for each piped error, the mapping still runs once, over both records.
        $two = @(Get-SyncError -State $script:State -Category PropertyValue | Select-Object -First 2)
        $both = @($two | Start-Sync -Mapping (Import-SyncMapping -Path $script:File) -State $script:State -WhatIf -WarningAction SilentlyContinue 6>$null)
        $both.Count | Should -Be 2
        @($both.SalesforceId | Sort-Object) | Should -Be @($two.SalesforceId | Sort-Object)

        $unknown = [pscustomobject]@{ Mapping = 'Contracts'; SalesforceId = $invoice.SalesforceId }
        $caught = $null
        try { $unknown | Start-Sync -State $script:State -ErrorAction Stop } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'SyncMappingNotInState,*'
        "$caught" | Should -Match "'Contracts'"
        "$caught" | Should -Match ([regex]::Escape($script:State))
        @(Get-SyncRun -State $script:State).Count | Should -Be 1 -Because 'nothing ran'
    }

    It 'lists a waiting association as an error, warns once, and counts it in the run' {
        $account = Invoke-Salesforce 'sobjects/Account' -Method Post -Body @{ Name = 'No company yet' }
        $invoice = (Invoke-Salesforce 'query?q=SELECT+Id+FROM+Invoice__c+WHERE+Status__c+!%3D+%27Void%27+ORDER+BY+Id+LIMIT+1').records[0]
        Invoke-Salesforce "sobjects/Invoice__c/$($invoice.Id)" -Method Patch -Body @{ Account__c = $account.id } | Out-Null

        $result = New-StatusMapping -WithAccounts | Start-Sync -State $script:State -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        $waits = @($warnings | Where-Object { "$_" -match 'association\(s\) wait' })
        $waits.Count | Should -Be 1
        "$($waits[0])" | Should -Match '\b1 association\(s\) wait'

        $waiting = @(Get-SyncError -State $script:State -Category Association)
        $waiting.Count | Should -Be 1
        $waiting[0].ErrorCode | Should -Be 'ASSOCIATION_TARGET_NOT_SYNCED'
        $waiting[0].RecordId | Should -Be $invoice.Id
        $waiting[0].SalesforceId | Should -Be $invoice.Id
        $waiting[0].Message | Should -Match $account.id
        $waiting[0].Hint | Should -Match 'Account__c'

        $run = Get-SyncRun -State $script:State -Last 1
        $run.Counts.AssociationsWaiting | Should -Be 1
        $run.Counts.AssociationsCreated | Should -Be 31
        $result.Counts.AssociationsWaiting | Should -Be 1
    }

    It 'keeps the association counts of an import in its run, as Get-SyncRun shows them' {
        $account = Invoke-Salesforce 'sobjects/Account' -Method Post -Body @{ Name = 'No company yet' }
        $invoice = (Invoke-Salesforce 'query?q=SELECT+Id+FROM+Invoice__c+WHERE+Status__c+!%3D+%27Void%27+ORDER+BY+Id+LIMIT+1').records[0]
        Invoke-Salesforce "sobjects/Invoice__c/$($invoice.Id)" -Method Patch -Body @{ Account__c = $account.id } | Out-Null

        New-StatusMapping -WithAccounts | Import-SalesforceObject -State $script:State -WarningAction SilentlyContinue -ErrorAction SilentlyContinue | Out-Null

        $run = Get-SyncRun -State $script:State -Kind Import -Last 1
        $run.Counts.AssociationsCreated | Should -Be 31
        $run.Counts.AssociationsWaiting | Should -Be 1
        ($run.Counts.AssociationsMoved + $run.Counts.AssociationsRemoved + $run.Counts.AssociationsFailed) | Should -Be 0
        @(Get-SyncError -State $script:State -Category Association).Count | Should -Be 1
    }

    It 'forecasts with -WhatIf the calls the pass makes on each side, and Get-SyncRun shows the shares the run used' {
        New-StatusMapping | Export-SyncMapping -Path $script:File
        $plan = Start-Sync -Path $script:File -State $script:State -WhatIf -InformationVariable info -WarningAction SilentlyContinue 6>$null
        $forecast = @($info | Where-Object { $_.Tags -contains 'SyncForecast' } | ForEach-Object MessageData)
        $forecast.Count | Should -Be 1
        $forecast[0] | Should -BeOfType 'SfHsSync.Engine.Sync.SyncForecast'
        $forecast[0].Mapping | Should -Be 'Invoices'
        $forecast[0].SalesforceRemaining | Should -BeGreaterThan 0
        $forecast[0].HubSpotDailyLimit | Should -BeGreaterThan 0
        $forecast[0].HubSpotShareOfDailyLimit | Should -Be ($forecast[0].HubSpotCalls / $forecast[0].HubSpotDailyLimit)

        $run = Start-Sync -Path $script:File -State $script:State -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $run.SalesforceApiCalls | Should -Be $forecast[0].SalesforceCalls
        $run.HubSpotApiCalls | Should -Be $forecast[0].HubSpotCalls
        $history = Get-SyncRun -State $script:State -Last 1
        $history.SalesforceShareUsed | Should -Be ($history.Counts.SalesforceApiCalls / $history.Allowances.Salesforce)
        $history.HubSpotShareUsed | Should -BeGreaterThan 0
    }

    It 'takes the Salesforce API budget from -SalesforceApiBudget or the file settings, and refuses one outside 1 to 100 percent' {
        $mappingText = @(
            'name: Invoices', 'salesforceObject: Invoice__c', 'hubSpotObject: p12345678_invoices', 'salesforceIdProperty: salesforce_id', 'hubSpotIdField: HubSpot_Id__c',
            'fields:', '- { salesforceField: Name, hubSpotProperty: invoice_number, direction: SalesforceToHubSpot }',
            '- { salesforceField: Status__c, hubSpotProperty: status, direction: SalesforceToHubSpot }') -join "`n"
        Set-Content -Path $script:File -Value ("formatVersion: 1`nsettings:`n  salesforceApiBudget: 150`n" + $mappingText)
        { Start-Sync -Path $script:File -State $script:State -WhatIf } | Should -Throw -ErrorId 'SyncMappingYamlValueInvalid,*'

        Set-Content -Path $script:File -Value ("formatVersion: 1`nsettings:`n  salesforceApiBudget: 90`n" + $mappingText)
        $result = Start-Sync -Path $script:File -State $script:State -Verbose -ErrorAction SilentlyContinue -WarningAction SilentlyContinue 4>&1
        @($result | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '90% of its daily allowance' }).Count | Should -Be 1
        ($result | Where-Object { $_ -is [SfHsSync.Engine.Sync.SyncRunResult] }).CreatedInHubSpot | Should -Be 32

        { Start-Sync -Path $script:File -State $script:State -SalesforceApiBudget 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }

    It 'tells the story of a field with Get-SyncRecord, and each decision with -History' {
        New-StatusMapping | Export-SyncMapping -Path $script:File
        $null = Start-Sync -Path $script:File -State $script:State -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $invoice = (Invoke-Salesforce 'query?q=SELECT+Id,Name+FROM+Invoice__c+WHERE+Status__c+%3D+%27Draft%27+ORDER+BY+Id+LIMIT+1').records[0]
        Invoke-Salesforce "sobjects/Invoice__c/$($invoice.Id)" -Method Patch -Body @{ Status__c = 'Sent' } | Out-Null
        $second = Start-Sync -Path $script:File -State $script:State -ErrorAction SilentlyContinue -WarningAction SilentlyContinue

        $record = Get-SyncRecord -SalesforceId $invoice.Id -State $script:State
        $record | Should -BeOfType 'SfHsSync.Engine.State.SyncRecordState'
        $record.HubSpotId | Should -Not -BeNullOrEmpty
        $status = $record.Fields | Where-Object Field -eq 'Status__c'
        $status.Value | Should -Be 'Sent'
        $status.Side | Should -Be 'Salesforce'
        $status.Rule | Should -Be 'TravelledByDirection'
        $status.RunId | Should -Be $second.RunId

        $byHubSpot = Get-SyncRecord -HubSpotId $record.HubSpotId -State $script:State
        $byHubSpot.SalesforceId | Should -Be $invoice.Id

        $history = @(Get-SyncRecord -SalesforceId $invoice.Id -State $script:State -History | Where-Object Field -eq 'Status__c')
        $history.Count | Should -Be 2
        $history[0].Value | Should -Be 'Sent'
        $history[1].Value | Should -Be 'Draft'
        $history[1].Rule | Should -Be 'AlignedOnFirstLink'

        Get-SyncRecord -SalesforceId 'a0X000000000000AAA' -State $script:State -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].FullyQualifiedErrorId | Should -Be 'SyncRecordNotFound,SfHsSync.Commands.GetSyncRecordCommand'
    }
}
