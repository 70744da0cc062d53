<#
.SYNOPSIS
    The newcomer's tour: start the sandbox, describe a mapping, and see it as YAML.
#>
param([Parameter(Mandatory)] [string] $ModulePath)

$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
Import-Module $ModulePath -Force

Write-Host '== 1. Start the sandbox: an emulated Salesforce org and HubSpot account on loopback'
$sandbox = Start-SyncSandbox -Seed Demo
try {
    $sandbox | Format-Table | Out-Host
}
finally {
    Write-Host '== Stop the sandbox'
    $sandbox | Stop-SyncSandbox
}
