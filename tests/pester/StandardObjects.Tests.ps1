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

Describe 'Start-SyncSandbox -Seed Standard: CampaignMember and Product2 sync, and a removal from a campaign' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Support/SandboxCalls.ps1')

        function Sync-Standard([string] $DeleteDirection) {
            $members = New-SyncMapping -Name CampaignMembers -SalesforceObject CampaignMember -HubSpotObject p12345678_sf_campaign_members `
                    -SalesforceIdProperty salesforce_id -DeleteDirection $DeleteDirection |
                Add-FieldMapping -SalesforceField Status -HubSpotProperty member_status
            $products = New-SyncMapping -Name Products -SalesforceObject Product2 -HubSpotObject p12345678_sf_products `
                    -SalesforceIdProperty salesforce_id -CreateDirection TwoWay -HubSpotIdField HubSpot_Id__c |
                Add-FieldMapping -SalesforceField Name -HubSpotProperty product_name |
                Add-FieldMapping -SalesforceField ProductCode -HubSpotProperty product_code
            $file = Join-Path $TestDrive ("standard-{0}.sync.yml" -f [guid]::NewGuid())
            @($members, $products) | Export-SyncMapping -Path $file
            $file
        }
    }

    BeforeEach {
        $script:Sandbox = Start-SyncSandbox -Seed Standard
        $script:State = Join-Path $TestDrive ("standard-{0}.db" -f [guid]::NewGuid())
    }

    AfterEach {
        $script:Sandbox | Stop-SyncSandbox
    }

    It 'archives the removed member''s HubSpot record under <DeleteDirection>: <Archived>' -TestCases @(
        @{ DeleteDirection = 'TwoWay'; Archived = $true }
        @{ DeleteDirection = 'None'; Archived = $false }
    ) {
        param($DeleteDirection, $Archived)
        $file = Sync-Standard $DeleteDirection
        @(Test-SyncMapping -Path $file -WarningAction SilentlyContinue | Where-Object Severity -EQ 'Error').Count | Should -Be 0

        $first = @(Start-Sync -Path $file -State $script:State -WarningAction SilentlyContinue)
        $first.State | Should -Be @('Succeeded', 'Succeeded')
        $members = @((Invoke-Salesforce 'query?q=SELECT+Id+FROM+CampaignMember+ORDER+BY+Id').records)
        $products = @((Invoke-Salesforce 'query?q=SELECT+Id+FROM+Product2').records)
        ($first | Where-Object Mapping -EQ 'CampaignMembers').CreatedInHubSpot | Should -Be $members.Count
        ($first | Where-Object Mapping -EQ 'Products').CreatedInHubSpot | Should -Be $products.Count

        $removed = $members[0].Id
        $hubSpotId = (Get-SyncRecord -State $script:State -SalesforceId $removed).HubSpotId
        $hubSpotId | Should -Not -BeNullOrEmpty
        Invoke-Salesforce "sobjects/CampaignMember/$removed" -Method Delete | Out-Null

        $second = @(Start-Sync -Path $file -State $script:State -WarningAction SilentlyContinue)
        $memberRun = $second | Where-Object Mapping -EQ 'CampaignMembers'
        $memberRun.State | Should -Be 'Succeeded'
        $memberRun.ArchivedInHubSpot | Should -Be ([int] $Archived)
        ($second | Where-Object Mapping -EQ 'Products').ArchivedInHubSpot | Should -Be 0

        $archivedIds = @((Invoke-HubSpot 'crm/v3/objects/p12345678_sf_campaign_members?archived=true&limit=100').results.id)
        ($archivedIds -contains $hubSpotId) | Should -Be $Archived
        if (-not $Archived) {
            (Invoke-HubSpot "crm/v3/objects/p12345678_sf_campaign_members/$hubSpotId").id | Should -Be $hubSpotId
        }
        @(Get-SyncRecord -State $script:State -SalesforceId $removed -ErrorAction SilentlyContinue).Count | Should -Be 0
    }
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
