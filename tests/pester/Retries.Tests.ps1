BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force

    function New-InvoiceMapping {
        New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices `
            -CreateDirection TwoWay -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c |
            Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number |
            Add-FieldMapping -SalesforceField Amount__c -HubSpotProperty amount
    }
}

AfterAll {
    Get-Module SfHsSync | Remove-Module
}

Describe 'Get-SyncRun shows the retries of a run under a fault storm, by side and kind' {
    BeforeAll {
        # Every third HubSpot call and every fifth Salesforce call answers 503 (the sandbox draws them from its fault seed).
        $options = Join-Path $TestDrive 'storm.json'
        '{ "HubSpot": { "ServiceUnavailableShare": 0.3 }, "Salesforce": { "ServiceUnavailableShare": 0.2 } }' | Set-Content $options
        $script:Sandbox = Start-SyncSandbox -Seed Demo -OptionsPath $options
        $script:State = Join-Path $TestDrive 'storm.db'
        $script:Result = New-InvoiceMapping | Start-Sync -State $script:State
        $script:Run = Get-SyncRun -State $script:State -Last 1
    }

    AfterAll {
        $script:Sandbox | Stop-SyncSandbox
    }

    It 'ends as a pass without faults would, and keeps the retries with the run, typed' {
        $script:Result.State | Should -Be 'Succeeded'
        $script:Result.CreatedInHubSpot | Should -Be 40
        $script:Run.Retries | Should -BeOfType 'SfHsSync.Engine.State.SyncRunRetries'
        $script:Run.Retries.HubSpot.ServerUnavailable | Should -BeGreaterThan 0
        $script:Run.Retries.Salesforce.ServerUnavailable | Should -BeGreaterThan 0
        $all = @($script:Run.Retries.Salesforce.Values) + @($script:Run.Retries.HubSpot.Values) + @($script:Run.Retries.State.Values)
        $script:Run.Retries.Total | Should -Be ($all | Measure-Object -Sum).Sum
        $script:Run.Retries.HubSpot.Keys | Should -Not -Contain 'RateLimit' -Because 'only kinds that happened are listed'
    }

    It 'shows the total in the table and the kinds in the list view' {
        $table = $script:Run | Format-Table | Out-String -Width 300
        $table | Should -Match 'Retries'
        $list = $script:Run | Format-List | Out-String -Width 300
        $list | Should -Match ("Retries\s*:\s*{0}: Salesforce ServerUnavailable {1}; HubSpot ServerUnavailable {2}" -f
            $script:Run.Retries.Total, $script:Run.Retries.Salesforce.ServerUnavailable, $script:Run.Retries.HubSpot.ServerUnavailable)
    }

    It 'Copy-SyncState carries each run''s retries to the other store' {
        $target = Join-Path $TestDrive 'copy.db'
        $copy = Copy-SyncState -From $script:State -To $target
        $copy.Verified | Should -BeTrue
        $copy.Target.RunRetries | Should -Be $copy.Source.RunRetries
        $copied = Get-SyncRun -State $target -Last 1
        $copied.Retries.ToString() | Should -Be $script:Run.Retries.ToString()
        $copied.Retries.Total | Should -Be $script:Run.Retries.Total
    }
}
