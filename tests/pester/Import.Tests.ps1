BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force

    function New-InvoiceMapping {
        param([switch] $WithStatus)
        $mapping = New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices `
            -CreateDirection TwoWay -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c |
            Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number |
            Add-FieldMapping -SalesforceField Amount__c -HubSpotProperty amount |
            Add-FieldMapping -SalesforceField Due_Date__c -HubSpotProperty due_date |
            Add-FieldMapping -SalesforceField Paid__c -HubSpotProperty paid |
            Add-FieldMapping -SalesforceField Billing_Email__c -HubSpotProperty billing_email
        if ($WithStatus) { $mapping = $mapping | Add-FieldMapping -SalesforceField Status__c -HubSpotProperty status }
        $mapping
    }

    . (Join-Path $PSScriptRoot 'Support/SandboxCalls.ps1')

}

AfterAll {
    Get-Module SfHsSync | Remove-Module
}

Describe 'Import-SalesforceObject on the sandbox, as a user runs it' {
    BeforeEach {
        $script:Sandbox = Start-SyncSandbox -Seed Demo
        $script:State = Join-Path $TestDrive ("state-{0}.db" -f [guid]::NewGuid())
    }

    AfterEach {
        $script:Sandbox | Stop-SyncSandbox
    }

    It 'counts with -WhatIf, imports, shows the import in the table, and a Start-Sync after it writes nothing' {
        $preview = New-InvoiceMapping | Import-SalesforceObject -State $script:State -WhatIf
        $preview | Should -BeOfType 'SfHsSync.Engine.Import.SyncImportPreview'
        $preview.Records | Should -Be 40
        $preview.Method | Should -Be 'Rest'
        Get-SyncImport -State $script:State | Should -BeNullOrEmpty -Because 'the review step writes nothing, not even a run'
        (Invoke-HubSpot -Path 'crm/v3/objects/2-1234567?limit=100').results | Should -BeNullOrEmpty

        $import = New-InvoiceMapping | Import-SalesforceObject -State $script:State
        $import | Should -BeOfType 'SfHsSync.Engine.Import.SyncImportResult'
        $import.State | Should -Be 'Succeeded'
        $import.Total | Should -Be 40
        $import.Created | Should -Be 40
        $import.Failed | Should -Be 0
        $import.FinishedAt | Should -Not -BeNullOrEmpty
        @((Invoke-HubSpot -Path 'crm/v3/objects/2-1234567?limit=100&properties=salesforce_id').results).Count | Should -Be 40

        $table = @(Get-SyncImport -State $script:State)
        $table.Count | Should -Be 1
        $table[0].Id | Should -Be $import.Id
        $table[0].Created | Should -Be 40
        $text = $table | Out-String
        $text | Should -Match 'Created'
        $text | Should -Match 'Succeeded'

        $sync = New-InvoiceMapping | Start-Sync -State $script:State
        $sync.State | Should -Be 'Succeeded'
        ($sync.CreatedInHubSpot + $sync.UpdatedInHubSpot + $sync.CreatedInSalesforce + $sync.UpdatedInSalesforce) | Should -Be 0

        $again = New-InvoiceMapping | Import-SalesforceObject -State $script:State
        $again.Read | Should -Be 40
        ($again.Created + $again.Linked + $again.Updated) | Should -Be 0
        @(Get-SyncImport -State $script:State -Mapping Invoices).Count | Should -Be 2
        (Get-SyncImport -State $script:State -Id $import.Id).Id | Should -Be $import.Id
    }

    It 'keeps the reason of every record HubSpot cannot take and reports the import as completed with errors' {
        $result = New-InvoiceMapping -WithStatus |
            Import-SalesforceObject -State $script:State -ErrorVariable importErrors -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $result.State | Should -Be 'CompletedWithErrors'
        $result.Failed | Should -Be 8
        $result.Created | Should -Be 32
        $importErrors.Count | Should -Be 1
        $importErrors[0].FullyQualifiedErrorId | Should -Be 'ImportCompletedWithErrors,SfHsSync.Commands.ImportSalesforceObjectCommand'

        $failures = @(Get-SyncError -State $script:State -Mapping Invoices)
        $failures.Count | Should -Be 8
        $failures | ForEach-Object { $_.ErrorCode | Should -Be 'INVALID_OPTION' }
        (Get-SyncImport -State $script:State).State | Should -Be 'CompletedWithErrors'
    }

    It 'links the HubSpot records that already exist with -MatchOn, for a mapping read from YAML' {
        $existing = 'INV-0001', 'INV-0002' | ForEach-Object {
            (Invoke-HubSpot -Method Post -Path 'crm/v3/objects/2-1234567' -Body @{ properties = @{ invoice_number = $_ } }).id
        }
        $file = Join-Path $TestDrive 'invoices.sync.yml'
        New-InvoiceMapping | Export-SyncMapping -Path $file

        $result = Import-SalesforceObject -Path $file -MatchOn invoice_number -State $script:State
        $result.Linked | Should -Be 2
        $result.Created | Should -Be 38

        $records = @((Invoke-HubSpot -Path 'crm/v3/objects/2-1234567?limit=100&properties=invoice_number&properties=salesforce_id').results)
        $records.Count | Should -Be 40
        foreach ($id in $existing) {
            ($records | Where-Object id -eq $id).properties.salesforce_id | Should -Not -BeNullOrEmpty
        }
    }

    It 'continues an import whose process was killed, and ends with every invoice once in HubSpot' {
        # A slower HubSpot, so the import is still writing when its process is killed.
        $script:Sandbox | Stop-SyncSandbox
        $options = Join-Path $TestDrive 'slow-hubspot.json'
        '{ "HubSpot": { "Latency": "00:00:00.250" } }' | Set-Content $options
        $script:Sandbox = Start-SyncSandbox -Seed Demo -OptionsPath $options
        $sfToken = [Net.NetworkCredential]::new('', $script:Sandbox.Salesforce.AccessToken).Password
        foreach ($chunk in 0..4) {
            $records = foreach ($i in 1..192) {
                @{ attributes = @{ type = 'Invoice__c' }; Name = 'INV-K{0:D4}' -f ($chunk * 192 + $i); Amount__c = 10 + $i; Billing_Email__c = "k$i@example.com" }
            }
            $body = @{ allOrNone = $true; records = @($records) } | ConvertTo-Json -Depth 5
            $null = Invoke-RestMethod -Method Post -Uri "$($script:Sandbox.SalesforceUrl)services/data/v62.0/composite/sobjects" -Body $body `
                -ContentType 'application/json' -Headers @{ Authorization = "Bearer $sfToken" }
        }

        $file = Join-Path $TestDrive 'killed-import.sync.yml'
        New-InvoiceMapping | Export-SyncMapping -Path $file

        # The importing process connects through SFHSSYNC_* variables, as a pipeline agent would, with the default minute's heartbeat.
        $script = "Import-Module '$script:ModulePath'; Import-SalesforceObject -Path '$file' -State '$script:State' -BulkThreshold 500 -WarningAction SilentlyContinue"
        $psi = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-Command', $script) { $psi.ArgumentList.Add($a) }
        $psi.UseShellExecute = $false
        $psi.Environment['SFHSSYNC_SF_INSTANCE_URL'] = "$($script:Sandbox.SalesforceUrl)"
        $psi.Environment['SFHSSYNC_SF_ACCESS_TOKEN'] = $sfToken
        $psi.Environment['SFHSSYNC_HS_BASE_URL'] = "$($script:Sandbox.HubSpotUrl)"
        $psi.Environment['SFHSSYNC_HS_ACCESS_TOKEN'] = [Net.NetworkCredential]::new('', $script:Sandbox.HubSpot.AccessToken).Password
        $importer = [Diagnostics.Process]::Start($psi)
        try {
            $deadline = [DateTime]::UtcNow.AddMinutes(2)
            do {
                Start-Sleep -Milliseconds 100
                # Let the importer create the state file before reading it.
                $running = if (Test-Path $script:State) { Get-SyncImport -State $script:State -ErrorAction SilentlyContinue }
            } until (($running -and $running.Read -ge 300) -or $importer.HasExited -or [DateTime]::UtcNow -gt $deadline)
            $importer.HasExited | Should -BeFalse -Because 'the import was to be killed while it was writing'
        }
        finally {
            $importer.Kill($true)
            $importer.WaitForExit()
        }

        $killed = Get-SyncImport -State $script:State
        $killed.State | Should -Be 'Running'
        $killed.Read | Should -BeLessThan 1000

        # At once and without waiting (-LeaseTimeout 0): the dead importer's process is gone, so its lease is free now.
        $result = Import-SalesforceObject -Path $file -State $script:State -LeaseTimeout 0 -WarningAction SilentlyContinue
        $result.Id | Should -Be $killed.Id
        $result.State | Should -Be 'Succeeded'
        $result.Read | Should -Be 1000
        $result.Created | Should -Be 1000
        @(Get-SyncImport -State $script:State).Count | Should -Be 1

        $ids = @(); $after = $null
        do {
            $page = Invoke-HubSpot -Path ("crm/v3/objects/2-1234567?limit=100&properties=salesforce_id" + $(if ($after) { "&after=$after" } else { '' }))
            $ids += $page.results.properties.salesforce_id
            $after = $page.paging.next.after
        } while ($after)
        $ids.Count | Should -Be 1000
        @($ids | Sort-Object -Unique).Count | Should -Be 1000
    }

    It 'refuses bad input with errors that name it, before anything is imported' {
        { New-InvoiceMapping | Import-SalesforceObject -State $script:State -MatchOn invoice_numbr -ErrorAction Stop } |
            Should -Throw -ErrorId 'ImportMatchPropertyNotMapped,SfHsSync.Commands.ImportSalesforceObjectCommand'
        { New-InvoiceMapping | Import-SalesforceObject -State $script:State -Resume -ErrorAction Stop } |
            Should -Throw -ErrorId 'ImportNothingToResume,SfHsSync.Commands.ImportSalesforceObjectCommand'
        { New-InvoiceMapping | Import-SalesforceObject -State $script:State -ChangedSince (Get-Date).AddDays(2) -ErrorAction Stop } |
            Should -Throw -ErrorId 'ImportChangedSinceInvalid,SfHsSync.Commands.ImportSalesforceObjectCommand'
        { New-InvoiceMapping | Import-SalesforceObject -State $script:State -SalesforceCommitLag '-00:00:01' -ErrorAction Stop } |
            Should -Throw -ErrorId 'ImportParameterOutOfRange,SfHsSync.Commands.ImportSalesforceObjectCommand'
        Get-SyncImport -State $script:State | Should -BeNullOrEmpty
        { Get-SyncImport -State $script:State -Id 99 -ErrorAction Stop } | Should -Throw -ErrorId 'SyncImportNotFound,SfHsSync.Commands.GetSyncImportCommand'
    }
}
