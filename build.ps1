#requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and demonstrates the SfHsSync module.
.DESCRIPTION
    Build  publishes a ready module folder to out/SfHsSync (Import-Module ./out/SfHsSync loads it).
    Test   builds, runs every xunit project and every Pester test against the built module, writes
           TRX and NUnit XML results to out/TestResults, and ends with one line "N passed, N failed".
    Demo   builds and runs the main job on the built-in sandbox, for a newcomer to watch.
    Bench  builds and runs the benchmark harness.
    Clean  removes out/ and every bin/ and obj/ folder.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Run only the Pester tests whose file name matches (handy while working on one area).
    [string] $PesterFilter = '*',

    # Skip the xunit projects (Pester only) or the Pester tests (xunit only).
    [switch] $SkipXunit,
    [switch] $SkipPester,

    # Build under /tmp/sfhssync-<name> instead of out/ and the projects' bin/obj, so several builds can run at once.
    [string] $Isolated
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:NO_COLOR = '1'
$PSStyle.OutputRendering = 'PlainText'

$root = $PSScriptRoot
$out = Join-Path $root 'out'
$artifactArgs = @()
if ($Isolated) {
    $isolatedRoot = Join-Path ([IO.Path]::GetTempPath()) "sfhssync-$Isolated"
    $out = Join-Path $isolatedRoot 'out'
    $artifactArgs = @('--artifacts-path', (Join-Path $isolatedRoot 'artifacts'))
}
$moduleOut = Join-Path $out 'SfHsSync'
$resultsDir = Join-Path $out 'TestResults'
$toolsDir = Join-Path $root '.tools'
$pesterVersion = '5.7.1'

function Invoke-Dotnet {
    # A plain function on purpose: $args passes dotnet's own switches (-o, -c) through untouched.
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Write-Host "==> Building the module into $moduleOut"
    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    Invoke-Dotnet publish (Join-Path $root 'src/SfHsSync/SfHsSync.csproj') -c $Configuration -o $moduleOut --nologo -v quiet @artifactArgs
    Invoke-Dotnet publish (Join-Path $root 'src/SfHsSync.Sandbox/SfHsSync.Sandbox.csproj') -c $Configuration -o (Join-Path $moduleOut 'sandbox') --nologo -v quiet @artifactArgs
    Copy-Item (Join-Path $root 'SfHsSync.psd1') $moduleOut
    Get-ChildItem (Join-Path $root 'src/SfHsSync/Formats') -Filter '*.format.ps1xml' | Copy-Item -Destination $moduleOut
    # Publish leaves debug symbols and the reference-only PowerShell assembly behind; a module folder needs neither.
    Get-ChildItem $moduleOut -Filter 'System.Management.Automation.dll' -Recurse | Remove-Item -Force
    # Binary cmdlets take Get-Help from MAML beside the assembly: written from the doc comments and docs/help.
    Invoke-ChildPwsh -File (Join-Path $root 'build/New-CmdletHelp.ps1') -ModulePath $moduleOut -SourcePath (Join-Path $root 'docs/help')
    if ($LASTEXITCODE -ne 0) { throw "build/New-CmdletHelp.ps1 failed with exit code $LASTEXITCODE." }
    $manifest = Test-ModuleManifest (Join-Path $moduleOut 'SfHsSync.psd1') -ErrorAction Stop
    Write-Host "==> Module $($manifest.Name) $($manifest.Version) is ready: Import-Module $moduleOut"
}

function Invoke-ChildPwsh {
    # A fresh pwsh: run as a dotnet tool, this process is the dotnet host running pwsh.dll.
    $host_ = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($host_) -eq 'dotnet') {
        & $host_ (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive @args
    }
    else {
        & $host_ -NoProfile -NonInteractive @args
    }
}

function Get-Pester {
    $packages = Join-Path $toolsDir 'packages'
    $psd1 = Join-Path $packages "pester/$pesterVersion/tools/Pester.psd1"
    if (Test-Path $psd1) { return $psd1 }
    Write-Host "==> Fetching Pester $pesterVersion from NuGet"
    $project = Join-Path $toolsDir 'pester-fetch'
    New-Item -ItemType Directory -Force -Path $project | Out-Null
    # Empty Directory.*.props stop the repository's own build settings from reaching this throwaway project.
    Set-Content (Join-Path $project 'Directory.Build.props') '<Project />'
    Set-Content (Join-Path $project 'Directory.Packages.props') '<Project />'
    Set-Content (Join-Path $project 'pester-fetch.csproj') @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Pester" Version="[$pesterVersion]" /></ItemGroup>
</Project>
"@
    Invoke-Dotnet restore $project --packages $packages --nologo -v quiet
    if (-not (Test-Path $psd1)) { throw "Pester $pesterVersion was restored but $psd1 is missing." }
    return $psd1
}

function Read-TrxCounts([string] $directory) {
    $passed = 0; $failed = 0
    foreach ($file in Get-ChildItem $directory -Filter '*.trx' -ErrorAction SilentlyContinue) {
        [xml] $trx = Get-Content $file.FullName -Raw
        $counters = $trx.TestRun.ResultSummary.Counters
        $passed += [int] $counters.passed
        $failed += [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
    }
    [pscustomobject] @{ Passed = $passed; Failed = $failed }
}

function Install-ContractTools {
    # The contract tests run clients we did not write (jsforce, @hubspot/api-client, Prism) under node.
    $contract = Join-Path $root 'tests/contract'
    if (-not (Get-Command node -ErrorAction SilentlyContinue)) {
        Write-Warning 'node is not installed: the contract tests will report it (and fail when CI is set).'
        return
    }
    if (-not (Test-Path (Join-Path $contract 'node_modules/.package-lock.json'))) {
        Write-Host '==> Installing the contract tests'' npm packages'
        Push-Location $contract
        try {
            & npm ci --no-audit --no-fund --loglevel=error
            if ($LASTEXITCODE -ne 0) { throw "npm ci in $contract failed with exit code $LASTEXITCODE." }
        }
        finally { Pop-Location }
    }
}

function Install-Chromium {
    # The report test opens Export-SyncReport's page in real headless Chromium; as root on Debian it is installed here.
    if (Get-Command chromium -ErrorAction SilentlyContinue) { return }
    $isRoot = (Get-Command id -ErrorAction SilentlyContinue) -and (& id -u) -eq '0'
    if ($isRoot -and (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        Write-Host '==> Installing chromium for the report test'
        $env:DEBIAN_FRONTEND = 'noninteractive'
        & apt-get install -y -qq chromium *> $null
        if ($LASTEXITCODE -ne 0) { & apt-get update -qq *> $null; & apt-get install -y -qq chromium *> $null }
    }
    if (-not (Get-Command chromium -ErrorAction SilentlyContinue)) {
        Write-Warning 'chromium is not installed: the report test will fail and say so (apt-get install chromium).'
    }
}

function Start-TestPostgres {
    # The state tests need a real PostgreSQL server: the one SFHSSYNC_TEST_POSTGRES names, else a throwaway one here.
    if ($env:SFHSSYNC_TEST_POSTGRES) { return $null }
    if (-not (Get-Command bash -ErrorAction SilentlyContinue)) {
        Write-Warning 'No PostgreSQL for the tests: set SFHSSYNC_TEST_POSTGRES to a server''s connection string.'
        return $null
    }
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    Write-Host "==> Starting a throwaway PostgreSQL server on 127.0.0.1:$port"
    $errFile = [IO.Path]::GetTempFileName()
    $connection = & bash (Join-Path $root 'tests/postgres/start-postgres.sh') $port 2>$errFile
    $folder = (Get-Content $errFile | Select-Object -Last 1)
    Remove-Item $errFile
    if ($LASTEXITCODE -ne 0 -or -not $connection) {
        Write-Warning "PostgreSQL could not be started ($folder): the PostgreSQL tests will fail and say why."
        return $null
    }
    $env:SFHSSYNC_TEST_POSTGRES = $connection
    return $folder
}

function Invoke-Test {
    Invoke-Build
    Install-ContractTools
    Install-Chromium
    $postgresFolder = Start-TestPostgres
    $script:TestFailures = 1
    try { Invoke-TestRun | Out-Host }
    finally {
        if ($postgresFolder) {
            & bash (Join-Path $root 'tests/postgres/stop-postgres.sh') $postgresFolder
            Remove-Item Env:SFHSSYNC_TEST_POSTGRES -ErrorAction SilentlyContinue
        }
    }
    if ($script:TestFailures -gt 0) { exit 1 }
}

function Invoke-TestRun {
    if (Test-Path $resultsDir) { Remove-Item $resultsDir -Recurse -Force }
    New-Item -ItemType Directory -Force -Path $resultsDir | Out-Null
    $passed = 0; $failed = 0; $problems = @()

    if (-not $SkipXunit) {
        Write-Host '==> Running the xunit projects'
        $xunitDir = Join-Path $resultsDir 'xunit'
        foreach ($project in Get-ChildItem (Join-Path $root 'tests') -Recurse -Filter '*.Tests.csproj') {
            Write-Host "--> $($project.BaseName)"
            & dotnet test $project.FullName -c $Configuration --nologo @artifactArgs `
                --logger "trx;LogFileName=$($project.BaseName).trx" --logger 'console;verbosity=minimal' `
                --results-directory $xunitDir
            if ($LASTEXITCODE -ne 0) { $problems += "$($project.BaseName) exited with $LASTEXITCODE" }
        }
        $x = Read-TrxCounts $xunitDir
        if ($problems.Count -gt 0 -and $x.Failed -eq 0) {
            # A project that failed to build or crashed has no failed tests to count; it still fails the run.
            $x.Failed = $problems.Count
        }
        Write-Host "xunit: $($x.Passed) passed, $($x.Failed) failed"
        $passed += $x.Passed; $failed += $x.Failed
    }

    if (-not $SkipPester) {
        Write-Host '==> Running the Pester tests against the built module'
        $pester = Get-Pester
        $summary = Join-Path $resultsDir 'pester-summary.json'
        $nunit = Join-Path $resultsDir 'pester.nunit.xml'
        # A fresh pwsh, as a user would have: nothing from this build's session leaks into the tests.
        $script = @"
`$ErrorActionPreference = 'Stop'
`$PSStyle.OutputRendering = 'PlainText'
Import-Module '$pester' -MinimumVersion $pesterVersion
`$env:SFHSSYNC_MODULE_PATH = '$moduleOut'
`$config = New-PesterConfiguration
`$config.Run.Path = Get-ChildItem '$(Join-Path $root 'tests')' -Recurse -Filter '$PesterFilter.Tests.ps1' | ForEach-Object FullName
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Detailed'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputFormat = 'NUnitXml'
`$config.TestResult.OutputPath = '$nunit'
`$r = Invoke-Pester -Configuration `$config
@{ Passed = `$r.PassedCount; Failed = `$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount } | ConvertTo-Json | Set-Content '$summary'
"@
        Invoke-ChildPwsh -Command $script
        if (Test-Path $summary) {
            $p = Get-Content $summary -Raw | ConvertFrom-Json
            Write-Host "pester: $($p.Passed) passed, $($p.Failed) failed"
            $passed += [int] $p.Passed; $failed += [int] $p.Failed
        }
        else {
            Write-Host 'pester: the run ended before it wrote its summary'
            $failed += 1
        }
        if ($env:TF_BUILD) { Write-Host "##vso[results.publish type=NUnit;runTitle=SfHsSync Pester]$nunit" }
    }

    Write-Host "$passed passed, $failed failed"
    $script:TestFailures = $failed
}

function Invoke-Demo {
    Invoke-Build
    $demo = Join-Path $root 'demo/Demo.ps1'
    Invoke-ChildPwsh -File $demo -ModulePath $moduleOut
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Bench {
    Invoke-Build
    $bench = Join-Path $root 'bench/Run-Bench.ps1'
    if (-not (Test-Path $bench)) { throw 'The benchmark harness (bench/) is not built yet.' }
    Invoke-ChildPwsh -File $bench -ModulePath $moduleOut
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Clean {
    foreach ($dir in @($out) + (Get-ChildItem $root -Recurse -Directory -Include 'bin', 'obj' | ForEach-Object FullName)) {
        if (Test-Path $dir) { Remove-Item $dir -Recurse -Force }
    }
    Write-Host 'Clean.'
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Clean' { Invoke-Clean }
}
