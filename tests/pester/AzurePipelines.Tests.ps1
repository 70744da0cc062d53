# Start-Sync under Azure Pipelines (TF_BUILD), run as a pipeline step runs it: pwsh -File in a child process whose
# standard output is read as the agent reads it. Failed records: a capped list of issues, a markdown summary attached,
# progress, SucceededWithIssues; with -MaxFailedRecords exceeded, Failed and a non-zero exit code; -TestResultsPath JUnit.

BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    Import-Module $script:ModulePath -Force

    function Invoke-PipelineStep([string] $Script, [hashtable] $Environment) {
        $file = Join-Path $TestDrive ("step-{0}.ps1" -f [guid]::NewGuid())
        Set-Content $file $Script
        $hostPath = [Environment]::ProcessPath
        $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
        $saved = @{}
        foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
        try {
            $output = & $hostPath @prefix -NoProfile -NonInteractive -File $file 2>&1 | ForEach-Object { "$_" }
            [pscustomobject] @{ ExitCode = $LASTEXITCODE; Lines = @($output) }
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }

    # One step: import the 40 demo invoices, make 25 of them fail in HubSpot (an amount Salesforce cannot hold), sync
    # with no limit, then sync again with -MaxFailedRecords 10 as the step's last command.
    $script:Junit = Join-Path $TestDrive 'sync.junit.xml'
    $step = @"
`$ErrorActionPreference = 'Continue'
Import-Module '$($script:ModulePath)'
`$sandbox = Start-SyncSandbox -Seed Demo
`$state = Join-Path '$TestDrive' 'pipeline-state.db'
function New-InvoiceMapping {
    New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -CreateDirection TwoWay ``
        -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c |
        Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number | Add-FieldMapping -SalesforceField Amount__c -HubSpotProperty amount
}
`$null = New-InvoiceMapping | Import-SalesforceObject -State `$state
`$token = [Net.NetworkCredential]::new('', `$sandbox.HubSpot.AccessToken).Password
`$headers = @{ Authorization = "Bearer `$token" }
`$ids = (Invoke-RestMethod -Uri "`$(`$sandbox.HubSpotUrl)crm/v3/objects/2-1234567?limit=25" -Headers `$headers).results.id
foreach (`$id in `$ids) {
    Invoke-RestMethod -Method Patch -Uri "`$(`$sandbox.HubSpotUrl)crm/v3/objects/2-1234567/`$id" -Headers `$headers -ContentType 'application/json' ``
        -Body '{"properties":{"amount":"123456789012345678"}}' | Out-Null
}
'=== first pass ==='
`$null = New-InvoiceMapping | Start-Sync -State `$state -SalesforceCommitLag 0 -HubSpotSearchLag 0 -TestResultsPath '$($script:Junit)' -MaxFailedRecords 30
'=== second pass ==='
try { `$null = New-InvoiceMapping | Start-Sync -State `$state -SalesforceCommitLag 0 -HubSpotSearchLag 0 -MaxFailedRecords 10 }
catch { "caught `$(`$_.FullyQualifiedErrorId)" }
`$sandbox | Stop-SyncSandbox
"@
    $script:Step = Invoke-PipelineStep $step @{ TF_BUILD = 'True'; AGENT_TEMPDIRECTORY = "$TestDrive" }
    $marker = [array]::IndexOf($script:Step.Lines, '=== second pass ===')
    $first = [array]::IndexOf($script:Step.Lines, '=== first pass ===')
    $script:Import = $script:Step.Lines[0..($first - 1)]
    $script:First = $script:Step.Lines[($first + 1)..($marker - 1)]
    $script:Second = $script:Step.Lines[($marker + 1)..($script:Step.Lines.Count - 1)]
}

AfterAll {
    Get-Module SfHsSync | Remove-Module
}

Describe 'Start-Sync under Azure Pipelines' {
    It 'reports the import''s progress, and leaves the task alone when every run succeeded' {
        $progress = @($script:Import | Where-Object { $_ -like '##vso`[task.setprogress *' })
        $progress[-1] | Should -Be '##vso[task.setprogress value=100]Import-SalesforceObject: 1 run(s) done'
        @($progress | Where-Object { $_ -match '^##vso\[task\.setprogress value=\d+\]Importing Invoices: ' }).Count | Should -BeGreaterOrEqual 1
        $script:Import | Where-Object { $_ -like '##vso`[task.complete*' -or $_ -like '##vso`[task.logissue*' } | Should -BeNullOrEmpty
        @($script:Import | Where-Object { $_ -like '##vso`[task.uploadsummary`]*' }).Count | Should -Be 1
    }

    It 'logs the failed run and at most 20 issues, then one line saying how many more' {
        $issues = @($script:First | Where-Object { $_ -like '##vso`[task.logissue *' })
        $issues.Count | Should -Be 21
        $issues[0] | Should -Match '^##vso\[task\.logissue type=error;code=SyncRunCompletedWithErrors\]Mapping ''Invoices'' \(run 2\) CompletedWithErrors: 25 record'
        @($issues[1..19] | Where-Object { $_ -match '^##vso\[task\.logissue type=error;code=NUMBER_OUTSIDE_VALID_RANGE\]\[Invoices\] Salesforce record \d+ \(Update\) failed' }).Count | Should -Be 19
        $issues[20] | Should -Match '^##vso\[task\.logissue type=warning;code=SyncFailedRecordsNotListed\]\[Invoices\] 6 more failed record\(s\) of run 2'
    }

    It 'attaches a markdown summary with the counts, the failures by kind with the first few records, and the API use' {
        $upload = @($script:First | Where-Object { $_ -like '##vso`[task.uploadsummary`]*' })
        $upload.Count | Should -Be 1
        $path = $upload[0].Substring('##vso[task.uploadsummary]'.Length)
        $path | Should -BeLike "$TestDrive*"
        $summary = Get-Content $path -Raw
        $summary | Should -Match '\| Invoices \| 2 \| CompletedWithErrors \| 0 / 0 / 0 \| 0 / 0 / 0 \| 0 \| 25 \|'
        $summary | Should -Match '\| PropertyValue \| 25 \| Salesforce \d+ \(Update\) NUMBER_OUTSIDE_VALID_RANGE: 123456789012345678 does not fit'
        $summary | Should -Match '<br>and 20 more \|'
        $summary | Should -Match 'API use of Invoices \(run 2\): \d+ of the org''s [\d,]+ daily calls'
    }

    It 'reports progress and ends the task SucceededWithIssues while the failures are within -MaxFailedRecords' {
        $script:First | Should -Contain '##vso[task.setprogress value=100]Invoices: run 2 CompletedWithErrors'
        $vso = @($script:First | Where-Object { $_ -like '##vso*' })
        $vso[-1] | Should -Be '##vso[task.complete result=SucceededWithIssues]Start-Sync: records failed; Get-SyncError lists them.'
        @($script:First | Where-Object { $_ -like '*WARNING: *The task ends SucceededWithIssues.*' }).Count | Should -Be 1 -Because 'under the limit the run error is a warning, so an ErrorActionPreference of Stop does not fail the step'
    }

    It 'writes the run as JUnit XML, a failed test case per failed record with its code and message' {
        [xml] $junit = Get-Content $script:Junit -Raw
        $junit.testsuites.tests | Should -Be '25'
        $junit.testsuites.failures | Should -Be '25'
        $cases = @($junit.testsuites.testsuite.testcase)
        $cases.Count | Should -Be 25
        foreach ($case in $cases) {
            $case.classname | Should -Be 'Invoices.Salesforce'
            $case.failure.type | Should -Be 'NUMBER_OUTSIDE_VALID_RANGE'
            $case.failure.message | Should -Match '^NUMBER_OUTSIDE_VALID_RANGE: 123456789012345678 does not fit Salesforce field Amount__c'
        }
    }

    It 'fails with more failed records than -MaxFailedRecords: the error, task result Failed, and a non-zero exit code under pwsh -File' {
        $script:Second | Should -Contain 'caught SyncFailedRecordsExceeded,SfHsSync.Commands.StartSyncCommand'
        $script:Second | Should -Contain '##vso[task.complete result=Failed]Start-Sync: a run failed or had more failed records than allowed.'
        @($script:Second | Where-Object { $_ -like '##vso`[task.logissue *' }).Count | Should -Be 21
        $script:Step.ExitCode | Should -Be 1
    }
}

Describe '-MaxFailedRecords' {
    It 'refuses a limit that is neither a count nor a percentage, before anything runs' {
        $mapping = New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices
        { $mapping | Start-Sync -State (Join-Path $TestDrive 'x.db') -MaxFailedRecords 'many' -ErrorAction Stop } |
            Should -Throw -ErrorId 'SyncParameterOutOfRange,SfHsSync.Commands.StartSyncCommand'
        { $mapping | Import-SalesforceObject -State (Join-Path $TestDrive 'x.db') -MaxFailedRecords '120%' -ErrorAction Stop } |
            Should -Throw -ErrorId 'SyncParameterOutOfRange,SfHsSync.Commands.ImportSalesforceObjectCommand'
        Test-Path (Join-Path $TestDrive 'x.db') | Should -BeFalse
    }
}
