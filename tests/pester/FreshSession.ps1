# Helpers for tests that need what a user's machine has and this test process must not lend: a fresh pwsh, and
# NuGet packages the module does not ship (fetched once into .tools/packages, as build.ps1 fetches Pester).

function Invoke-FreshPwsh {
    # Runs $Script in a new pwsh (-NoProfile) with the given environment variables added; returns its exit code and
    # its output (both streams) as text.
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{})
    $psi = [Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
    # Run as a dotnet tool, this process is the dotnet host running pwsh.dll.
    if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    $file = Join-Path ([IO.Path]::GetTempPath()) "sfhssync-fresh-$([guid]::NewGuid().ToString('n')).ps1"
    Set-Content -Path $file -Value "`$ErrorActionPreference = 'Stop'`n`$PSStyle.OutputRendering = 'PlainText'`n$Script"
    foreach ($arg in '-NoProfile', '-NonInteractive', '-File', $file) { $psi.ArgumentList.Add($arg) }
    foreach ($name in $Environment.Keys) { $psi.Environment[$name] = [string] $Environment[$name] }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    try {
        $process = [Diagnostics.Process]::Start($psi)
        $errors = $process.StandardError.ReadToEndAsync()
        $output = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
    }
    finally { Remove-Item $file -ErrorAction SilentlyContinue }
    [pscustomobject] @{ ExitCode = $process.ExitCode; Output = $output + $errors.GetAwaiter().GetResult() }
}

function Get-NuGetPackage {
    # The folder of a package's version under .tools/packages, restored from NuGet the first time it is asked for.
    param([Parameter(Mandatory)] [string] $Id, [Parameter(Mandatory)] [string] $Version)
    $tools = Join-Path $PSScriptRoot '../../.tools'
    $folder = Join-Path $tools "packages/$($Id.ToLowerInvariant())/$Version"
    if (Test-Path (Join-Path $folder '*.nupkg')) { return (Resolve-Path $folder).Path }
    $project = Join-Path $tools "fetch-$($Id.ToLowerInvariant())-$Version"
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
    $log = & dotnet restore $project --packages (Join-Path $tools 'packages') --nologo -v quiet 2>&1
    if ($LASTEXITCODE -ne 0) { throw "Restoring $Id $Version from NuGet failed: $($log | Out-String)" }
    (Resolve-Path $folder).Path
}

function Get-PackageAssembly {
    # The package's assembly for the newest .NET (not .NET Framework, not .NET Standard) it targets.
    param([Parameter(Mandatory)] [string] $PackageFolder, [Parameter(Mandatory)] [string] $FileName)
    $frameworks = Get-ChildItem (Join-Path $PackageFolder 'lib') -Directory | Where-Object Name -Match '^net\d+\.\d+$' |
        Sort-Object { [version] $_.Name.Substring(3) } -Descending
    foreach ($framework in $frameworks) {
        $path = Join-Path $framework.FullName $FileName
        if (Test-Path $path) { return $path }
    }
    throw "$PackageFolder has no $FileName for .NET."
}
