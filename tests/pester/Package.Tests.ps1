# Issue 21: the module as an admin gets it, installed with PSResourceGet from a feed (here a folder registered as a
# repository), not built from source.
BeforeAll {
    $script:ModulePath = if ($env:SFHSSYNC_MODULE_PATH) { $env:SFHSSYNC_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/SfHsSync' }
    $script:Manifest = Test-ModuleManifest (Join-Path $script:ModulePath 'SfHsSync.psd1') -ErrorAction Stop
    $script:Package = if ($env:SFHSSYNC_PACKAGE_PATH) { $env:SFHSSYNC_PACKAGE_PATH } else {
        Join-Path $PSScriptRoot "../../out/SfHsSync.$($script:Manifest.Version).nupkg"
    }
    . (Join-Path $PSScriptRoot 'FreshSession.ps1')
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $zip = [IO.Compression.ZipFile]::OpenRead($script:Package)
    try { $script:Entries = @($zip.Entries | ForEach-Object FullName) }
    finally { $zip.Dispose() }
}

Describe 'The manifest' {
    It 'carries what the PowerShell Gallery requires and recommends' {
        $script:Manifest.Author | Should -Not -BeNullOrEmpty
        $script:Manifest.Description | Should -Not -BeNullOrEmpty
        $script:Manifest.ProjectUri.IsAbsoluteUri | Should -BeTrue
        $script:Manifest.LicenseUri.AbsolutePath | Should -Match '/LICENSE$'
        foreach ($tag in 'PSEdition_Core', 'Linux', 'Windows', 'MacOS') { $script:Manifest.Tags | Should -Contain $tag }
        $script:Manifest.Tags | Where-Object { $_ -match '\s' } | Should -BeNullOrEmpty -Because 'Gallery tags have no spaces'
    }

    It 'takes its release notes from the CHANGELOG section of its version, and stamps that version on the assemblies' {
        $changelog = Get-Content (Join-Path $PSScriptRoot '../../CHANGELOG.md') -Raw
        $section = [regex]::Match($changelog, "(?ms)^## $([regex]::Escape($script:Manifest.Version.ToString()))\s*\n(.*?)(?=^## |\z)").Groups[1].Value.Trim()
        $section | Should -Not -BeNullOrEmpty
        ($script:Manifest.ReleaseNotes -replace "`r", '') | Should -Be ($section -replace "`r", '')
        $expected = [version] "$($script:Manifest.Version).0"
        foreach ($assembly in (Join-Path $script:ModulePath 'SfHsSync.dll'), (Join-Path $script:ModulePath 'Dependencies/SfHsSync.Engine.dll')) {
            [Reflection.AssemblyName]::GetAssemblyName($assembly).Version | Should -Be $expected
        }
    }
}

Describe 'The package' {
    It 'is named after the module and its version' {
        Split-Path $script:Package -Leaf | Should -Be "SfHsSync.$($script:Manifest.Version).nupkg"
    }

    It 'holds the module with the cmdlet assembly alone in its root and the engine in Dependencies/' {
        foreach ($file in 'SfHsSync.psd1', 'SfHsSync.psm1', 'SfHsSync.dll', 'en-US/SfHsSync.dll-Help.xml',
            'Dependencies/SfHsSync.Engine.dll', 'Dependencies/YamlDotNet.dll', 'sandbox/SfHsSync.Sandbox.dll') {
            $script:Entries | Should -Contain $file
        }
        @($script:Entries | Where-Object { $_ -notmatch '/' -and $_ -like '*.dll' }) | Should -Be @('SfHsSync.dll')
    }

    It 'holds no test, build or benchmark files' {
        $unwanted = '(^|/)(tests?|build|bench|benchmarks|TestResults|BenchmarkDotNet\.Artifacts|\.tools|obj)/|' +
            '\.Tests\.|Tests\.dll$|Microbench|SyncHost|Pester|xunit|CsCheck|BenchmarkDotNet|Microsoft\.NET\.Test\.Sdk|' +
            'Microsoft\.PowerShell\.SDK|\.(cs|csproj|sln|props|trx)$|(^|/)build\.ps1$|(^|/)Run-Bench\.ps1$|New-CmdletHelp'
        $script:Entries | Where-Object { $_ -match $unwanted } | Should -BeNullOrEmpty
    }
}

Describe 'Install-PSResource from a folder registered as a repository' {
    It 'installs into a fresh user module path, imports by name, starts the sandbox and syncs once' {
        $feed = Join-Path $TestDrive 'feed'
        $home_ = Join-Path $TestDrive 'home'
        New-Item -ItemType Directory -Path $feed, $home_ | Out-Null
        Copy-Item $script:Package $feed
        $userModules = Join-Path $home_ '.local/share/powershell/Modules'
        $work = Join-Path $TestDrive 'work'
        New-Item -ItemType Directory -Path $work | Out-Null
        # A user's own home, empty: PSResourceGet keeps its repository list and the CurrentUser module path under it
        # (on Linux and macOS), and the module path is that folder and PowerShell's own modules only.
        $environment = @{
            HOME = $home_; DOTNET_CLI_HOME = $home_
            PSModulePath = "$userModules$([IO.Path]::PathSeparator)$(Join-Path $PSHOME 'Modules')"
        }
        $run = Invoke-FreshPwsh -Environment $environment -Script @"
Register-PSResourceRepository -Name SfHsSyncFeed -Uri '$feed' -Trusted
Install-PSResource SfHsSync -Repository SfHsSyncFeed -Scope CurrentUser
"installed: `$((Get-InstalledPSResource SfHsSync).Version)"
Import-Module SfHsSync
"from: `$((Get-Module SfHsSync).ModuleBase)"
`$sandbox = Start-SyncSandbox -Seed Demo
New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices -CreateDirection TwoWay ``
        -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c |
    Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number |
    Export-SyncMapping -Path '$work/invoices.sync.yml'
`$result = Start-Sync -Path '$work/invoices.sync.yml' -State '$work/state.db' -WarningAction SilentlyContinue
"synced: `$(`$result.State) `$(`$result.CreatedInHubSpot)"
`$sandbox | Stop-SyncSandbox
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $lines = $run.Output -split "`r?`n"
        $lines | Should -Contain "installed: $($script:Manifest.Version)"
        $lines | Should -Contain "from: $(Join-Path $userModules "SfHsSync/$($script:Manifest.Version)")"
        $lines | Should -Contain 'synced: Succeeded 40'
    }
}
