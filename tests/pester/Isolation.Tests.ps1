# Issue 21: the module beside another module that loaded other versions of the libraries it uses. powershell-yaml
# ships YamlDotNet, others ship Polly: a session that loaded one of them first must still run ours, and theirs too.
BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    . (Join-Path $PSScriptRoot 'FreshSession.ps1')
    # Older majors than the module's (YamlDotNet 16, Polly.Core 8.9), as another module would have loaded them.
    $script:TheirYaml = Get-PackageAssembly (Get-NuGetPackage YamlDotNet 13.7.1) 'YamlDotNet.dll'
    $script:TheirPolly = Get-PackageAssembly (Get-NuGetPackage Polly.Core 8.1.0) 'Polly.Core.dll'
}

Describe 'The module beside other versions of its libraries' {
    It 'runs the YAML round trip and a sync while the session''s own YamlDotNet 13 and Polly 8.1 keep working' {
        $work = Join-Path $TestDrive 'beside'
        New-Item -ItemType Directory -Path $work | Out-Null
        $run = Invoke-FreshPwsh -Script @"
Add-Type -Path '$script:TheirYaml'
Add-Type -Path '$script:TheirPolly'
function Read-TheirYaml { [YamlDotNet.Serialization.DeserializerBuilder]::new().Build().Deserialize([string] 'greeting: hello')['greeting'] }
"theirs before: `$(Read-TheirYaml)"
Import-Module '$script:ModulePath'
`$sandbox = Start-SyncSandbox -Seed Demo
New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -CreateDirection TwoWay ``
        -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c |
    Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number |
    Add-FieldMapping -SalesforceField Amount__c -HubSpotProperty amount |
    Export-SyncMapping -Path '$work/invoices.sync.yml'
`$read = Import-SyncMapping -Path '$work/invoices.sync.yml'
"ours read: `$(`$read.Name) `$(`$read.Fields.Count) fields"
`$result = Start-Sync -Mapping `$read -State '$work/state.db' -WarningAction SilentlyContinue
"ours synced: `$(`$result.State) `$(`$result.CreatedInHubSpot)"
`$sandbox | Stop-SyncSandbox
"theirs after: `$(Read-TheirYaml) `$([Polly.ResiliencePipeline]::Empty.Execute([Func[int]] { 42 }))"
`$ours = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -EQ 'SfHsSync.Engine' | ForEach-Object Assemblies
foreach (`$name in 'YamlDotNet', 'Polly.Core') {
    `$default = [System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies | Where-Object { `$_.GetName().Name -eq `$name }
    `$private = `$ours | Where-Object { `$_.GetName().Name -eq `$name }
    "`$name default `$([Diagnostics.FileVersionInfo]::GetVersionInfo(`$default.Location).FileVersion) private `$([Diagnostics.FileVersionInfo]::GetVersionInfo(`$private.Location).FileVersion)"
}
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $lines = $run.Output -split "`r?`n"
        $lines | Should -Contain 'theirs before: hello'
        $lines | Should -Contain 'ours read: Invoices 2 fields'
        $lines | Should -Contain 'ours synced: Succeeded 40'
        $lines | Should -Contain 'theirs after: hello 42'
        # Each side has its own copy: the session's in the default load context, the module's in its private one.
        ($lines -match '^YamlDotNet default 13\.7\.1(\.\d+)? private 16\.3\.0(\.\d+)?$').Count | Should -Be 1 -Because $run.Output
        ($lines -match '^Polly\.Core default 8\.1\.0(\.\d+)? private 8\.9\.1(\.\d+)?$').Count | Should -Be 1 -Because $run.Output
    }

    It 'imports twice and is removed without errors (stopping its sandbox), and works again after' {
        $state = Join-Path $TestDrive 'again.db'
        $run = Invoke-FreshPwsh -Script @"
Add-Type -Path '$script:TheirYaml'
Import-Module '$script:ModulePath'
Import-Module '$script:ModulePath' -Force
`$sandbox = Start-SyncSandbox -Seed Empty
`$process = Get-Process -Id `$sandbox.ProcessId
Remove-Module SfHsSync
"removed: `$(@(Get-Module SfHsSync).Count)"
"sandbox exited after remove: `$(`$process.WaitForExit(30000))"
Import-Module '$script:ModulePath'
"runs: `$(@(Get-SyncRun -State '$state').Count)"
"type: `$([SfHsSync.Engine.Mapping.SyncMapping].FullName)"
"errors: `$(`$Error.Count)"
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $lines = $run.Output -split "`r?`n"
        $lines | Should -Contain 'removed: 0'
        $lines | Should -Contain 'sandbox exited after remove: True' -Because 'Remove-Module stops the sandboxes the module started'
        $lines | Should -Contain 'runs: 0'
        $lines | Should -Contain 'type: SfHsSync.Engine.Mapping.SyncMapping'
        $lines | Should -Contain 'errors: 0'
    }
}
