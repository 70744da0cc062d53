BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force
    $script:Sandbox = Start-SyncSandbox -Seed Demo

    function New-MappingFile([string] $Name, [string] $Yaml) {
        $path = Join-Path $TestDrive $Name
        Set-Content -LiteralPath $path -Value $Yaml -Encoding utf8NoBOM
        (Resolve-Path -LiteralPath $path).ProviderPath
    }

    # The mapping-level keys every file below shares (ending in a line break): fields on line 11, the first on line 12.
    $script:Header = @'
formatVersion: 1
mappings:
- name: Invoices
  status: Active
  salesforceObject: Invoice__c
  hubSpotObject: p12345678_invoices
  conflictWinner: Salesforce
  createDirection: SalesforceToHubSpot
  deleteDirection: None
  salesforceIdProperty: salesforce_id
  fields:
  - { salesforceField: Name, hubSpotProperty: invoice_number, direction: SalesforceToHubSpot }

'@

    # Two mistakes: a property name with a typo (line 13) and a checkbox mapped to a number (line 15).
    $script:Broken = New-MappingFile 'broken.yaml' ($script:Header + @'
  - { salesforceField: Amount__c, hubSpotProperty: amount2, direction: TwoWay }
  - { salesforceField: Units__c, hubSpotProperty: units, direction: TwoWay }
  - { salesforceField: Paid__c, hubSpotProperty: amount, direction: SalesforceToHubSpot }
'@)

    $script:Good = New-MappingFile 'invoices.yaml' ($script:Header + @'
  - { salesforceField: Amount__c, hubSpotProperty: amount, direction: TwoWay }
  - { salesforceField: Tax_Rate__c, hubSpotProperty: tax_rate, direction: TwoWay }
  - { salesforceField: Units__c, hubSpotProperty: units, direction: TwoWay }
  - { salesforceField: Due_Date__c, hubSpotProperty: due_date, direction: SalesforceToHubSpot }
  - { salesforceField: Sent_At__c, hubSpotProperty: sent_at, direction: TwoWay }
  - { salesforceField: Paid__c, hubSpotProperty: paid, direction: TwoWay }
  - { salesforceField: Status__c, hubSpotProperty: status, direction: TwoWay }
  - { salesforceField: Channels__c, hubSpotProperty: channels, direction: TwoWay }
  - { salesforceField: Notes__c, hubSpotProperty: notes, direction: SalesforceToHubSpot }
  - { salesforceField: Billing_Email__c, hubSpotProperty: billing_email, direction: SalesforceToHubSpot }
  associations:
  - salesforceField: Account__c
    hubSpotObject: companies
    targetIdProperty: salesforceaccountid
    direction: SalesforceToHubSpot
'@)
}

AfterAll {
    if ($script:Sandbox) { $script:Sandbox | Stop-SyncSandbox }
    Remove-Module SfHsSync -ErrorAction SilentlyContinue
}

Describe 'Test-SyncMapping in a pipeline' {
    BeforeEach {
        Remove-Item Env:TF_BUILD -ErrorAction SilentlyContinue
    }

    It 'finds the two mistakes of a YAML file, each at its line, with a fix' {
        $diagnostics = @(Test-SyncMapping -Path $script:Broken)

        $errors = @($diagnostics | Where-Object Severity -EQ 'Error')
        $errors.Count | Should -Be 2
        $errors | ForEach-Object { $_ | Should -BeOfType 'SfHsSync.Engine.Validation.SyncDiagnostic' }
        $errors.RuleId | Should -Be @('FD002', 'FD005')
        $errors.Rule | Should -Be @('HubSpotPropertyMissing', 'FieldTypeIncompatible')
        $errors.Source.Line | Should -Be @(13, 15)
        $errors.Source.File | Should -Be @($script:Broken, $script:Broken)
        $errors.Mapping | Should -Be @('Invoices', 'Invoices')
        $errors[0].Target | Should -Be 'Amount__c <-> amount2'
        $errors[0].Suggestion | Should -Be "Did you mean 'amount'?"
        $errors[1].Message | Should -Match 'Salesforce boolean field'
    }

    It 'answers $false with -Quiet' {
        Test-SyncMapping -Path $script:Broken -Quiet | Should -BeExactly $false
    }

    It 'writes ##vso logissue lines at the file and line under Azure Pipelines (TF_BUILD)' {
        $env:TF_BUILD = 'True'
        $output = Test-SyncMapping -Path $script:Broken 6>&1
        $lines = @($output | Where-Object { $_ -is [System.Management.Automation.InformationRecord] } | ForEach-Object { "$($_.MessageData)" })

        $errorLines = @($lines | Where-Object { $_ -like '##vso`[task.logissue type=error;*' })
        $errorLines.Count | Should -Be 2
        $errorLines[0] | Should -BeLike "##vso``[task.logissue type=error;sourcepath=$($script:Broken);linenumber=13;columnnumber=*;code=FD002``]FD002 HubSpotPropertyMissing ``[Invoices``] *"
        $errorLines[1] | Should -BeLike "##vso``[task.logissue type=error;sourcepath=$($script:Broken);linenumber=15;columnnumber=*;code=FD005``]*"
        # The diagnostics are still the output.
        @($output | Where-Object { $_ -is [SfHsSync.Engine.Validation.SyncDiagnostic] -and $_.Severity -eq 'Error' }).Count | Should -Be 2
    }

    It 'writes no ##vso lines outside Azure Pipelines' {
        $output = Test-SyncMapping -Path $script:Broken 6>&1
        @($output | Where-Object { $_ -is [System.Management.Automation.InformationRecord] }).Count | Should -Be 0
    }

    It 'passes the good demo invoice mapping: -Quiet is $true' {
        Test-SyncMapping -Path $script:Good -Quiet | Should -BeExactly $true
    }

    It 'takes mapping files from Get-ChildItem' {
        Get-ChildItem -LiteralPath $script:Good | Test-SyncMapping -Quiet | Should -BeExactly $true
        Get-ChildItem -LiteralPath $script:Good, $script:Broken | Test-SyncMapping -Quiet | Should -BeExactly $false
    }

    It 'shows the one warning of the good mapping (HubSpot has no Void status)' {
        $diagnostics = @(Test-SyncMapping -Path $script:Good)
        $diagnostics.Count | Should -Be 1
        $diagnostics[0].Severity | Should -Be 'Warning'
        $diagnostics[0].RuleId | Should -Be 'FD009'
        $diagnostics[0].Message | Should -Match "'Void'"
    }

    It 'writes the good mapping on with -PassThru, its warning on the warning stream' {
        $passed = @(Test-SyncMapping -Path $script:Good -PassThru -WarningVariable warnings -WarningAction SilentlyContinue)

        $passed.Count | Should -Be 1
        $passed[0] | Should -BeOfType 'SfHsSync.Engine.Mapping.SyncMapping'
        $passed[0].Name | Should -Be 'Invoices'
        $passed[0].Fields.Count | Should -Be 11
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'FD009'
    }

    It 'holds back a mapping with errors under -PassThru and writes each error' {
        $passed = @(Test-SyncMapping -Path $script:Broken -PassThru -ErrorVariable problems -ErrorAction SilentlyContinue)

        $passed.Count | Should -Be 0
        $problems.Count | Should -Be 2
        $problems.FullyQualifiedErrorId | Should -Be @('HubSpotPropertyMissing,SfHsSync.Commands.TestSyncMappingCommand', 'FieldTypeIncompatible,SfHsSync.Commands.TestSyncMappingCommand')
        $problems[0].ErrorDetails.RecommendedAction | Should -Be "Did you mean 'amount'?"
    }

    It 'checks mappings built at the prompt and piped in, all together' {
        $mapping = New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -SalesforceIdProperty salesforce_id |
            Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number -Direction SalesforceToHubSpot |
            Add-FieldMapping -SalesforceField Amount__c -HubSpotProperty amount

        $passed = @($mapping | Test-SyncMapping -PassThru)
        $passed.Count | Should -Be 1
        $passed[0].Name | Should -Be 'Invoices'

        $limit = @(1..11 | ForEach-Object { New-SyncMapping -Name "M$_" -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -SalesforceIdProperty salesforce_id } | Test-SyncMapping)
        @($limit | Where-Object RuleId -EQ 'MP001').Mapping | Should -Be 'M11'
    }

    It 'shows diagnostics as a table with the rule, severity, mapping, target and line' {
        $text = Test-SyncMapping -Path $script:Broken | Format-Table | Out-String -Width 250
        $text | Should -Match 'RuleId\s+Severity\s+Mapping\s+Target\s+Line\s+Message'
        $text | Should -Match 'FD002\s+Error\s+Invoices\s+Amount__c <-> amount2\s+13'
    }

    It 'makes an unreadable file a failed check that names its line' {
        $bad = New-MappingFile 'unknown-key.yaml' ($script:Header + "  nmae: oops`n")

        Test-SyncMapping -Path $bad -Quiet -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeExactly $false
        $problems.Count | Should -Be 1
        "$($problems[0])" | Should -Match 'line 13'
    }

    It 'refuses -Quiet with -PassThru' {
        { Test-SyncMapping -Path $script:Good -Quiet -PassThru } |
            Should -Throw -ErrorId 'TestSyncMappingSwitchConflict,SfHsSync.Commands.TestSyncMappingCommand'
    }
}
