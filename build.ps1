#requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and demonstrates the SfHsSync module.
.DESCRIPTION
    Build  publishes a ready module folder to out/SfHsSync (Import-Module ./out/SfHsSync loads it).
    Test   builds, runs every xunit project and every Pester test against the built module, then a smoke run of
           the benchmark harness (bench/Run-Bench.ps1 -Scale 0.01, each scenario once, one unit in the count;
           -SkipBench leaves it out), writes TRX and NUnit XML results to out/TestResults, and ends with one line
           "N passed, N failed".
    Demo   builds and runs the main job on the built-in sandbox, for a newcomer to watch.
    Package builds and writes out/SfHsSync.<version>.nupkg with PSResourceGet (Compress-PSResource), ready for
           Publish-PSResource -NupkgPath to the PowerShell Gallery or an Azure Artifacts feed.
    Bench  builds and runs the benchmark harness.
    Clean  removes out/ and every bin/ and obj/ folder.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Package', 'Test', 'Demo', 'Bench', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Run only the Pester tests whose file name matches (handy while working on one area).
    [string] $PesterFilter = '*',

    # Skip the xunit projects (Pester only) or the Pester tests (xunit only).
    [switch] $SkipXunit,
    [switch] $SkipPester,

    # Skip the benchmark harness's smoke run (every scenario once at scale 0.01; it checks that the harness works and
    # that each job wrote what it should, never how fast). -PesterFilter and -SkipXunit leave it in.
    [switch] $SkipBench,

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
$moduleVersion = (Import-PowerShellDataFile (Join-Path $root 'SfHsSync.psd1')).ModuleVersion
$packagePath = Join-Path $out "SfHsSync.$moduleVersion.nupkg"

function Invoke-Dotnet {
    # A plain function on purpose: $args passes dotnet's own switches (-o, -c) through untouched.
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Write-Host "==> Building the module into $moduleOut"
    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    $versionArgs = @("-p:Version=$moduleVersion")
    Invoke-Dotnet publish (Join-Path $root 'src/SfHsSync/SfHsSync.csproj') -c $Configuration -o $moduleOut --nologo -v quiet @versionArgs @artifactArgs
    Invoke-Dotnet publish (Join-Path $root 'src/SfHsSync.Sandbox/SfHsSync.Sandbox.csproj') -c $Configuration -o (Join-Path $moduleOut 'sandbox') --nologo -v quiet @versionArgs @artifactArgs
    Copy-Item (Join-Path $root 'src/SfHsSync/SfHsSync.psm1') $moduleOut
    Write-Manifest (Join-Path $moduleOut 'SfHsSync.psd1')
    Get-ChildItem (Join-Path $root 'src/SfHsSync/Formats') -Filter '*.format.ps1xml' | Copy-Item -Destination $moduleOut
    # Publish leaves debug symbols and the reference-only PowerShell assembly behind; a module folder needs neither.
    Get-ChildItem $moduleOut -Filter 'System.Management.Automation.dll' -Recurse | Remove-Item -Force
    Move-ModuleDependencies $moduleOut
    # Binary cmdlets take Get-Help from MAML beside the assembly: written from the doc comments and docs/help.
    Invoke-ChildPwsh -File (Join-Path $root 'build/New-CmdletHelp.ps1') -ModulePath $moduleOut -SourcePath (Join-Path $root 'docs/help')
    if ($LASTEXITCODE -ne 0) { throw "build/New-CmdletHelp.ps1 failed with exit code $LASTEXITCODE." }
    $manifest = Test-ModuleManifest (Join-Path $moduleOut 'SfHsSync.psd1') -ErrorAction Stop
    Write-Host "==> Module $($manifest.Name) $($manifest.Version) is ready: Import-Module $moduleOut"
}

function Write-Manifest([string] $path) {
    # The repository's manifest with ReleaseNotes from CHANGELOG.md's section for ModuleVersion ("## 0.1.0").
    $changelog = Get-Content (Join-Path $root 'CHANGELOG.md')
    $start = [array]::FindIndex($changelog, [Predicate[string]] { param($line) $line -match "^## \[?$([regex]::Escape($moduleVersion))\]?(\s|$)" })
    if ($start -lt 0) { throw "CHANGELOG.md has no '## $moduleVersion' section for the manifest's ModuleVersion." }
    $end = [array]::FindIndex($changelog, $start + 1, [Predicate[string]] { param($line) $line -match '^## ' })
    $section = $changelog[($start + 1)..($(if ($end -lt 0) { $changelog.Count } else { $end }) - 1)]
    $notes = ($section -join "`n").Trim() -replace "'", "''"
    $manifest = Get-Content (Join-Path $root 'SfHsSync.psd1') -Raw
    if ($manifest -notmatch "ReleaseNotes\s*=\s*''") { throw "SfHsSync.psd1 has no empty ReleaseNotes entry for the build to fill." }
    Set-Content $path ($manifest -replace "ReleaseNotes(\s*)=\s*''", "ReleaseNotes`$1= '$($notes -replace '\$', '$$$$')'") -NoNewline
}

function Invoke-Package {
    Invoke-Build
    Write-Host "==> Packaging the module into $packagePath"
    if (Test-Path $packagePath) { Remove-Item $packagePath -Force }
    # PSResourceGet (bundled with PowerShell 7.4+) writes the .nupkg that Install-PSResource installs.
    Compress-PSResource -Path $moduleOut -DestinationPath $out
    if (-not (Test-Path $packagePath)) { throw "Compress-PSResource did not write $packagePath." }
    Write-Host "==> Package ready: Publish-PSResource -NupkgPath $packagePath -Repository <gallery or feed>"
}

function Move-ModuleDependencies([string] $folder) {
    # The cmdlet assembly alone stays in the module root; the engine and every library publish put beside it go to
    # Dependencies/, which the module loads into a private load context (src/SfHsSync/Loading), so another module's
    # copy of YamlDotNet, Npgsql or Polly cannot clash with ours. The deps.json describes a flat folder that is gone.
    $dependencies = Join-Path $folder 'Dependencies'
    New-Item -ItemType Directory -Path $dependencies | Out-Null
    Remove-Item (Join-Path $folder 'SfHsSync.deps.json') -ErrorAction SilentlyContinue
    $rootItems = 'SfHsSync.dll', 'SfHsSync.pdb', 'SfHsSync.xml', 'SfHsSync.psd1', 'SfHsSync.psm1', 'sandbox', 'Dependencies'
    Get-ChildItem $folder | Where-Object { $_.Name -notin $rootItems -and $_.Name -notlike '*.format.ps1xml' } |
        Move-Item -Destination $dependencies
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
    $folder = & (Join-Path $root 'build/Get-NuGetPackage.ps1') -Id Pester -Version $pesterVersion -ToolsPath $toolsDir
    $psd1 = Join-Path $folder 'tools/Pester.psd1'
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
    # tests/contract/sfcli holds the real Salesforce CLI (about 300 MB, under a minute from a cold npm cache) for the
    # Connect-Salesforce -SfCliAlias test; its own lock file keeps its undici pin away from the other clients.
    foreach ($folder in @($contract, (Join-Path $contract 'sfcli'))) {
        if (Test-Path (Join-Path $folder 'node_modules/.package-lock.json')) { continue }
        Write-Host "==> Installing the npm packages of $folder"
        Push-Location $folder
        try {
            & npm ci --no-audit --no-fund --loglevel=error
            if ($LASTEXITCODE -ne 0) { throw "npm ci in $folder failed with exit code $LASTEXITCODE." }
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
    Invoke-Package
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
    # The tests append the figures they count here; docs/reliability.md is written from them at the end.
    $env:SFHSSYNC_FIGURES = Join-Path $resultsDir 'figures.jsonl'

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
`$env:SFHSSYNC_PACKAGE_PATH = '$packagePath'
`$config = New-PesterConfiguration
`$config.Run.Path = Get-ChildItem '$(Join-Path $root 'tests')', '$(Join-Path $root 'docs/examples')' -Recurse -Filter '$PesterFilter.Tests.ps1' | ForEach-Object FullName
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

    if (-not $SkipBench) {
        $b = Invoke-BenchSmoke
        $passed += $b.Passed; $failed += $b.Failed
    }

    if (-not $SkipXunit -and -not $SkipPester -and $PesterFilter -eq '*' -and (Test-Path $env:SFHSSYNC_FIGURES)) {
        & (Join-Path $root 'build/Write-ReliabilityDoc.ps1') -FiguresPath $env:SFHSSYNC_FIGURES -OutPath (Join-Path $root 'docs/reliability.md')
    }
    Write-Host "$passed passed, $failed failed"
    $script:TestFailures = $failed
}

function Invoke-BenchSmoke {
    # One unit: the harness builds and every scenario runs at scale 0.01 and passes its checks (records written as they
    # should be). No timing is asserted, and a scaled run never writes docs/benchmarks.md.
    Write-Host '==> Smoke run of the benchmark harness (bench/Run-Bench.ps1 -Scale 0.01)'
    $summary = Join-Path $resultsDir 'bench-smoke.json'
    $name = if ($Isolated) { "$Isolated-smoke" } else { 'smoke' }
    Invoke-ChildPwsh -File (Join-Path $root 'bench/Run-Bench.ps1') -ModulePath $moduleOut -Scale 0.01 -Repeat 1 -Isolated $name -SummaryPath $summary | Out-Host
    $code = $LASTEXITCODE
    $failures = @()
    if (Test-Path $summary) {
        $failures = @(Get-Content $summary -Raw | ConvertFrom-Json | Where-Object { -not $_.passed } |
            ForEach-Object { "scenario $($_.scenario) ($($_.title)): $($_.problem)" })
    }
    else {
        $failures = @("the harness ended before it wrote its summary (exit code $code)")
    }
    if ($failures.Count -eq 0 -and $code -ne 0) { $failures = @("the harness exited with $code") }
    foreach ($failure in $failures) {
        Write-Host "bench smoke failed: $failure"
        if ($env:TF_BUILD) { Write-Host "##vso[task.logissue type=error]Benchmark smoke run: $failure" }
    }
    $ok = $failures.Count -eq 0
    Write-Host "bench smoke: $(if ($ok) { 1 } else { 0 }) passed, $(if ($ok) { 0 } else { 1 }) failed"
    [pscustomobject] @{ Passed = [int] $ok; Failed = [int] (-not $ok) }
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
    'Package' { Invoke-Package }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Clean' { Invoke-Clean }
}
