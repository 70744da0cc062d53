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
    $root = Join-Path $PSScriptRoot '../..'
    & (Join-Path $root 'build/Get-NuGetPackage.ps1') -Id $Id -Version $Version -ToolsPath (Join-Path $root '.tools') 6>$null
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
