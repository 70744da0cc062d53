#requires -Version 7.4
<#
.SYNOPSIS
    Returns the folder of a NuGet package version under <ToolsPath>/packages, restoring it from NuGet the first time.
.DESCRIPTION
    build.ps1 fetches Pester this way, and the Pester tests the other libraries' versions they load beside the module
    (tests/pester/Isolation.Tests.ps1). A throwaway project with one PackageDownload is restored with the dotnet CLI,
    so the package comes from the NuGet sources the machine already uses.
.EXAMPLE
    ./build/Get-NuGetPackage.ps1 -Id YamlDotNet -Version 13.7.1 -ToolsPath ./.tools
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Id,
    [Parameter(Mandatory)] [string] $Version,
    [Parameter(Mandatory)] [string] $ToolsPath
)

$ErrorActionPreference = 'Stop'
$packages = Join-Path $ToolsPath 'packages'
$folder = Join-Path $packages "$($Id.ToLowerInvariant())/$Version"
if (Test-Path (Join-Path $folder '*.nupkg')) { return (Resolve-Path $folder).Path }

Write-Host "==> Fetching $Id $Version from NuGet"
$project = Join-Path $ToolsPath "fetch-$($Id.ToLowerInvariant())-$Version"
New-Item -ItemType Directory -Force -Path $project | Out-Null
# Empty Directory.*.props stop the repository's own build settings from reaching this throwaway project.
Set-Content (Join-Path $project 'Directory.Build.props') '<Project />'
Set-Content (Join-Path $project 'Directory.Packages.props') '<Project />'
Set-Content (Join-Path $project 'fetch.csproj') @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="$Id" Version="[$Version]" /></ItemGroup>
</Project>
"@
$log = & dotnet restore $project --packages $packages --nologo -v quiet 2>&1
if ($LASTEXITCODE -ne 0) { throw "Restoring $Id $Version from NuGet failed (exit code $LASTEXITCODE): $($log | Out-String)" }
if (-not (Test-Path (Join-Path $folder '*.nupkg'))) { throw "$Id $Version was restored but $folder holds no package." }
(Resolve-Path $folder).Path
