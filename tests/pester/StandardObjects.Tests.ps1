BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force

    # One small custom object per kind of describe the engine treats differently, plus Contact (not on HubSpot's list).
    $script:KindsSeed = (Resolve-Path (Join-Path $PSScriptRoot '../SfHsSync.Engine.Tests/Sync/Seeds/ObjectKinds.seed.json')).ProviderPath

    function New-MappingFile([string] $Name, [string] $Yaml) {
        $path = Join-Path $TestDrive $Name
        Set-Content -LiteralPath $path -Value $Yaml -Encoding utf8NoBOM
        (Resolve-Path -LiteralPath $path).ProviderPath
    }
}

AfterAll {
    Remove-Module SfHsSync -ErrorAction SilentlyContinue
}

Describe 'Test-SyncMapping on objects whose describe limits what a sync can do' {
    BeforeAll {
        $script:Sandbox = Start-SyncSandbox -Seed $script:KindsSeed
        # Line 3: Contact (standard, not on the list); line 8: Hidden__c (not queryable); line 19: a create-only field two-way;
        # line 20: Reading__c (no change stamp).
        $script:File = New-MappingFile 'kinds.sync.yml' @'
formatVersion: 1
mappings:
- name: Contacts
  salesforceObject: Contact
  hubSpotObject: campaign_members
  salesforceIdProperty: salesforce_id
  fields: [{salesforceField: LastName, hubSpotProperty: title, direction: SalesforceToHubSpot}]
- name: Hidden
  salesforceObject: Hidden__c
  hubSpotObject: hiddens
  salesforceIdProperty: salesforce_id
  fields: [{salesforceField: Name, hubSpotProperty: title, direction: SalesforceToHubSpot}]
- name: Tags
  salesforceObject: Tag__c
  hubSpotObject: tags
  salesforceIdProperty: salesforce_id
  fields:
  - {salesforceField: Name, hubSpotProperty: title, direction: SalesforceToHubSpot}
  - {salesforceField: Code__c, hubSpotProperty: code, direction: TwoWay}
- name: Readings
  salesforceObject: Reading__c
  hubSpotObject: readings
  salesforceIdProperty: salesforce_id
  fields: [{salesforceField: Name, hubSpotProperty: title, direction: TwoWay}]
'@
        $script:Diagnostics = @(Test-SyncMapping -Path $script:File -WarningAction SilentlyContinue)
    }

    AfterAll {
        $script:Sandbox | Stop-SyncSandbox
    }

    It 'reports <RuleId> for <Mapping> at its file and line' -TestCases @(
        @{ RuleId = 'SF003'; Mapping = 'Contacts'; Line = 3; Severity = 'Error'; Text = 'syncs with HubSpot contacts' }
        @{ RuleId = 'SF002'; Mapping = 'Hidden'; Line = 8; Severity = 'Error'; Text = 'cannot be queried' }
        @{ RuleId = 'FD013'; Mapping = 'Tags'; Line = 19; Severity = 'Warning'; Text = 'only when it creates the record in Salesforce' }
        @{ RuleId = 'SF004'; Mapping = 'Readings'; Line = 20; Severity = 'Warning'; Text = 'full comparison: every record is read \(1 call\(s\) per pass for its 3 record\(s\)' }
    ) {
        param($RuleId, $Mapping, $Line, $Severity, $Text)
        $found = @($script:Diagnostics | Where-Object { $_.RuleId -eq $RuleId -and $_.Mapping -eq $Mapping })
        $found.Count | Should -Be 1
        $found[0] | Should -BeOfType 'SfHsSync.Engine.Validation.SyncDiagnostic'
        $found[0].Severity | Should -Be $Severity
        $found[0].Source.File | Should -Be $script:File
        $found[0].Source.Line | Should -Be $Line
        $found[0].Message | Should -Match $Text
    }

    It 'states a full comparison''s cost in Start-Sync -WhatIf' {
        $readings = New-MappingFile 'readings.sync.yml' @'
formatVersion: 1
name: Readings
salesforceObject: Reading__c
hubSpotObject: readings
salesforceIdProperty: salesforce_id
fields: [{salesforceField: Name, hubSpotProperty: title, direction: TwoWay}]
'@
        $state = Join-Path $TestDrive 'readings.db'
        $plan = @(Start-Sync -Path $readings -State $state -WhatIf -InformationVariable cost -WarningAction SilentlyContinue)

        $plan.Count | Should -Be 3
        $forecast = @($cost | Where-Object { $_.Tags -contains 'SyncForecast' })[0].MessageData
        $forecast.Reading | Should -Match 'full comparison'
        $forecast.Reading | Should -Match '1 call\(s\) per pass for its 3 record\(s\)'
        "$forecast" | Should -Match 'full comparison'
        $forecast.SalesforceCalls | Should -BeGreaterThan 0
    }
}
