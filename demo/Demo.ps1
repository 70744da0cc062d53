<#
.SYNOPSIS
    The newcomer's tour, on the built-in sandbox: connect, map, test, preview, sync both ways, a conflict resolved,
    a failed record explained.
#>
param([Parameter(Mandatory)] [string] $ModulePath)

$ErrorActionPreference = 'Stop'
$PSStyle.OutputRendering = 'PlainText'
Import-Module $ModulePath -Force

function Step([string] $text) { Write-Host ''; Write-Host "== $text" -ForegroundColor Cyan }

# Tables as wide as they need to be, even when the output is a pipe or a log, not a console.
function Show { $input | Out-String -Width 220 | Write-Host }

$work = Join-Path ([IO.Path]::GetTempPath()) ("sfhssync-demo-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory -Path $work | Out-Null
$state = Join-Path $work 'state.db'

Step '1. Start the sandbox: an emulated Salesforce org and HubSpot account on loopback (they become the current connections)'
$sandbox = Start-SyncSandbox -Seed Demo
$sandbox | Format-Table | Show

# The demo changes records "by hand", as a user would in each app, through the two APIs.
$sfToken = [Net.NetworkCredential]::new('', $sandbox.Salesforce.AccessToken).Password
$hsToken = [Net.NetworkCredential]::new('', $sandbox.HubSpot.AccessToken).Password
function Invoke-Salesforce([string] $Method, [string] $Path, $Body) {
    $request = @{ Method = $Method; Uri = "$($sandbox.SalesforceUrl)services/data/v59.0/$Path"; Headers = @{ Authorization = "Bearer $sfToken" } }
    if ($Body) { $request.Body = ($Body | ConvertTo-Json); $request.ContentType = 'application/json' }
    Invoke-RestMethod @request
}
function Invoke-HubSpot([string] $Method, [string] $Path, $Body) {
    $request = @{ Method = $Method; Uri = "$($sandbox.HubSpotUrl)$Path"; Headers = @{ Authorization = "Bearer $hsToken" } }
    if ($Body) { $request.Body = ($Body | ConvertTo-Json -Depth 5); $request.ContentType = 'application/json' }
    Invoke-RestMethod @request
}

try {
    Step '2. Map Invoice__c to the HubSpot invoices object, field by field, and keep the mapping as YAML'
    $mappingFile = Join-Path $work 'invoices.sync.yml'
    New-SyncMapping -Name Invoices -SalesforceObject Invoice__c -HubSpotObject p12345678_invoices `
        -ConflictWinner Salesforce -CreateDirection TwoWay -SalesforceIdProperty salesforce_id -HubSpotIdField HubSpot_Id__c |
        Add-FieldMapping -SalesforceField Name -HubSpotProperty invoice_number |
        Add-FieldMapping -SalesforceField Amount__c -HubSpotProperty amount |
        Add-FieldMapping -SalesforceField Due_Date__c -HubSpotProperty due_date |
        Add-FieldMapping -SalesforceField Paid__c -HubSpotProperty paid |
        Add-FieldMapping -SalesforceField Status__c -HubSpotProperty status -Direction SalesforceToHubSpot |
        Add-FieldMapping -SalesforceField Billing_Email__c -HubSpotProperty billing_email |
        Export-SyncMapping -Path $mappingFile -PassThru | Out-Null
    Get-Content $mappingFile | Show

    Step '3. Check the mapping against both live schemas (Test-SyncMapping)'
    Test-SyncMapping -Path $mappingFile | Format-Table -AutoSize | Show
    Write-Host "Ready to sync (no errors): $(Test-SyncMapping -Path $mappingFile -Quiet)"

    Step '4. Preview the first pass (Start-Sync -WhatIf): what would be written, and what would fail'
    $plan = Start-Sync -Path $mappingFile -State $state -WhatIf -WarningAction SilentlyContinue
    $plan | Group-Object Action | Select-Object Name, Count | Format-Table | Show
    $plan | Where-Object Error | Select-Object -First 3 SalesforceId, Error | Format-Table -AutoSize | Show

    Step '5. Sync: every invoice goes to HubSpot; the Void ones cannot (HubSpot''s status has no Void option)'
    Start-Sync -Path $mappingFile -State $state -WarningAction SilentlyContinue -ErrorAction SilentlyContinue -ErrorVariable runErrors |
        Format-Table | Show
    if ($runErrors) { Write-Host "The run says so as an error too: $($runErrors[0].FullyQualifiedErrorId)" }

    Step '6. A failed record, explained (Get-SyncError): kept with its reason, retried on every pass'
    Get-SyncError -State $state | Select-Object -First 3 | Format-Table -AutoSize | Show

    Step '7. Change records in both apps, one of them in both at once, and sync both ways'
    $invoices = (Invoke-Salesforce GET ("query?q=" + [uri]::EscapeDataString("SELECT Id, Name FROM Invoice__c WHERE Status__c != 'Void' ORDER BY Name LIMIT 3"))).records
    $hsIdOf = @{}
    $found = Invoke-HubSpot POST 'crm/v3/objects/2-1234567/batch/read' @{ idProperty = 'salesforce_id'; properties = @('salesforce_id'); inputs = @($invoices | ForEach-Object { @{ id = $_.Id } }) }
    foreach ($record in $found.results) { $hsIdOf[$record.properties.salesforce_id] = $record.id }
    Invoke-Salesforce PATCH "sobjects/Invoice__c/$($invoices[0].Id)" @{ Amount__c = 1999.99 } | Out-Null
    Write-Host "Salesforce: $($invoices[0].Name) amount -> 1999.99"
    Invoke-HubSpot PATCH "crm/v3/objects/2-1234567/$($hsIdOf[$invoices[1].Id])" @{ properties = @{ paid = 'true' } } | Out-Null
    Write-Host "HubSpot:    $($invoices[1].Name) paid -> true"
    Invoke-Salesforce PATCH "sobjects/Invoice__c/$($invoices[2].Id)" @{ Billing_Email__c = 'ap@sales-side.example' } | Out-Null
    Invoke-HubSpot PATCH "crm/v3/objects/2-1234567/$($hsIdOf[$invoices[2].Id])" @{ properties = @{ billing_email = 'ar@hubspot-side.example' } } | Out-Null
    Write-Host "Both:       $($invoices[2].Name) billing email changed in each app (a conflict)"

    Start-Sync -Path $mappingFile -State $state -WhatIf -WarningAction SilentlyContinue |
        Where-Object Action -ne 'CreateInHubSpot' | Format-Table -AutoSize | Show
    Start-Sync -Path $mappingFile -State $state -WarningAction SilentlyContinue -ErrorAction SilentlyContinue | Format-Table | Show

    Step '8. The conflict, resolved as the mapping says (Salesforce wins), and kept in the history'
    Get-SyncConflict -State $state | Format-Table -AutoSize | Show
    $now = Invoke-HubSpot GET "crm/v3/objects/2-1234567/$($hsIdOf[$invoices[2].Id])?properties=billing_email"
    Write-Host "HubSpot now holds billing_email = $($now.properties.billing_email)"

    Step '9. The run history (Get-SyncRun)'
    Get-SyncRun -State $state | Format-Table | Show
}
finally {
    Step 'Stop the sandbox'
    $sandbox | Stop-SyncSandbox
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
