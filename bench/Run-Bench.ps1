#requires -Version 7.4
<#
.SYNOPSIS
    Runs the SfHsSync benchmark harness and writes its table into docs/benchmarks.md.
.DESCRIPTION
    Builds bench/SfHsSync.Bench (Release, into its own artifacts folder), then runs the scenarios of issue 10. Each
    scenario starts the sandbox (Demo seed plus generated invoices) in one process and the engine in another, and
    measures the syncing process alone: wall and CPU time, peak memory, API calls to each side against the minimum,
    HubSpot's request rate against its limit, and the 429s met. The table goes to the console and, between markers,
    into docs/benchmarks.md (the prose around the markers is kept).

    It takes 20 to 40 minutes on two cores; it is not part of build.ps1 Test or CI.
.PARAMETER ModulePath
    The built module folder (build.ps1 Bench passes it). The harness drives the engine the module carries; the module's
    version is written beside the results.
.PARAMETER Scenario
    Which scenarios to run, in order: 1 import without limits, 2 import under 190 / 10 s, 3 incremental pass (and 3b,
    the same changes on their own), 4 import of 1,000,000 records, 5 two-way pass with conflicts, 7 idle passes (a
    continuous sync with nothing changed: calls and CPU per pass, and the API cost per day). Scenario 6 (many mappings
    under one budget, issue 22) is not in the harness yet.
.PARAMETER Scale
    Multiplies every record count (1 for the real run; 0.01 for a quick look). A scaled run does not write the docs.
.PARAMETER Repeat
    Runs each scenario this many times and reports the better run with the spread over the runs, e.g. "1.19 (±0.04)".
    Defaults to 2 for a full run (-Scale 1) and 1 for a scaled one.
.PARAMETER SummaryPath
    Writes each scenario's verdict (ran and passed its checks, or what went wrong) to this JSON file; build.ps1 Test
    counts the smoke run from it.
.EXAMPLE
    dotnet pwsh ./bench/Run-Bench.ps1 -Scenario 1,2
.EXAMPLE
    dotnet pwsh ./bench/Run-Bench.ps1 -Scale 0.01    # the smoke run build.ps1 Test makes: each scenario once, docs left alone
#>
[CmdletBinding()]
param(
    [string] $ModulePath,

    [ValidateSet('1', '2', '3', '4', '5', '7')]
    [string[]] $Scenario = @('1', '5', '3', '7', '2', '4'),

    [ValidateRange(0.0001, 1.0)]
    [double] $Scale = 1.0,

    [ValidateRange(1, 10)]
    [int] $Repeat = 0,

    [string] $SummaryPath,

    # Build under /tmp/sfhssync-bench-<name> rather than /tmp/sfhssync-bench.
    [string] $Isolated = 'run'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

$root = Split-Path $PSScriptRoot -Parent
$project = Join-Path $PSScriptRoot 'SfHsSync.Bench/SfHsSync.Bench.csproj'
$artifacts = Join-Path ([IO.Path]::GetTempPath()) "sfhssync-bench-$Isolated"
$docs = Join-Path $root 'docs/benchmarks.md'

if ($ModulePath) {
    $manifest = Join-Path $ModulePath 'SfHsSync.psd1'
    if (-not (Test-Path $manifest)) { throw "No module at '$ModulePath': $manifest is missing. Run build.ps1 Build first, or leave -ModulePath out." }
    $version = (Import-PowerShellDataFile $manifest).ModuleVersion
    Write-Host "==> Benchmarking the engine of SfHsSync $version ($ModulePath)"
}

Write-Host "==> Building the harness into $artifacts"
& dotnet build $project -c Release --nologo -v quiet --artifacts-path $artifacts
if ($LASTEXITCODE -ne 0) { throw "Building the harness failed with exit code $LASTEXITCODE." }
$dll = Join-Path $artifacts 'bin/SfHsSync.Bench/release/SfHsSync.Bench.dll'
if (-not (Test-Path $dll)) { throw "The harness built, but $dll is missing." }

if ($Repeat -eq 0) { $Repeat = if ($Scale -eq 1.0) { 2 } else { 1 } }
$arguments = @('run', '--scenarios', ($Scenario -join ','), '--scale', $Scale.ToString([Globalization.CultureInfo]::InvariantCulture), '--repeat', $Repeat)
if ($Scale -eq 1.0) { $arguments += @('--output', $docs) }
if ($SummaryPath) { $arguments += @('--summary', $SummaryPath) }
Write-Host "==> Running scenarios $($Scenario -join ', ') (scale $Scale, $Repeat run(s) each)"
& dotnet $dll @arguments
$code = $LASTEXITCODE
if ($code -ne 0) { Write-Warning "The harness reports a job that failed or wrote the wrong records (exit code $code)." }
exit $code
